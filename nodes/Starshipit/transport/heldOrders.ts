/**
 * Which of these orders Starshipit already holds, and in which state: the one existence rule of
 * Create/Create Many (Skip Existing), Print Many (look before printing) and the reconciliation
 * report. Its cost follows the orders asked about, not the account's history (issue 22):
 *
 * - A few orders (at most `LOOKUPS_AT_MOST`) are looked up one by one (`GET /api/orders?order_number=`
 *   or `?order_id=`, no `status`: a sent status must match the order's tab, and the look-up finds an
 *   order in any tab, archived ones included). A webhook push of one order costs one call.
 * - More orders: the unshipped and printed tabs are listed since the earliest order date (an order
 *   is not updated before its date; these tabs hold the work in flight, so they stay small whatever
 *   the account's age). What they did not show may be shipped long ago: the shipped tab holds the
 *   account's history (330 orders a day at a busy warehouse), so it is listed only as far back as
 *   is cheaper than looking the rest up. Its first page tells how many pages the listing would take;
 *   from that, each order is either listed (the recent ones) or looked up (the old ones), whichever
 *   costs fewer calls. A re-run finds every order it pushed before in the unshipped or printed tab
 *   and lists no shipped page at all.
 * - Archived orders are in no listing: an order found only by a listing is never archived, and an
 *   old one is looked up, which does show them. (An order archived within the listed days is
 *   missed, as by the listing before.)
 */
import type { RequestContext } from '../../shared/transport/request';
import { forEachInFlight } from '../../shared/transport/inFlight';
import { lookUpOrder, type WantedOrder } from './orderLookup';
import { listedFromOrder, listTab, type ListedOrder, type TabPage } from './orderListing';

export type { WantedOrder } from './orderLookup';

/** Allow this much difference between n8n's clock and Starshipit's. */
export const CLOCK_SKEW_MS = 10 * 60 * 1000;
const DAY_MS = 24 * 3600 * 1000;
/** Up to this many orders, looking each up costs no more than listing the three tabs once. */
export const LOOKUPS_AT_MOST = 3;

export interface HeldOrders {
	/** Every copy found, by listing or look-up. */
	rows: ListedOrder[];
	/** What it cost, for the record (the bench reads the sandbox's own log). */
	listingPages: number;
	lookups: number;
	/** Where the unshipped and printed listings started, when they were made. */
	listedSince?: Date;
}

/**
 * Where a listing for these order dates starts: the earliest (minus the clock margin);
 * `now - lookbackDays` stands in for an order with no (valid) date.
 */
export function listingSince(
	orderDates: Array<string | undefined>,
	lookbackDays: number,
	now = new Date(),
): Date {
	let earliest = Number.POSITIVE_INFINITY;
	for (const value of orderDates) {
		const time = value ? Date.parse(value) : Number.NaN;
		earliest = Math.min(
			earliest,
			Number.isNaN(time) ? now.getTime() - lookbackDays * DAY_MS : time,
		);
	}
	if (!Number.isFinite(earliest)) earliest = now.getTime() - lookbackDays * DAY_MS;
	return new Date(Math.min(earliest, now.getTime()) - CLOCK_SKEW_MS);
}

const keyOf = (order: WantedOrder) =>
	order.orderNumber !== undefined ? `n:${order.orderNumber}` : `i:${order.orderId}`;

export interface HeldOrderOptions {
	/** How far back an order without a date may reach (Create's look-back setting). */
	lookbackDays?: number;
	/** Look up every order without a date instead (Print Many: a printed order must never be missed). */
	lookUpUndated?: boolean;
	/** The unshipped and printed tabs, listed already (`listWorkInFlight`). */
	inFlight?: WorkInFlight;
	itemIndex?: number;
	now?: Date;
}

/** The unshipped and printed tabs since `since`, being listed. */
export interface WorkInFlight {
	since: Date;
	pages: Promise<TabPage[]>;
}

/**
 * Starts listing the unshipped and printed tabs for orders of these dates before the orders' own
 * numbers are known: Create builds its orders meanwhile, so the mapping fills the listing's waits.
 * Undefined when so few orders are due that looking each up is cheaper.
 */
export function listWorkInFlight(
	context: RequestContext,
	orderDates: Array<string | undefined>,
	options: HeldOrderOptions = {},
): WorkInFlight | undefined {
	if (orderDates.length <= LOOKUPS_AT_MOST) return undefined;
	const since = listingSince(orderDates, options.lookbackDays ?? 30, options.now);
	const pages: TabPage[] = [];
	const listed = (async () => {
		for (const tab of ['unshipped', 'printed'] as const)
			await listTab(context, tab, since, (page) => void pages.push(page), options.itemIndex);
		return pages;
	})();
	// Awaited by `findHeldOrders`; this only keeps a failure before then from going unhandled.
	listed.catch(() => undefined);
	return { since, pages: listed };
}

/** Finds `wanted` in Starshipit (see the module's note). Throws when Starshipit cannot be asked. */
export async function findHeldOrders(
	context: RequestContext,
	wanted: WantedOrder[],
	options: HeldOrderOptions = {},
): Promise<HeldOrders> {
	const search = new Search(context, wanted, options.itemIndex);
	const now = options.now ?? new Date();
	if (options.inFlight) {
		search.listedSince = options.inFlight.since;
		for (const page of await options.inFlight.pages) search.take(page);
		await search.shipped(now, options.lookbackDays ?? 30);
		return search.result();
	}
	const dated = (o: WantedOrder) =>
		o.orderDate !== undefined && !Number.isNaN(Date.parse(o.orderDate));
	if (options.lookUpUndated)
		await search.lookUp([...search.open.values()].filter((o) => !dated(o)));
	if (search.open.size <= LOOKUPS_AT_MOST) {
		await search.lookUp([...search.open.values()]);
		return search.result();
	}
	search.listedSince = listingSince(
		[...search.open.values()].map((w) => w.orderDate),
		options.lookbackDays ?? 30,
		now,
	);
	for (const tab of ['unshipped', 'printed'] as const)
		await listTab(
			context,
			tab,
			search.listedSince,
			(page) => void search.take(page),
			options.itemIndex,
		);
	await search.shipped(now, options.lookbackDays ?? 30);
	return search.result();
}

/** One search's state: what is still open, what was found, what it cost. */
class Search {
	readonly open = new Map<string, WantedOrder>();
	private readonly byNumber = new Map<string, string>();
	private readonly byId = new Map<number, string>();
	private readonly rows: ListedOrder[] = [];
	private listingPages = 0;
	private lookups = 0;
	listedSince?: Date;

	constructor(
		private readonly context: RequestContext,
		wanted: WantedOrder[],
		private readonly itemIndex?: number,
	) {
		for (const order of wanted) {
			if (order.orderNumber === undefined && order.orderId === undefined) continue;
			const key = keyOf(order);
			this.open.set(key, order);
			if (order.orderNumber !== undefined) this.byNumber.set(order.orderNumber, key);
			if (order.orderId !== undefined) this.byId.set(order.orderId, key);
		}
	}

	/** Keeps the rows of wanted orders from a listing page; every other row is dropped. */
	take(page: TabPage): void {
		this.listingPages++;
		for (const row of page.rows) {
			const key = this.byNumber.get(row.order_number) ?? this.byId.get(row.order_id);
			if (key === undefined) continue;
			this.rows.push(row);
			this.open.delete(key);
		}
	}

	/**
	 * The shipped tab for what is still open: its first page (since the earliest open date) gives
	 * the page count; then the open orders are split at the date where listing the rest of the way
	 * back costs more than looking the older ones up.
	 */
	async shipped(now: Date, lookbackDays: number): Promise<void> {
		if (this.open.size === 0) return;
		if (this.open.size <= LOOKUPS_AT_MOST) return await this.lookUp([...this.open.values()]);
		const byAge = () =>
			[...this.open.values()].sort(
				(a, b) => this.timeOf(a, now, lookbackDays) - this.timeOf(b, now, lookbackDays),
			);
		const since = new Date(this.timeOf(byAge()[0], now, lookbackDays) - CLOCK_SKEW_MS);
		let plan: { lookUpOldest: number; since: Date } | undefined;
		await listTab(
			this.context,
			'shipped',
			since,
			(page) => {
				this.take(page);
				if (
					page.page > 1 ||
					page.totalPages === undefined ||
					page.totalPages <= 1 ||
					this.open.size === 0
				)
					return true;
				plan = this.split(
					byAge(),
					page.totalPages / (now.getTime() - since.getTime()),
					now,
					lookbackDays,
					page.totalPages - 1,
				);
				return plan.lookUpOldest === 0;
			},
			this.itemIndex,
		);
		if (!plan || plan.lookUpOldest === 0 || this.open.size === 0) return;
		const oldest = byAge().slice(0, plan.lookUpOldest);
		if (plan.lookUpOldest < this.open.size)
			await listTab(
				this.context,
				'shipped',
				plan.since,
				(page) => void this.take(page),
				this.itemIndex,
			);
		await this.lookUp(oldest.filter((o) => this.open.has(keyOf(o))));
	}

	/**
	 * Look up the k oldest, list the rest since the k-th date: the k with the fewest calls, from
	 * the shipped tab's pages per millisecond. k = 0 goes on with the listing already started
	 * (`remainingPages` more).
	 */
	private split(
		byAge: WantedOrder[],
		pagesPerMs: number,
		now: Date,
		lookbackDays: number,
		remainingPages: number,
	): { lookUpOldest: number; since: Date } {
		let best = { lookUpOldest: 0, since: new Date(0), calls: remainingPages };
		for (let k = 1; k <= byAge.length; k++) {
			const since =
				k < byAge.length ? new Date(this.timeOf(byAge[k], now, lookbackDays) - CLOCK_SKEW_MS) : now;
			const pages =
				k < byAge.length
					? Math.max(1, Math.ceil(pagesPerMs * (now.getTime() - since.getTime())))
					: 0;
			if (k + pages < best.calls) best = { lookUpOldest: k, since, calls: k + pages };
		}
		return best;
	}

	private timeOf(order: WantedOrder, now: Date, lookbackDays: number): number {
		const time = order.orderDate ? Date.parse(order.orderDate) : Number.NaN;
		return Number.isNaN(time)
			? now.getTime() - lookbackDays * DAY_MS
			: Math.min(time, now.getTime());
	}

	/** One look-up per order, a few in flight (the pacing keeps them under the rate). */
	async lookUp(orders: WantedOrder[]): Promise<void> {
		await forEachInFlight(orders, async (order) => {
			this.lookups++;
			const found = await lookUpOrder(this.context, order, this.itemIndex);
			const row = found ? listedFromOrder(found) : undefined;
			if (!row) return;
			this.rows.push(row);
			this.open.delete(keyOf(order));
		});
	}

	result(): HeldOrders {
		return {
			rows: this.rows,
			listingPages: this.listingPages,
			lookups: this.lookups,
			listedSince: this.listedSince,
		};
	}
}
