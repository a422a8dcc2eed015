/**
 * Consignment routes (reference §4): get, search (the same grammar as outbound orders, plus the
 * `/generatedFromTask/id` pointer that links a consignment to its sale order) and the full-body
 * PUT guarded by `If-Match: {version}`.
 */
import { customerRef } from './domain.mts';
import type { CartonCloudSandbox } from './index.mts';
import { paginate } from './paging.mts';
import { compileSearch } from './search.mts';
import { CONSIGNMENT_STATUSES, type Consignment } from './types.mts';
import {
	clone,
	fail,
	invalid,
	isObject,
	type Json,
	jsonBody,
	nonEmptyString,
	notFound,
	preferences,
} from './util.mts';
import {
	collector,
	resolveCustomer,
	resolveWarehouse,
	validateAddress,
	validateDate,
} from './validate.mts';

const BASE = '/tenants/:tenantId/consignments';

/** Consignment ValueField keys documented for search (§4); run sheet / driver keys resolve to where those would live. */
const CONSIGNMENT_VALUE_FIELDS: Record<string, string> = {
	reference: '/references/customer',
	customerName: '/customer/name',
	customerId: '/customer/id',
	runSheetId: '/details/runsheet/id',
	runSheetDate: '/details/runsheet/date',
	runSheetName: '/details/runsheet/name',
	runSheetStatus: '/details/runsheet/status',
	driverId: '/user/id',
	driverName: '/user/name',
	deliveryRunId: '/details/deliveryRun/id',
	deliveryRunName: '/details/deliveryRun/name',
};

/** The documented consignment search pointers (§4); `/id`, `/type`, `/status`, `/customer/id` are not. */
const CONSIGNMENT_POINTERS = ['/generatedFromTask/id', '/details/type'] as const;

const DETAIL_TYPES = [
	'DELIVERY',
	'DUPLICATE',
	'RETURNED',
	'PICKUP',
	'POINT_TO_POINT',
	'PICKUP_DELIVERY',
	'WAREHOUSE_FULFILMENT',
];

/**
 * UNCONFIRMED: GET and search responses leave out `generatedFromTask` (it is only searchable);
 * strict, so clients map back via the search itself or the copied `references.customer`.
 */
export function renderConsignment(c: Consignment, withItems = true): Json {
	const { generatedFromTask: _link, ...rest } = clone(c);
	if (!withItems) delete (rest as Json).items;
	return rest;
}

export function registerConsignments(sb: CartonCloudSandbox): void {
	const server = sb.server;
	const find = (id: string) => sb.world.consignments.get(id) ?? notFound('Consignment');

	server.route('GET', `${BASE}/:id`, (req) => {
		const c = find(req.params.id);
		const noItems = preferences(req).has('return=no-items');
		return {
			status: 200,
			headers: (noItems ? { 'Preference-Applied': 'return=no-items' } : {}) as Record<
				string,
				string
			>,
			body: renderConsignment(c, !noItems),
		};
	});

	server.route('POST', `${BASE}/search`, (req) => {
		const rules = sb.searchRules(
			req,
			'POST /consignments/search',
			CONSIGNMENT_VALUE_FIELDS,
			CONSIGNMENT_POINTERS,
		);
		const predicate = compileSearch(jsonBody(req), rules);
		// Stable order: creation order (Map insertion order; a PUT keeps the entry's position).
		const matches = [...sb.world.consignments.values()].filter(predicate);
		return paginate(req, matches, sb.paging, (c) => renderConsignment(c));
	});

	server.route('PUT', `${BASE}/:id`, (req) => {
		const current = find(req.params.id);
		const raw = req.headers['if-match'];
		const ifMatch = (Array.isArray(raw) ? raw[0] : raw)?.trim();
		// 409 vs 412 is our own choice (§9): If-Match problems answer 412 Precondition Failed.
		// UNCONFIRMED: a missing If-Match is also 412 (not 428), and only the bare version number is
		// accepted (no quoted ETag form), as the docs show `If-Match: {version}`.
		if (!ifMatch) fail(412, 'If-Match header with the current version is required');
		if (ifMatch !== String(current.version)) {
			fail(
				412,
				`Consignment has been modified: If-Match ${ifMatch} does not match current version ${current.version}`,
			);
		}
		const body = jsonBody(req);
		if (!isObject(body)) invalid({ field: '/', message: 'Request body must be a JSON object' });
		const { errors, err } = collector();
		if (body.type !== 'CONSIGNMENT') err('/type', "type must be 'CONSIGNMENT'");
		if (body.id !== undefined && body.id !== null && body.id !== current.id)
			err('/id', 'id does not match the URL');
		if (
			typeof body.status !== 'string' ||
			!(CONSIGNMENT_STATUSES as readonly string[]).includes(body.status)
		) {
			err('/status', `status must be one of ${CONSIGNMENT_STATUSES.join(', ')}`);
		}
		const refs = isObject(body.references) ? body.references : {};
		if (!nonEmptyString(refs.customer))
			err('/references/customer', 'Customer reference is required');
		const customer = isObject(body.customer) ? resolveCustomer(sb.world, body.customer) : undefined;
		if (!customer) err('/customer', 'Customer does not exist');
		const warehouse = resolveWarehouse(sb.world, body.warehouse, '/warehouse', err);
		const details = isObject(body.details) ? body.details : {};
		if (typeof details.type !== 'string' || !DETAIL_TYPES.includes(details.type))
			err('/details/type', 'details.type is invalid');
		const deliver = isObject(details.deliver) ? details.deliver : {};
		const deliverAddress = validateAddress(deliver.address, '/details/deliver/address', err);
		validateDate(deliver.requiredDate, '/details/deliver/requiredDate', err);
		const collect = isObject(details.collect) ? details.collect : undefined;
		const collectAddress =
			collect?.address !== undefined
				? validateAddress(collect.address, '/details/collect/address', err)
				: undefined;
		const tracking = details.tracking;
		if (tracking !== undefined && tracking !== null) {
			if (!isObject(tracking))
				err('/details/tracking', 'tracking must be an object {companyName, url}');
			else
				for (const k of ['companyName', 'url']) {
					if (tracking[k] !== undefined && tracking[k] !== null && typeof tracking[k] !== 'string')
						err(`/details/tracking/${k}`, `${k} must be a string`);
				}
		}
		if (body.items !== undefined && body.items !== null && !Array.isArray(body.items))
			err('/items', 'items must be an array');
		if (body.properties !== undefined && body.properties !== null && !isObject(body.properties))
			err('/properties', 'properties must be an object');
		if (errors.length > 0 || !customer || !warehouse || !deliverAddress) invalid(errors);

		// UNCONFIRMED: PUT replaces the whole entity (strict PUT semantics): anything the client left
		// out is dropped. Only id, type, version and the sale-order link are kept by the server.
		const { id: _id, version: _v, generatedFromTask: _g, ...rest } = clone(body);
		const next: Consignment = {
			...(rest as Json),
			id: current.id,
			type: 'CONSIGNMENT',
			status: body.status as string,
			version: current.version + 1,
			references: clone(refs) as Consignment['references'],
			customer: customerRef(customer),
			warehouse,
			details: {
				...(clone(details) as Json),
				type: details.type as string,
				...(collectAddress ? { collect: { ...(collect as Json), address: collectAddress } } : {}),
				deliver: { ...(clone(deliver) as Json), address: deliverAddress },
			} as Consignment['details'],
			items: Array.isArray(body.items) ? clone(body.items as Consignment['items']) : [],
			properties: isObject(body.properties) ? clone(body.properties) : {},
			...(current.generatedFromTask ? { generatedFromTask: current.generatedFromTask } : {}),
		};
		sb.world.consignments.set(current.id, next);
		return { status: 200, body: renderConsignment(next) };
	});
}
