/**
 * "Skip Existing" without a call per order.
 *
 * One paged listing builds the set of order numbers Starshipit already has: unshipped orders and
 * shipped orders updated within the look-back window (250 rows per call, so 1,000 recent orders
 * cost 4 calls, not 1,000). Before each group of up to 50 new orders the set is refreshed with an
 * incremental listing (unshipped orders updated since the previous listing, minus a clock-skew
 * margin): one call per 50 orders, which narrows the window in which a second execution running
 * at the same time (n8n queue mode) can create the same order number to the duration of one import
 * call. Orders outside the look-back window, or created by that other execution inside that short
 * window, are caught by Starshipit's own duplicate error (the import reply names the order), which
 * the node then resolves into the existing order, flagged; that costs one call per such order.
 */
import type { IDataObject } from 'n8n-workflow';
import type { RequestContext } from '../../shared/transport/request';
import { starshipitRequest, starshipitRequestAllItems } from '../transport';

/** Allow this much difference between n8n's clock and Starshipit's. */
const CLOCK_SKEW_MS = 10 * 60 * 1000;

/** RFC 3339 UTC without fractions (the form Starshipit documents). */
export function utcStamp(date: Date): string {
	return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export class ExistingOrders {
	private readonly known = new Map<string, IDataObject>();
	private listedAt?: Date;

	constructor(
		private readonly context: RequestContext,
		private readonly lookbackDays: number,
	) {}

	get(orderNumber: string): IDataObject | undefined {
		return this.known.get(orderNumber);
	}

	remember(order: IDataObject): void {
		if (typeof order.order_number === 'string') this.known.set(order.order_number, order);
	}

	/** First use: the full look-back listing. Later uses: the incremental refresh. */
	async refresh(): Promise<void> {
		const startedAt = new Date();
		if (!this.listedAt) {
			const since = utcStamp(new Date(startedAt.getTime() - this.lookbackDays * 24 * 3600 * 1000));
			await this.list('/api/orders/unshipped', since);
			await this.list('/api/orders/shipped', since);
		} else {
			await this.list('/api/orders/unshipped', utcStamp(new Date(this.listedAt.getTime() - CLOCK_SKEW_MS)));
		}
		this.listedAt = startedAt;
	}

	private async list(path: string, since: string): Promise<void> {
		const rows = await starshipitRequestAllItems(this.context, { path, qs: { since_last_updated: since }, rowsKey: 'orders' });
		for (const row of rows) this.remember(row);
	}
}

/** Full order by order number, or undefined when Starshipit has none (404 or `success:false`). */
export async function findOrderByNumber(context: RequestContext, orderNumber: string, itemIndex?: number): Promise<IDataObject | undefined> {
	const body = await starshipitRequest(context, {
		method: 'GET',
		path: '/api/orders',
		qs: { order_number: orderNumber },
		itemIndex,
		allowAppErrors: true,
	}).catch((error: unknown) => {
		if (String((error as { httpCode?: unknown }).httpCode) === '404') return undefined;
		throw error;
	});
	const order = body?.order as IDataObject | undefined;
	// Pitfall 9: make sure the "detail" reply really is the order asked for.
	return order && order.order_number === orderNumber ? order : undefined;
}

/**
 * Orders created or changed since `since` (minus the clock-skew margin), by order number: how an
 * uncertain create (5xx or dropped connection) finds out which of its orders did land.
 */
export async function recentOrdersByNumber(context: RequestContext, since: Date, itemIndex?: number): Promise<Map<string, IDataObject>> {
	const rows = await starshipitRequestAllItems(context, {
		path: '/api/orders/unshipped',
		qs: { since_last_updated: utcStamp(new Date(since.getTime() - CLOCK_SKEW_MS)) },
		rowsKey: 'orders',
		itemIndex,
	});
	const found = new Map<string, IDataObject>();
	for (const row of rows) if (typeof row.order_number === 'string') found.set(row.order_number, row);
	return found;
}
