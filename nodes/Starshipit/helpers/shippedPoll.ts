/**
 * Polling for shipped orders: emits each order once when it first shows up shipped, or again each
 * time its tracking status changes (per the trigger's setting). What was emitted is kept in the
 * workflow's static data as `order_id -> last tracking status`, capped at MAX_KEYS entries (the
 * oldest are dropped first), so the state stays small however long the workflow runs.
 */
import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import { starshipitRequestAllItems } from '../transport';
import { utcStamp } from './existingOrders';

export const MAX_KEYS = 1000;
/** Each poll looks back this far before the previous poll, for clock skew and late updates. */
const OVERLAP_MS = 10 * 60 * 1000;

export interface PollState extends IDataObject {
	lastPoll?: string;
	/** [order key, last tracking status] in the order they were last seen. */
	seen?: Array<[string, string]>;
}

export interface PollSettings {
	emitOn: 'statusChange' | 'shipped';
	statuses: string[];
	initialLookbackHours: number;
}

const keyOf = (row: IDataObject) => String(row.order_id ?? row.order_number ?? '');
const statusOf = (row: IDataObject) => String(row.tracking_short_status ?? row.tracking_status ?? row.status ?? '');

export async function pollShipped(context: IPollFunctions, state: PollState, settings: PollSettings, now = new Date()): Promise<IDataObject[]> {
	const since = state.lastPoll ? new Date(Date.parse(state.lastPoll) - OVERLAP_MS) : new Date(now.getTime() - settings.initialLookbackHours * 3600 * 1000);
	const rows = await starshipitRequestAllItems(context, { path: '/api/orders/shipped', qs: { since_last_updated: utcStamp(since) }, rowsKey: 'orders' });
	const seen = new Map(state.seen ?? []);
	const emitted: IDataObject[] = [];
	for (const row of rows) {
		const key = keyOf(row);
		if (!key) continue;
		const status = statusOf(row);
		const previous = seen.get(key);
		const wanted = settings.emitOn === 'shipped' ? previous === undefined : previous !== status;
		const passes = settings.statuses.length === 0 || settings.statuses.includes(status);
		if (wanted && passes) {
			emitted.push({ ...row, event: previous === undefined ? 'shipped' : 'trackingStatusChanged', previous_tracking_status: previous ?? null });
		}
		seen.delete(key);
		seen.set(key, status);
	}
	while (seen.size > MAX_KEYS) seen.delete(seen.keys().next().value as string);
	state.seen = [...seen];
	state.lastPoll = now.toISOString();
	return emitted;
}
