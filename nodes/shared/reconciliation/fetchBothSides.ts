/**
 * The one batched fetch step before the comparison. Its cost is a fixed handful of paged listings,
 * never a call per order:
 *   1. CartonCloud: every sale order at the push status (`searchSaleOrders`, 100 a page).
 *   2. Starshipit: every order of the three tabs updated since the window start (`listOrdersSince`,
 *      250 a page per tab), and, for the sale orders of step 1 that listing did not show (created
 *      before the window, pushed long ago and untouched since), the existence rule Create uses
 *      (`findHeldOrders`): looked up one by one, or listed as far back as is cheaper. Its cost
 *      follows the sale orders waiting, not the account's history (issue 22).
 *   3. CartonCloud: the sale orders of the Starshipit order numbers step 1 did not explain, one
 *      search per 50 references.
 *   4. CartonCloud: the consignments of the sale orders behind shipped orders, one search per 50.
 * Every search condition is an And/Or (the builders always wrap: "Missing field: conditions"
 * otherwise) and uses documented fields only (`/status`, `/references/customer`, `/generatedFromTask/id`).
 */
import type { IDataObject } from 'n8n-workflow';
import { search } from '../../CartonCloud/transport';
import { chunk, oneOf } from '../../CartonCloud/transport/conditions';
import { findConsignments, LOOKUP_CHUNK } from '../../CartonCloud/transport/consignmentLookup';
import { SALE_ORDERS, searchSaleOrders } from '../../CartonCloud/transport/saleOrderSearch';
import type { RequestContext } from '../transport/request';
import { CLOCK_SKEW_MS, findHeldOrders } from '../../Starshipit/transport/heldOrders';
import { listOrdersSince, type ListedOrder } from '../../Starshipit/transport/orderListing';
import type { ConsignmentRow, SaleOrderRow } from './compare';

export interface BothSides {
	saleOrders: SaleOrderRow[];
	starshipitOrders: ListedOrder[];
	consignments: ConsignmentRow[];
	/** Where the Starshipit listing started. */
	listedSince: Date;
}

function rowOf(order: IDataObject): SaleOrderRow {
	const customer = (order.customer as IDataObject | undefined) ?? {};
	const created = (
		(order.timestamps as IDataObject | undefined)?.created as IDataObject | undefined
	)?.time;
	return {
		id: String(order.id ?? ''),
		reference: String((order.references as IDataObject | undefined)?.customer ?? '').trim(),
		customerId: String(customer.id ?? ''),
		customerName: String(customer.name ?? ''),
		status: String(order.status ?? ''),
		createdAt: typeof created === 'string' ? created : undefined,
	};
}

async function saleOrdersByReference(
	context: RequestContext,
	references: string[],
	itemIndex: number,
): Promise<SaleOrderRow[]> {
	const rows: SaleOrderRow[] = [];
	for (const part of chunk(references, LOOKUP_CHUNK)) {
		const found = await search(context, SALE_ORDERS, oneOf('/references/customer', part), {
			returnAll: true,
			itemIndex,
		});
		rows.push(...found.map(rowOf).filter((row) => part.includes(row.reference)));
	}
	return rows;
}

/** The consignments generated from `orders` (the write-back's own look-up), as rows. */
async function consignmentsOf(
	context: RequestContext,
	orders: SaleOrderRow[],
): Promise<ConsignmentRow[]> {
	const rows: ConsignmentRow[] = [];
	for (const [saleOrderId, consignments] of await findConsignments(context, orders)) {
		for (const consignment of consignments) {
			const tracking = (consignment.references as IDataObject | undefined)?.tracking;
			rows.push({
				id: String(consignment.id ?? ''),
				saleOrderId,
				status: String(consignment.status ?? ''),
				tracking: typeof tracking === 'string' && tracking !== '' ? tracking : undefined,
			});
		}
	}
	return rows;
}

export async function fetchBothSides(
	context: RequestContext,
	request: { pushStatuses: string[]; windowStart: Date; itemIndex: number },
): Promise<BothSides> {
	const { pushStatuses, windowStart, itemIndex } = request;
	const atPush = (await searchSaleOrders(context, { statuses: pushStatuses }, itemIndex)).map(
		rowOf,
	);

	const windowListed = new Date(windowStart.getTime() - CLOCK_SKEW_MS);
	const starshipitOrders = await listOrdersSince(
		context,
		windowListed,
		['unshipped', 'printed', 'shipped'],
		itemIndex,
	);
	const listedNumbers = new Set(starshipitOrders.map((o) => o.order_number));
	// A sale order created inside the window and not listed is not in Starshipit; an older one may be.
	const olderThanWindow = (o: SaleOrderRow) =>
		!(Date.parse(o.createdAt ?? '') >= windowListed.getTime());
	const unseen = atPush.filter(
		(o) => o.reference && !listedNumbers.has(o.reference) && olderThanWindow(o),
	);
	const held = await findHeldOrders(
		context,
		unseen.map((o) => ({ orderNumber: o.reference, orderDate: o.createdAt })),
		{ itemIndex },
	);
	const listedIds = new Set(starshipitOrders.map((o) => o.order_id));
	for (const row of held.rows) if (!listedIds.has(row.order_id)) starshipitOrders.push(row);
	const listedSince =
		held.listedSince && held.listedSince < windowListed ? held.listedSince : windowListed;

	const known = new Set(atPush.map((o) => o.reference));
	const unexplained = [...new Set(starshipitOrders.map((o) => o.order_number))].filter(
		(n) => n && !known.has(n),
	);
	const saleOrders = [...atPush, ...(await saleOrdersByReference(context, unexplained, itemIndex))];

	const shippedNumbers = new Set(
		starshipitOrders
			.filter((o) => o.tab === 'shipped' && o.tracking_number)
			.map((o) => o.order_number),
	);
	const behindShipped = [
		...new Map(
			saleOrders.filter((o) => shippedNumbers.has(o.reference)).map((o) => [o.id, o]),
		).values(),
	];
	const consignments = await consignmentsOf(context, behindShipped);

	return { saleOrders, starshipitOrders, consignments, listedSince };
}
