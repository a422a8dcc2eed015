/**
 * The Starshipit order listing: every order of the chosen tabs updated at or after a date, as
 * slim rows. Starshipit keeps an order in one of three tabs, each with its own list:
 * - unshipped: `GET /api/orders/unshipped?since_last_updated=` (full orders);
 * - printed but not yet shipped: `GET /api/orders/shipments?status=unmanifested&since_created_date=`
 *   (rknell/starshipit_dart `list_shipments_request.dart`, `shipments_order.dart`: rows of order_id,
 *   order_number, date printed, carrier_name, tracking_numbers[]); such orders are in neither other list;
 * - shipped: `GET /api/orders/shipped?since_last_updated=` (summary rows with tracking).
 * Full rows are cut to the slim fields as each page arrives, so 10,000 orders stay small in memory.
 * `ids_only=true` is not used: no public source shows that its rows carry order_number.
 */
import type { IDataObject } from 'n8n-workflow';
import type { RequestContext } from '../../shared/transport/request';
import { starshipitForEachPage } from './index';

export type OrderTab = 'unshipped' | 'printed' | 'shipped';

export interface ListedOrder {
	order_id: number;
	order_number: string;
	reference?: string;
	tab: OrderTab;
	status?: string;
	has_labels: boolean;
	tracking_number?: string;
	carrier_name?: string;
	carrier?: string;
	order_date?: string;
	last_updated?: string;
	shipped_date?: string;
	/** Archived orders are in no listing: only a look-up by number or id shows them. */
	archived?: boolean;
	/** The consignee's name, and street + post code where the row carries them (see `sameConsignee`). */
	destination_name?: string;
	destination_address?: string;
}

/**
 * The copy of an order number every run keeps when Starshipit holds several (the push's duplicate
 * clean-up and the reconciliation report): the earliest with labels, else the earliest (lowest
 * order_id). Undefined when there is none.
 */
export function survivorOf(copies: readonly ListedOrder[]): ListedOrder | undefined {
	const byId = [...copies].sort((a, b) => a.order_id - b.order_id);
	return byId.find((c) => c.has_labels) ?? byId[0];
}

/** RFC 3339 UTC without fractions (the form Starshipit documents). */
export function utcStamp(date: Date): string {
	return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

const text = (value: unknown): string | undefined =>
	typeof value === 'string' && value !== '' ? value : undefined;

/** A full (unshipped) order has labels once a package or the order carries a tracking number. */
function unshippedHasLabels(row: IDataObject): boolean {
	if (text(row.tracking_number)) return true;
	if (/^printed$/i.test(String(row.status ?? ''))) return true;
	const packages = Array.isArray(row.packages) ? (row.packages as IDataObject[]) : [];
	return packages.some((p) => text(p?.tracking_number) !== undefined);
}

/** Lower-case letters and digits only: "1 George St." and "1 george st" are one street. */
export const normalized = (value: unknown): string =>
	typeof value === 'string' ? value.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '') : '';

/** street + post code of a Starshipit destination, normalized; undefined when it has neither. */
export function addressKey(destination: IDataObject | undefined): string | undefined {
	const key = normalized(destination?.street) + '|' + normalized(destination?.post_code);
	return key === '|' ? undefined : key;
}

function slim(row: IDataObject, tab: OrderTab): ListedOrder | undefined {
	const orderId = Number(row.order_id);
	const orderNumber =
		row.order_number === undefined || row.order_number === null
			? undefined
			: String(row.order_number);
	if (!Number.isFinite(orderId) || !orderNumber) return undefined;
	const trackingNumbers = Array.isArray(row.tracking_numbers)
		? (row.tracking_numbers as unknown[]).map(String)
		: [];
	const listed: ListedOrder = {
		order_id: orderId,
		order_number: orderNumber,
		tab,
		has_labels: tab !== 'unshipped' || unshippedHasLabels(row),
	};
	const optional: Partial<ListedOrder> = {
		reference: text(row.reference),
		status: text(row.status),
		tracking_number: text(row.tracking_number) ?? trackingNumbers.find((t) => t !== ''),
		carrier_name: text(row.carrier_name),
		carrier: text(row.carrier),
		order_date: text(row.order_date),
		last_updated: text(row.last_updated) ?? (tab === 'printed' ? text(row.date) : undefined),
		shipped_date: text(row.shipped_date),
		archived: row.archived === true ? true : undefined,
		destination_name: text((row.destination as IDataObject | undefined)?.name) ?? text(row.name),
		destination_address: addressKey(row.destination as IDataObject | undefined),
	};
	for (const [key, value] of Object.entries(optional))
		if (value !== undefined) (listed as unknown as IDataObject)[key] = value;
	return listed;
}

const TAB_LISTS: Record<OrderTab, { path: string; qs: (since: string) => IDataObject }> = {
	unshipped: { path: '/api/orders/unshipped', qs: (since) => ({ since_last_updated: since }) },
	// Printing happens after the order is created, so "printed since" covers "updated since".
	printed: {
		path: '/api/orders/shipments',
		qs: (since) => ({ status: 'unmanifested', since_created_date: since }),
	},
	shipped: { path: '/api/orders/shipped', qs: (since) => ({ since_last_updated: since }) },
};

/** Where a look-up (`GET /api/orders?order_number=`) finds the order: its status says its tab. */
export function tabOfOrder(order: IDataObject): OrderTab {
	const status = String(order.status ?? '').toLowerCase();
	if (order.manifested === true || status === 'shipped' || status === 'delivered') return 'shipped';
	if (status === 'printed') return 'printed';
	return 'unshipped';
}

/** A full order read on its own, as a listed row (archived ones included). */
export function listedFromOrder(order: IDataObject): ListedOrder | undefined {
	return slim(order, tabOfOrder(order));
}

export interface TabPage {
	rows: ListedOrder[];
	page: number;
	/** The page count the reply gave (undefined when it gave none). */
	totalPages?: number;
}

/**
 * One tab's orders updated at or after `since`, page by page, as slim rows (cut as they arrive: a
 * full page is never held). `onPage` returns false to stop before the next page.
 */
export async function listTab(
	context: RequestContext,
	tab: OrderTab,
	since: Date,
	onPage: (page: TabPage) => boolean | void,
	itemIndex?: number,
): Promise<void> {
	const list = TAB_LISTS[tab];
	let page = 0;
	await starshipitForEachPage<ListedOrder>(
		context,
		{ path: list.path, qs: list.qs(utcStamp(since)), rowsKey: 'orders', pageSize: 250, itemIndex },
		(rows, totalPages) => onPage({ rows, page: ++page, totalPages }),
		(row) => slim(row, tab),
	);
}

/** Every order of the given tabs updated at or after `since`, as slim rows, paged 250 at a time. */
export async function listOrdersSince(
	context: RequestContext,
	since: Date,
	tabs: OrderTab[],
	itemIndex?: number,
): Promise<ListedOrder[]> {
	const found: ListedOrder[] = [];
	for (const tab of tabs)
		await listTab(context, tab, since, ({ rows }) => void found.push(...rows), itemIndex);
	return found;
}
