/**
 * From sale-order references to consignments, batched (Write Back Tracking and the
 * reconciliation report): the sale order of every look-up, then the consignments CartonCloud
 * generated from those sale orders, with as few searches as possible.
 *
 * Each search ORs up to `LOOKUP_CHUNK` EQUAL_TO leaves, always inside an Or/And condition (a bare
 * leaf is refused), on documented fields only: one search per 50 customer references
 * (`/references/customer`, with `/customer/id` when a customer is given) and one per 50 sale
 * orders for their consignments (`/generatedFromTask/id`). 100 sale orders take 4 searches
 * instead of 200 single reads. A sale order ID is read with `GET` (`/id` is not searchable).
 * The searches (and reads) do not depend on each other and go out a few at a time.
 */
import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { asItemError } from '../../shared/items';
import { readHttpFailure } from '../../shared/transport/failure';
import { forEachInFlight } from '../../shared/transport/inFlight';
import type { RequestContext } from '../../shared/transport/request';
import { allOf, chunk, oneOf, text, type SearchCondition } from './conditions';
import { apiRequest, search } from './index';
import { SALE_ORDERS } from './saleOrderSearch';

export const CONSIGNMENTS = '/consignments';

/**
 * Leaves per OrCondition. The API documents no limit (UNCONFIRMED); 50 keeps each search's
 * results within one page of 100 even when a few references repeat.
 */
export const LOOKUP_CHUNK = 50;

/** Which sale order one input item means. */
export interface SaleOrderLookup {
	itemIndex: number;
	by: 'id' | 'customerReference';
	key: string;
	/** Narrows a customer-reference look-up to one customer; empty for any customer. */
	customerId: string;
	/** How error messages name the sale order, e.g. `Sale order "SO-1"`. */
	subject: string;
}

/** What the write and its messages need of a sale order. */
export interface SaleOrderFacts {
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

/** Sale orders by customer reference: one search per customer and 50 references. */
async function ordersByReference(
	context: RequestContext,
	lookups: SaleOrderLookup[],
): Promise<Map<string, SaleOrderFacts[]>> {
	const found = new Map<string, SaleOrderFacts[]>();
	const byCustomer = new Map<string, Set<string>>();
	for (const l of lookups) {
		if (!byCustomer.has(l.customerId)) byCustomer.set(l.customerId, new Set());
		byCustomer.get(l.customerId)!.add(l.key);
	}
	const searches = [...byCustomer].flatMap(([customerId, references]) =>
		chunk([...references], LOOKUP_CHUNK).map((part) => ({ customerId, part })),
	);
	await forEachInFlight(searches, async ({ customerId, part }) => {
		const conditions: SearchCondition[] = [oneOf('/references/customer', part)];
		if (customerId) conditions.push(text('/customer/id', customerId));
		const orders = await search(context, SALE_ORDERS, allOf(conditions), { returnAll: true });
		for (const facts of orders.map(factsOf)) {
			const key = `${customerId}|${facts.reference}`;
			if (!part.includes(facts.reference)) continue;
			if (customerId && facts.customerId !== customerId) continue;
			found.set(key, [...(found.get(key) ?? []), facts]);
		}
	});
	return found;
}

/**
 * Sale orders by ID, one `GET` each: the documented search fields do not include `/id`, and a
 * sale order ID comes from a single caller (e.g. the print-label endpoint) more than from a batch.
 */
async function ordersById(
	context: RequestContext,
	ids: string[],
): Promise<Map<string, SaleOrderFacts | Error>> {
	const found = new Map<string, SaleOrderFacts | Error>();
	await forEachInFlight(ids, async (id) => {
		try {
			const order = await apiRequest<IDataObject>(context, {
				method: 'GET',
				path: `${SALE_ORDERS}/${encodeURIComponent(id)}`,
			});
			found.set(id, factsOf(order.body ?? {}));
		} catch (error) {
			const status = readHttpFailure(error).status;
			// Not found is this item's answer; anything else (a refused key, an exhausted 429) is not.
			if (status === 404) return;
			if (status === 400 || status === 422) found.set(id, error as Error);
			else throw asItemError(context.getNode(), error);
		}
	});
	return found;
}

/**
 * The sale order of each look-up, by item index, or the item's error: not found, a customer
 * reference that several sale orders share, or a failed single read. Throws when a whole search
 * fails, which concerns every item.
 */
export async function findSaleOrders(
	context: RequestContext,
	lookups: SaleOrderLookup[],
): Promise<Map<number, SaleOrderFacts | Error>> {
	const byReference = await ordersByReference(
		context,
		lookups.filter((l) => l.by === 'customerReference'),
	);
	const idLookups = lookups.filter((l) => l.by === 'id');
	const byId = await ordersById(context, [...new Set(idLookups.map((l) => l.key))]);
	const result = new Map<number, SaleOrderFacts | Error>();
	for (const l of lookups) {
		if (l.by === 'id') {
			const facts = byId.get(l.key);
			result.set(
				l.itemIndex,
				facts ??
					new NodeOperationError(context.getNode(), `${l.subject} not found in CartonCloud`, {
						itemIndex: l.itemIndex,
					}),
			);
			continue;
		}
		const matches = byReference.get(`${l.customerId}|${l.key}`) ?? [];
		if (matches.length === 0) {
			const scope = l.customerId ? ` for customer ${l.customerId}` : '';
			result.set(
				l.itemIndex,
				new NodeOperationError(
					context.getNode(),
					`${l.subject} not found in CartonCloud${scope} (no sale order has this customer reference)`,
					{
						itemIndex: l.itemIndex,
					},
				),
			);
		} else if (matches.length > 1) {
			const who = matches.map((m) => `${m.customerName || m.customerId} (${m.id})`).join(', ');
			result.set(
				l.itemIndex,
				new NodeOperationError(
					context.getNode(),
					`${l.subject} is ambiguous: ${matches.length} sale orders have this reference: ${who}`,
					{
						itemIndex: l.itemIndex,
						description: 'Choose a Customer, or find the sale order by ID',
					},
				),
			);
		} else {
			result.set(l.itemIndex, matches[0]);
		}
	}
	return result;
}

/**
 * The consignments generated from `orders`, by sale order ID: one search per 50 orders on
 * `/generatedFromTask/id`. Results are mapped back by `generatedFromTask.id` when the response
 * carries it; otherwise by the customer reference and customer, which a generated consignment
 * copies from its sale order. A sale order may have several (e.g. one cancelled and remade).
 */
export async function findConsignments(
	context: RequestContext,
	orders: SaleOrderFacts[],
): Promise<Map<string, IDataObject[]>> {
	const result = new Map<string, IDataObject[]>();
	await forEachInFlight(chunk(orders, LOOKUP_CHUNK), async (part) => {
		const ids = new Set(part.map((o) => o.id));
		const byReference = new Map(part.map((o) => [`${o.customerId}|${o.reference}`, o.id]));
		const consignments = await search(
			context,
			CONSIGNMENTS,
			oneOf('/generatedFromTask/id', [...ids]),
			{ returnAll: true },
		);
		for (const consignment of consignments) {
			const taskId = (consignment.generatedFromTask as IDataObject | undefined)?.id;
			let orderId = typeof taskId === 'string' && ids.has(taskId) ? taskId : undefined;
			if (!orderId) {
				const customerId = String((consignment.customer as IDataObject | undefined)?.id ?? '');
				const reference = String(
					(consignment.references as IDataObject | undefined)?.customer ?? '',
				);
				orderId = byReference.get(`${customerId}|${reference}`);
			}
			if (orderId) result.set(orderId, [...(result.get(orderId) ?? []), consignment]);
		}
	});
	return result;
}
