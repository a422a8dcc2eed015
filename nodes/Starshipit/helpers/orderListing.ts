/**
 * PROVISIONAL (owner: ss-push, SHARED-DESIGN §1): the Starshipit order listing with exactly the
 * shared signature, so the reconciliation report can depend on it before ss-push's version lands.
 * The lead keeps ss-push's file at merge; nothing else here may be relied on.
 */
import type { IDataObject } from 'n8n-workflow';
import type { RequestContext } from '../../shared/transport/request';
import { starshipitRequestAllItems } from '../transport';

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
}

const TAB_PATHS: Record<OrderTab, { path: string; qs: IDataObject }> = {
	unshipped: { path: '/api/orders/unshipped', qs: {} },
	// Printed-not-shipped orders sit in their own tab (reference, "Added 2026-11-30"); the list form
	// pages by page_size/page_number (UNCONFIRMED), so ask for 250 at once.
	printed: { path: '/api/orders', qs: { status: 'Printed', page_size: 250 } },
	shipped: { path: '/api/orders/shipped', qs: {} },
};

function text(value: unknown): string | undefined {
	return typeof value === 'string' && value !== '' ? value : undefined;
}

function slim(row: IDataObject, tab: OrderTab): ListedOrder {
	const tracking = text(row.tracking_number);
	return {
		order_id: Number(row.order_id),
		order_number: String(row.order_number ?? ''),
		reference: text(row.reference),
		tab,
		status: text(row.status),
		has_labels: tab !== 'unshipped' || Boolean(tracking),
		tracking_number: tracking,
		carrier_name: text(row.carrier_name),
		carrier: text(row.carrier),
		order_date: text(row.order_date),
		last_updated: text(row.last_updated),
		shipped_date: text(row.shipped_date),
	};
}

/** Every order of the given tabs updated at or after `since`, as slim rows, paged 250 at a time
 *  (only the slim fields are kept page by page, so 10,000 orders stay small in memory). */
export async function listOrdersSince(
	context: RequestContext,
	since: Date,
	tabs: OrderTab[] = ['unshipped', 'printed', 'shipped'],
	itemIndex?: number,
): Promise<ListedOrder[]> {
	const stamp = since.toISOString().replace(/\.\d{3}Z$/, 'Z');
	const listed: ListedOrder[] = [];
	for (const tab of tabs) {
		const { path, qs } = TAB_PATHS[tab];
		const rows = await starshipitRequestAllItems(context, { path, qs: { ...qs, since_last_updated: stamp }, rowsKey: 'orders', itemIndex });
		for (const row of rows) listed.push(slim(row, tab));
	}
	return listed;
}
