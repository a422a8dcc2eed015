/**
 * Customer routes (reference §8): a paged list of `{id, name}`, get by id, and create.
 */
import type { CartonCloudSandbox } from './index.mts';
import { paginate } from './paging.mts';
import type { Customer } from './types.mts';
import { clone, invalid, isObject, jsonBody, nonEmptyString, notFound } from './util.mts';
import { collector, resolveWarehouse } from './validate.mts';

const BASE = '/tenants/:tenantId/customers';

export function registerCustomers(sb: CartonCloudSandbox): void {
	const server = sb.server;

	// The list is documented as `[{id, name}]`; the full record comes from GET by id.
	server.route('GET', BASE, (req) =>
		paginate(req, sb.world.customers, sb.paging, (c) => ({ id: c.id, name: c.name })),
	);

	server.route('GET', `${BASE}/:id`, (req) => {
		const customer = sb.world.customers.find((c) => c.id === req.params.id) ?? notFound('Customer');
		return { status: 200, body: clone(customer) };
	});

	server.route('POST', BASE, (req) => {
		const body = jsonBody(req);
		if (!isObject(body)) invalid({ field: '/', message: 'Request body must be a JSON object' });
		const { errors, err } = collector();
		// UNCONFIRMED: scope, name and references.code are all required (strict).
		if (body.scope !== 'CUSTOMER') err('/scope', "scope must be 'CUSTOMER'");
		if (!nonEmptyString(body.name)) err('/name', 'name is required');
		const code = isObject(body.references) ? body.references.code : undefined;
		if (!nonEmptyString(code)) err('/references/code', 'references.code is required');
		const warehouses =
			Array.isArray(body.warehouses) && body.warehouses.length > 0 ? body.warehouses : [null];
		const resolved = warehouses.map((w, i) =>
			resolveWarehouse(sb.world, w, `/warehouses/${i}`, err),
		);
		for (const k of ['email', 'telephone']) {
			if (body[k] !== undefined && body[k] !== null && typeof body[k] !== 'string')
				err(`/${k}`, `${k} must be a string`);
		}
		if (errors.length > 0) invalid(errors);
		const duplicate = sb.world.customers.find((c) => c.references.code === code);
		if (duplicate) {
			invalid({
				field: '/references/code',
				message: `Customer code '${code}' already exists`,
				type: 'DUPLICATE',
				details: { duplicateId: duplicate.id },
			});
		}
		const customer: Customer = {
			id: sb.newId(),
			name: body.name as string,
			enabled: true,
			references: { code: code as string },
			scope: 'CUSTOMER',
			email: (body.email as string | undefined) ?? null,
			telephone: (body.telephone as string | undefined) ?? null,
			warehouses: resolved.filter((w): w is { id: string; name: string } => !!w),
		};
		sb.world.customers.push(customer);
		// New customers get CartonCloud's default "Yes when Packed" and strict address checks.
		sb.world.settings.set(customer.id, {
			autoGenerateConsignment: 'WHEN_PACKED',
			allowInvalidAddresses: false,
		});
		return { status: 201, body: clone(customer) };
	});
}
