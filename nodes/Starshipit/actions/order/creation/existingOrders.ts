/**
 * The existence check ("Skip Existing"), designed once for three needs: an order Starshipit
 * already has is never created again whatever its age or tab; duplicates made by overlapping runs
 * do not survive; and a re-run costs only listing pages, never a call per order.
 *
 * - Built ONCE per execution, before the first import, from `listOrdersSince` over the unshipped,
 *   printed and shipped tabs. `since` is the earliest order date among the orders about to be
 *   created, minus a clock-skew margin: a Starshipit order made from a sale order cannot have been
 *   updated before the sale order was created, so an order unshipped for 200 days is found at the
 *   cost of the listing pages since then (at most ceil(orders/250) per tab). The look-back setting
 *   counts only for orders that carry no date.
 * - After its imports a run lists what it just created (unshipped since its first import, minus the
 *   margin) and removes the surplus copies of any of its order numbers that Starshipit holds more
 *   than once: the survivor is the earliest copy (lowest order_id), or the earliest one with labels
 *   when one has labels; copies with labels are never deleted. Every run applies the same rule, so
 *   overlapping runs agree on the survivor, and none needs a lock (nodes keep no state in memory).
 * - Copies of one number with different references (two customers' sale orders with the same
 *   reference) are never merged: that is a clash, reported by the caller.
 */
import type { IDataObject } from 'n8n-workflow';
import type { RequestContext } from '../../../../shared/transport/request';
import { starshipitRequest } from '../../../transport';
import { ALL_TABS, listOrdersSince, type ListedOrder, type OrderTab } from '../../../transport/orderListing';

/** Allow this much difference between n8n's clock and Starshipit's. */
export const CLOCK_SKEW_MS = 10 * 60 * 1000;
const DAY_MS = 24 * 3600 * 1000;

/**
 * Where the listing starts: the earliest order date of the orders about to be created (minus the
 * margin); `now - lookbackDays` stands in for orders that carry no (valid) date.
 */
export function listingSince(orderDates: Array<string | undefined>, lookbackDays: number, now = new Date()): Date {
	let earliest = Number.POSITIVE_INFINITY;
	for (const value of orderDates) {
		const time = value ? Date.parse(value) : Number.NaN;
		earliest = Math.min(earliest, Number.isNaN(time) ? now.getTime() - lookbackDays * DAY_MS : time);
	}
	if (!Number.isFinite(earliest)) earliest = now.getTime() - lookbackDays * DAY_MS;
	return new Date(Math.min(earliest, now.getTime()) - CLOCK_SKEW_MS);
}

const sameReference = (a: ListedOrder, b: ListedOrder) => (a.reference ?? '') === (b.reference ?? '') || !a.reference || !b.reference;

/** Every listed copy of every order number, and the one rule that picks the survivor. */
export class OrderIndex {
	// A list per number, not a Map: 10,000 numbers with one copy each cost 3 MB less.
	private readonly byNumber = new Map<string, ListedOrder[]>();

	/** Adds listed rows; a copy seen in two tabs (it moved while we listed) keeps the later tab and its labels. */
	add(rows: ListedOrder[]): void {
		for (const row of rows) {
			const copies = this.byNumber.get(row.order_number);
			if (!copies) {
				this.byNumber.set(row.order_number, [row]);
				continue;
			}
			const at = copies.findIndex((c) => c.order_id === row.order_id);
			if (at < 0) copies.push(row);
			else copies[at] = { ...copies[at], ...row, has_labels: copies[at].has_labels || row.has_labels };
		}
	}

	/** Forgets a copy (deleted, or proven absent). */
	drop(orderNumber: string, orderId: number): void {
		const copies = this.byNumber.get(orderNumber);
		const at = copies?.findIndex((c) => c.order_id === orderId) ?? -1;
		if (at >= 0) copies!.splice(at, 1);
	}

	/** The copies of an order number, earliest first. */
	copies(orderNumber: string): ListedOrder[] {
		return [...(this.byNumber.get(orderNumber) ?? [])].sort((a, b) => a.order_id - b.order_id);
	}

	/** The copy every run keeps: the earliest with labels, else the earliest. */
	survivor(orderNumber: string): ListedOrder | undefined {
		const copies = this.copies(orderNumber);
		return copies.find((c) => c.has_labels) ?? copies[0];
	}

	/** Copies to delete: same number and reference as the survivor, unshipped, no labels, not the survivor. */
	surplus(orderNumber: string): ListedOrder[] {
		const kept = this.survivor(orderNumber);
		if (!kept) return [];
		return this.copies(orderNumber).filter((c) => c.order_id !== kept.order_id && c.tab === 'unshipped' && !c.has_labels && sameReference(c, kept));
	}
}

/** Lists the tabs since `since` into a new index (one pass, before the first import). */
export async function buildOrderIndex(context: RequestContext, since: Date, tabs: OrderTab[] = ALL_TABS, itemIndex?: number): Promise<OrderIndex> {
	const index = new OrderIndex();
	index.add(await listOrdersSince(context, since, tabs, itemIndex));
	return index;
}

export interface SurplusRemoval {
	orderNumber: string;
	kept: ListedOrder;
	removed: number[];
	/** Deletes Starshipit refused (e.g. the copy was printed meanwhile): left in place, reported. */
	notRemoved: string[];
}

/**
 * Deletes the surplus copies of these order numbers (`DELETE /api/orders/delete?order_id=`; a 404
 * means another run removed it first, which is fine). A refused delete is reported, never thrown:
 * the orders themselves exist either way.
 */
export async function removeSurplusCopies(context: RequestContext, index: OrderIndex, orderNumbers: Iterable<string>, itemIndex?: number): Promise<SurplusRemoval[]> {
	const removals: SurplusRemoval[] = [];
	for (const orderNumber of new Set(orderNumbers)) {
		if (index.surplus(orderNumber).length === 0) continue;
		const removal: SurplusRemoval = { orderNumber, kept: index.survivor(orderNumber)!, removed: [], notRemoved: [] };
		// A copy Starshipit refuses to delete (400: printed meanwhile, by a person or another run) is
		// treated as labelled, which may make it the survivor: then the rule runs again on the rest.
		for (let round = 0, surplus = index.surplus(orderNumber); surplus.length && round < 5; round++, surplus = index.surplus(orderNumber)) {
			for (const copy of surplus) {
				try {
					await starshipitRequest(context, { method: 'DELETE', path: '/api/orders/delete', qs: { order_id: copy.order_id }, itemIndex });
				} catch (error) {
					const code = String((error as { httpCode?: unknown }).httpCode);
					if (code !== '404') {
						removal.notRemoved.push(`order ${copy.order_id}: ${(error as Error).message}`);
						if (code !== '400') return [...removals, removal];
						index.add([{ ...copy, has_labels: true }]);
						continue;
					}
				}
				removal.removed.push(copy.order_id);
				index.drop(orderNumber, copy.order_id);
			}
		}
		removal.kept = index.survivor(orderNumber)!;
		removals.push(removal);
	}
	return removals;
}

/** A listed row as item data: what the editor shows for an order that already existed. */
export function listedOrderData(order: ListedOrder): IDataObject {
	return { ...order } as unknown as IDataObject;
}

/**
 * Full order by order number, or undefined when Starshipit has none: only for an account that
 * refused a number as a duplicate although the listing did not show it (one call per such order).
 */
export async function findOrderByNumber(context: RequestContext, orderNumber: string, itemIndex?: number): Promise<IDataObject | undefined> {
	const body = await starshipitRequest(context, { method: 'GET', path: '/api/orders', qs: { order_number: orderNumber }, itemIndex, allowAppErrors: true }).catch(
		(error: unknown) => {
			if (String((error as { httpCode?: unknown }).httpCode) === '404') return undefined;
			throw error;
		},
	);
	const order = body?.order as IDataObject | undefined;
	// Pitfall 9: make sure the "detail" reply really is the order asked for.
	return order && order.order_number === orderNumber ? order : undefined;
}
