/**
 * Write Back Tracking: puts a shipment's tracking number, carrier and URL on the consignment
 * CartonCloud generated from a sale order (the only documented write path; sale orders cannot be
 * updated through the API).
 *
 * Batched for many input items: sale orders given by customer reference are found with one
 * search per 50 references (an OrCondition of `/references/customer` leaves), sale orders given
 * by ID with one search per 50 IDs, and their consignments with one search per 50 sale orders
 * (an OrCondition of `/generatedFromTask/id` leaves). 100 sale orders take 4 searches. A
 * consignment that already holds the values is not written (`unchanged: true`).
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import { allOf, chunk, oneOf, text, type SearchCondition } from '../../helpers/conditions';
import { CONSIGNMENT_STATUSES, customerLocator } from '../../helpers/descriptions';
import { asItemError, toItems, failedItem } from '../../../shared/items';
import { locatorValue } from '../../helpers/items';
import { apiRequest, search } from '../../transport';
import { alreadyApplied, type ConsignmentChanges, CONSIGNMENTS, updateConsignment } from '../consignment/common';
import { SALE_ORDERS } from '../saleOrder/common';

/**
 * Leaves per OrCondition. The API documents no limit (UNCONFIRMED); 50 keeps each search's
 * results within one page of 100 even when a few references repeat.
 */
export const LOOKUP_CHUNK = 50;

const show = { resource: ['tracking'], operation: ['writeBack'] };

const properties: INodeProperties[] = [
	{
		displayName: 'Find Sale Order By',
		name: 'saleOrderBy',
		type: 'options',
		options: [
			{ name: 'Customer Reference', value: 'customerReference', description: "The customer's order number (e.g. the Starshipit order number)" },
			{ name: 'Sale Order ID', value: 'id' },
		],
		default: 'customerReference',
	},
	{
		displayName: 'Customer Reference',
		name: 'customerReference',
		type: 'string',
		required: true,
		default: '',
		placeholder: '={{ $json.order_number }}',
		displayOptions: { show: { saleOrderBy: ['customerReference'] } },
	},
	customerLocator({
		displayName: 'Customer',
		description: 'Only match sale orders of this customer; needed when the same reference exists for several customers',
		displayOptions: { show: { saleOrderBy: ['customerReference'] } },
	}),
	{
		displayName: 'Sale Order ID',
		name: 'saleOrderId',
		type: 'string',
		required: true,
		default: '',
		displayOptions: { show: { saleOrderBy: ['id'] } },
	},
	{
		displayName: 'Tracking Number',
		name: 'trackingNumber',
		type: 'string',
		required: true,
		default: '',
		description: "Written to the consignment's references.tracking",
	},
	{
		displayName: 'Carrier Name',
		name: 'carrierName',
		type: 'string',
		default: '',
		description: "Written to the consignment's details.tracking.companyName (left as it is when empty)",
	},
	{
		displayName: 'Tracking URL',
		name: 'trackingUrl',
		type: 'string',
		default: '',
		description: "The carrier's tracking page, stored in the consignment's details.tracking (left as it is when empty)",
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Set Consignment Status',
				name: 'consignmentStatus',
				type: 'options',
				options: CONSIGNMENT_STATUSES,
				default: 'IN_TRANSIT_WAREHOUSE_DELIVERY',
				description: 'Also move the consignment to this status',
			},
		],
	},
];

export const description = updateDisplayOptions({ show }, properties);

interface Request {
	itemIndex: number;
	by: 'id' | 'customerReference';
	key: string;
	customerId: string;
	changes: ConsignmentChanges;
	subject: string;
}

interface SaleOrderFacts {
	id: string;
	reference: string;
	customerId: string;
	customerName: string;
	status: string;
}

function factsOf(order: IDataObject): SaleOrderFacts {
	const customer = (order.customer as IDataObject | undefined) ?? {};
	return {
		id: String(order.id ?? ''),
		reference: String((order.references as IDataObject | undefined)?.customer ?? ''),
		customerId: String(customer.id ?? ''),
		customerName: String(customer.name ?? ''),
		status: String(order.status ?? ''),
	};
}

function readRequest(context: IExecuteFunctions, i: number): Request {
	const by = context.getNodeParameter('saleOrderBy', i, 'customerReference') as Request['by'];
	const key = String(context.getNodeParameter(by === 'id' ? 'saleOrderId' : 'customerReference', i, '') ?? '').trim();
	const label = by === 'id' ? 'Sale Order ID' : 'Customer Reference';
	if (!key) {
		throw new NodeOperationError(context.getNode(), `Item ${i + 1}: "${label}" is empty, so no sale order can be found`, { itemIndex: i });
	}
	const subject = by === 'id' ? `Sale order ${key}` : `Sale order "${key}"`;
	const trackingNumber = String(context.getNodeParameter('trackingNumber', i, '') ?? '').trim();
	if (!trackingNumber) {
		throw new NodeOperationError(context.getNode(), `${subject}: "Tracking Number" is empty`, { itemIndex: i });
	}
	const changes: ConsignmentChanges = { trackingNumber };
	const carrierName = String(context.getNodeParameter('carrierName', i, '') ?? '').trim();
	if (carrierName) changes.carrierName = carrierName;
	const trackingUrl = String(context.getNodeParameter('trackingUrl', i, '') ?? '').trim();
	if (trackingUrl) {
		if (!/^https?:\/\/\S+$/i.test(trackingUrl)) {
			throw new NodeOperationError(context.getNode(), `${subject}: "Tracking URL" is not an http(s) URL: ${trackingUrl}`, { itemIndex: i });
		}
		changes.trackingUrl = trackingUrl;
	}
	const status = (context.getNodeParameter('options', i, {}) as IDataObject).consignmentStatus;
	if (typeof status === 'string' && status) changes.status = status;
	const customerId = by === 'customerReference' ? locatorValue(context, 'customer', i) : '';
	return { itemIndex: i, by, key, customerId, changes, subject };
}

/** Sale orders by customer reference: one search per customer and 50 references. */
async function ordersByReference(context: IExecuteFunctions, requests: Request[]): Promise<Map<string, SaleOrderFacts[]>> {
	const found = new Map<string, SaleOrderFacts[]>();
	const byCustomer = new Map<string, Set<string>>();
	for (const r of requests) {
		if (!byCustomer.has(r.customerId)) byCustomer.set(r.customerId, new Set());
		byCustomer.get(r.customerId)!.add(r.key);
	}
	for (const [customerId, references] of byCustomer) {
		for (const part of chunk([...references], LOOKUP_CHUNK)) {
			const conditions: SearchCondition[] = [oneOf('/references/customer', part)];
			if (customerId) conditions.push(text('/customer/id', customerId));
			const orders = await search(context, SALE_ORDERS, allOf(conditions), { returnAll: true });
			for (const facts of orders.map(factsOf)) {
				const key = `${customerId}|${facts.reference}`;
				if (!part.includes(facts.reference)) continue;
				if (customerId && facts.customerId !== customerId) continue;
				found.set(key, [...(found.get(key) ?? []), facts]);
			}
		}
	}
	return found;
}

/**
 * Sale orders by ID: one search per 50 IDs on the pointer `/id`. Searching by `/id` is not
 * documented for outbound orders (UNCONFIRMED), so when CartonCloud refuses it each order is read
 * on its own instead.
 */
async function ordersById(context: IExecuteFunctions, ids: string[]): Promise<Map<string, SaleOrderFacts | Error>> {
	const found = new Map<string, SaleOrderFacts | Error>();
	for (const part of chunk(ids, LOOKUP_CHUNK)) {
		let orders: IDataObject[] | undefined;
		try {
			orders = await search(context, SALE_ORDERS, oneOf('/id', part), { returnAll: true });
		} catch (error) {
			const status = Number((error as { httpCode?: unknown }).httpCode);
			if (![400, 404, 422].includes(status)) throw asItemError(context.getNode(), error);
		}
		if (orders) {
			for (const order of orders) if (part.includes(String(order.id))) found.set(String(order.id), factsOf(order));
			continue;
		}
		for (const id of part) {
			try {
				const order = await apiRequest<IDataObject>(context, { method: 'GET', path: `${SALE_ORDERS}/${encodeURIComponent(id)}` });
				found.set(id, factsOf(order.body ?? {}));
			} catch (error) {
				if (Number((error as { httpCode?: unknown }).httpCode) !== 404) found.set(id, error as Error);
			}
		}
	}
	return found;
}

/**
 * Consignments of the sale orders: one search per 50 orders on `/generatedFromTask/id`. Results
 * are mapped back by `generatedFromTask.id` when the response carries it; otherwise by the
 * customer reference and customer, which a generated consignment copies from its sale order.
 */
async function consignmentsOf(context: IExecuteFunctions, orders: SaleOrderFacts[]): Promise<Map<string, IDataObject[]>> {
	const result = new Map<string, IDataObject[]>();
	for (const part of chunk(orders, LOOKUP_CHUNK)) {
		const ids = new Set(part.map((o) => o.id));
		const byReference = new Map(part.map((o) => [`${o.customerId}|${o.reference}`, o.id]));
		const consignments = await search(context, CONSIGNMENTS, oneOf('/generatedFromTask/id', [...ids]), { returnAll: true });
		for (const consignment of consignments) {
			const taskId = (consignment.generatedFromTask as IDataObject | undefined)?.id;
			let orderId = typeof taskId === 'string' && ids.has(taskId) ? taskId : undefined;
			if (!orderId) {
				const customerId = String((consignment.customer as IDataObject | undefined)?.id ?? '');
				const reference = String((consignment.references as IDataObject | undefined)?.customer ?? '');
				orderId = byReference.get(`${customerId}|${reference}`);
			}
			if (orderId) result.set(orderId, [...(result.get(orderId) ?? []), consignment]);
		}
	}
	return result;
}

/** A live consignment wins over a cancelled one. */
function pickConsignment(candidates: IDataObject[]): IDataObject | undefined {
	return candidates.find((c) => c.status !== 'CANCELLED') ?? candidates[0];
}

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const results: (INodeExecutionData[] | Error)[] = new Array(items.length);
	const requests: Request[] = [];
	for (let i = 0; i < items.length; i++) {
		try {
			requests.push(readRequest(this, i));
		} catch (error) {
			if (!this.continueOnFail()) throw asItemError(this.getNode(), error, i);
			results[i] = error as Error;
		}
	}

	// Find every sale order, then every consignment, in batches.
	const orderOf = new Map<number, SaleOrderFacts>();
	let consignments = new Map<string, IDataObject[]>();
	try {
		const byReference = await ordersByReference(this, requests.filter((r) => r.by === 'customerReference'));
		const idRequests = requests.filter((r) => r.by === 'id');
		const byId = await ordersById(this, [...new Set(idRequests.map((r) => r.key))]);
		for (const r of requests) {
			if (r.by === 'id') {
				const facts = byId.get(r.key);
				if (facts instanceof Error) results[r.itemIndex] = facts;
				else if (!facts) results[r.itemIndex] = new NodeOperationError(this.getNode(), `${r.subject} not found in CartonCloud`, { itemIndex: r.itemIndex });
				else orderOf.set(r.itemIndex, facts);
				continue;
			}
			const matches = byReference.get(`${r.customerId}|${r.key}`) ?? [];
			if (matches.length === 0) {
				const scope = r.customerId ? ` for customer ${r.customerId}` : '';
				results[r.itemIndex] = new NodeOperationError(this.getNode(), `${r.subject} not found in CartonCloud${scope} (no sale order has this customer reference)`, {
					itemIndex: r.itemIndex,
				});
			} else if (matches.length > 1) {
				const who = matches.map((m) => `${m.customerName || m.customerId} (${m.id})`).join(', ');
				results[r.itemIndex] = new NodeOperationError(this.getNode(), `${r.subject} is ambiguous: ${matches.length} sale orders have this reference: ${who}`, {
					itemIndex: r.itemIndex,
					description: 'Choose a Customer, or find the sale order by ID',
				});
			} else {
				orderOf.set(r.itemIndex, matches[0]);
			}
		}
		const unique = new Map([...orderOf.values()].map((o) => [o.id, o]));
		consignments = await consignmentsOf(this, [...unique.values()]);
	} catch (error) {
		// A failed lookup concerns every item still waiting for it.
		if (!this.continueOnFail()) throw asItemError(this.getNode(), error);
		for (const r of requests) if (!results[r.itemIndex]) results[r.itemIndex] = error as Error;
	}

	const touched = new Set<string>();
	for (const r of requests) {
		if (results[r.itemIndex]) continue;
		const order = orderOf.get(r.itemIndex)!;
		const subject = order.reference ? `Sale order "${order.reference}" (${order.id})` : r.subject;
		try {
			const consignment = pickConsignment(consignments.get(order.id) ?? []);
			if (!consignment) {
				throw new NodeOperationError(this.getNode(), `${subject} has no consignment, so its tracking cannot be written back`, {
					itemIndex: r.itemIndex,
					description: `Customer: ${order.customerName || order.customerId}; sale order status: ${order.status}. CartonCloud generates a consignment from a sale order only when the customer's "Automatically Generate a Consignment from a Sale Order" setting is on (by default when the order is packed).`,
				});
			}
			const consignmentId = String(consignment.id);
			let updated: IDataObject = consignment;
			let unchanged = !touched.has(consignmentId) && alreadyApplied(consignment, r.changes);
			if (!unchanged) {
				const result = await updateConsignment(this, consignmentId, r.changes, r.itemIndex);
				updated = result.consignment;
				unchanged = result.unchanged;
			}
			touched.add(consignmentId);
			const tracking = ((updated.details as IDataObject | undefined)?.tracking as IDataObject | null | undefined) ?? {};
			results[r.itemIndex] = toItems(
				{
					saleOrderId: order.id,
					customerReference: order.reference,
					consignmentId,
					trackingNumber: (updated.references as IDataObject | undefined)?.tracking ?? null,
					carrierName: tracking.companyName ?? null,
					trackingUrl: tracking.url ?? null,
					consignmentStatus: updated.status ?? null,
					unchanged,
					consignment: updated,
				},
				r.itemIndex,
			);
		} catch (error) {
			results[r.itemIndex] = error as Error;
		}
	}

	const output: INodeExecutionData[] = [];
	for (let i = 0; i < items.length; i++) {
		const result = results[i];
		if (!(result instanceof Error)) {
			output.push(...(result ?? []));
			continue;
		}
		if (!this.continueOnFail()) throw result;
		const request = requests.find((r) => r.itemIndex === i);
		output.push(failedItem(result, i, request ? { [request.by === 'id' ? 'saleOrderId' : 'customerReference']: request.key } : {}));
	}
	return output;
}
