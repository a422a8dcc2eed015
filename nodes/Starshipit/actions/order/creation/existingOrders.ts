/**
 * The existence check's rules ("Skip Existing"): an order Starshipit already has is never created
 * again whatever its age or tab (`findHeldOrders` finds it, its cost following the run's orders);
 * duplicates made by overlapping runs do not survive; a number another customer's sale order holds
 * is never taken over.
 *
 * - After its imports a run lists what it just created (unshipped and printed since its first
 *   import, minus the margin; `listCopiesSince`) and removes the surplus copies of any of its order
 *   numbers that Starshipit holds more than once: the survivor is the earliest copy (lowest
 *   order_id), or the earliest one with labels when one has labels; copies with labels are never
 *   deleted. Every run applies the same rule, so overlapping runs agree on the survivor, and none
 *   needs a lock (nodes keep no state in memory).
 * - A copy with another reference is the same order made elsewhere (CartonCloud's own connector, a
 *   person) unless something shows it is another sale order: see `otherSaleOrder`.
 */
import type { IDataObject } from 'n8n-workflow';
import type { StarshipitOrder } from '../../../../shared/mapping/saleOrderToStarshipit';
import type { RequestContext } from '../../../../shared/transport/request';
import { starshipitRequest } from '../../../transport';
import {
	addressKey,
	listTab,
	normalized,
	survivorOf,
	type ListedOrder,
	type OrderTab,
} from '../../../transport/orderListing';

const sameReference = (a: ListedOrder, b: ListedOrder) =>
	(a.reference ?? '') === (b.reference ?? '') || !a.reference || !b.reference;

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
			else
				copies[at] = { ...copies[at], ...row, has_labels: copies[at].has_labels || row.has_labels };
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
		return survivorOf(this.byNumber.get(orderNumber) ?? []);
	}

	/** Copies to delete: same number and reference as the survivor, unshipped, no labels, not the survivor. */
	surplus(orderNumber: string): ListedOrder[] {
		const kept = this.survivor(orderNumber);
		if (!kept) return [];
		return this.copies(orderNumber).filter(
			(c) =>
				c.order_id !== kept.order_id &&
				c.tab === 'unshipped' &&
				!c.has_labels &&
				sameReference(c, kept),
		);
	}
}

/**
 * Does the copy Starshipit holds belong to another sale order than `ours`? Only on positive
 * evidence (issue 21): a different reference alone is not (an order made by CartonCloud's own
 * connector or keyed in by hand carries its own), but a reference that is the customer name of
 * another sale order of this run is, and so is a different consignee: a name that is neither our
 * contact's nor our company's, at another street and post code where the copy shows them.
 */
export function otherSaleOrder(
	ours: StarshipitOrder,
	theirs: ListedOrder,
	otherCustomers: ReadonlySet<string>,
): boolean {
	if (!theirs.reference || !ours.reference || theirs.reference === ours.reference) return false;
	if (otherCustomers.has(theirs.reference)) return true;
	const name = normalized(theirs.destination_name);
	if (!name) return false;
	if ([ours.destination.name, ours.destination.company].some((n) => normalized(n) === name))
		return false;
	return (
		theirs.destination_address === undefined ||
		theirs.destination_address !== addressKey(ours.destination as unknown as IDataObject)
	);
}

/**
 * Copies of `numbers` in the unshipped and printed tabs since `since`. Another run deleting its
 * surplus while we page moves rows from one page to the one before, and a copy read past that way
 * would survive (issue 25); so when a tab took more than one page and the pass shows copies to
 * delete (a race: the other run deletes too), it is listed again until two passes agree. A pass
 * with no duplicate means no run deletes any of these numbers, and one page per tab is read whole.
 */
export async function listCopiesSince(
	context: RequestContext,
	since: Date,
	numbers: ReadonlySet<string>,
	itemIndex?: number,
): Promise<ListedOrder[]> {
	let previous: string | undefined;
	for (let pass = 1; ; pass++) {
		const rows: ListedOrder[] = [];
		let pages = 0;
		for (const tab of ['unshipped', 'printed'] as OrderTab[]) {
			await listTab(
				context,
				tab,
				since,
				(page) => {
					pages = Math.max(pages, page.page);
					for (const row of page.rows) if (numbers.has(row.order_number)) rows.push(row);
				},
				itemIndex,
			);
		}
		const seen = rows
			.map((r) => `${r.order_id}:${r.tab}`)
			.sort()
			.join(',');
		const raced = new Set(rows.map((r) => r.order_number)).size < rows.length;
		if (pages <= 1 || !raced || seen === previous || pass >= 4) return rows;
		previous = seen;
	}
}

export interface SurplusRemoval {
	orderNumber: string;
	removed: number[];
	/** Deletes Starshipit refused (e.g. the copy was printed meanwhile): left in place, reported. */
	notRemoved: string[];
}

/**
 * Deletes the surplus copies of these order numbers (`DELETE /api/orders/delete?order_id=`; a 404
 * means another run removed it first, which is fine). A refused delete is reported, never thrown:
 * the orders themselves exist either way.
 */
export async function removeSurplusCopies(
	context: RequestContext,
	index: OrderIndex,
	orderNumbers: Iterable<string>,
	itemIndex?: number,
): Promise<SurplusRemoval[]> {
	const removals: SurplusRemoval[] = [];
	for (const orderNumber of new Set(orderNumbers)) {
		if (index.surplus(orderNumber).length === 0) continue;
		const removal: SurplusRemoval = { orderNumber, removed: [], notRemoved: [] };
		// A copy Starshipit refuses to delete (400: printed meanwhile, by a person or another run) is
		// treated as labelled, which may make it the survivor: then the rule runs again on the rest.
		for (
			let round = 0, surplus = index.surplus(orderNumber);
			surplus.length && round < 5;
			round++, surplus = index.surplus(orderNumber)
		) {
			for (const copy of surplus) {
				try {
					await starshipitRequest(context, {
						method: 'DELETE',
						path: '/api/orders/delete',
						qs: { order_id: copy.order_id },
						itemIndex,
					});
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
		removals.push(removal);
	}
	return removals;
}

/** A listed row as item data: what the editor shows for an order that already existed. */
export function listedOrderData(order: ListedOrder): IDataObject {
	const data = { ...order } as unknown as IDataObject;
	// A comparison key, not something to show.
	delete data.destination_address;
	return data;
}
