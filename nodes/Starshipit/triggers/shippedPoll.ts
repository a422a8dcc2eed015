/**
 * Polling for shipped orders with a cursor instead of an ever-growing seen-set.
 *
 * `GET /api/orders/shipped?since_last_updated=` returns every shipped order updated since then;
 * its rows carry `shipped_date` and the tracking status but no update time. Each poll lists from
 * `cursor - OVERLAP_MS` (clock skew, late writes), so only that window can return a row twice, and
 * the state keeps only the keys that can still come back:
 * - "Each Shipped Order Once": the cursor is the newest `shipped_date` seen (and its order id);
 *   an order is emitted when its shipped date is inside the window and its id is not among those
 *   remembered for the window.
 * - "Each Tracking Update": rows have no update time, so the cursor is the poll time and the key
 *   is `<order id>:<tracking status>`. When the listed window is wide (first poll, or after a
 *   pause) a second, narrow listing tells which rows can come back, and only those are kept.
 * Either way the state is one overlap window of keys, whatever the number of orders ever shipped.
 */
import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { starshipitRequestAllItems } from '../transport';
import { utcStamp } from '../transport/orderListing';
import { readTrackingStatuses } from './triggerFields';

const OVERLAP_MS = 10 * 60 * 1000;
const SAMPLE_SIZE = 5;

export interface PollState extends IDataObject {
	/** Newest shipped date seen (or the last poll's time, per mode) and its order id. */
	cursor?: { time: string; id: string };
	/** Keys that may be listed again, with the time (ms) that keeps them in the window. */
	recent?: Array<[string, number]>;
}

export interface PollSettings {
	emitOn: 'statusChange' | 'shipped';
	statuses: string[];
	initialLookbackHours: number;
}

const idOf = (row: IDataObject) => String(row.order_id ?? row.order_number ?? '');
const statusOf = (row: IDataObject) =>
	String(row.tracking_short_status ?? row.tracking_status ?? row.status ?? '');
const shippedAt = (row: IDataObject) => Date.parse(String(row.shipped_date ?? ''));
const keyOf = (row: IDataObject, settings: PollSettings) =>
	settings.emitOn === 'shipped' ? idOf(row) : `${idOf(row)}:${statusOf(row)}`;

async function listShipped(
	context: IPollFunctions,
	since: Date,
	limit?: number,
): Promise<IDataObject[]> {
	return await starshipitRequestAllItems(context, {
		path: '/api/orders/shipped',
		qs: { since_last_updated: utcStamp(since) },
		rowsKey: 'orders',
		limit,
	});
}

/** Recent shipped orders for building the workflow in the editor; the state is not touched. */
async function sampleShipped(
	context: IPollFunctions,
	settings: PollSettings,
	now = new Date(),
): Promise<IDataObject[]> {
	const hours = Math.max(settings.initialLookbackHours, 24 * 7);
	return await listShipped(context, new Date(now.getTime() - hours * 3600 * 1000), SAMPLE_SIZE);
}

async function pollShipped(
	context: IPollFunctions,
	state: PollState,
	settings: PollSettings,
	now = new Date(),
): Promise<IDataObject[]> {
	const firstPoll = !state.cursor;
	const since = firstPoll
		? now.getTime() - settings.initialLookbackHours * 3600 * 1000
		: Date.parse(state.cursor!.time) - OVERLAP_MS;
	const remembered = new Map(state.recent ?? []);
	const rows = await listShipped(context, new Date(since));

	const emitted: IDataObject[] = [];
	for (const row of rows) {
		const id = idOf(row);
		if (!id || remembered.has(keyOf(row, settings))) continue;
		const shipped = shippedAt(row);
		const newlyShipped = !Number.isNaN(shipped) && shipped >= since;
		// "Each shipped order once" only looks at orders shipped inside the window; older ones listed
		// because of a later tracking update were emitted when they shipped.
		if (settings.emitOn === 'shipped' && !newlyShipped) continue;
		const status = statusOf(row);
		if (settings.statuses.length === 0 || settings.statuses.includes(status)) {
			emitted.push({ ...row, event: newlyShipped ? 'shipped' : 'trackingStatusChanged' });
		}
		remembered.set(keyOf(row, settings), settings.emitOn === 'shipped' ? shipped : now.getTime());
	}

	if (settings.emitOn === 'shipped') {
		let cursorMs = Math.max(
			firstPoll ? since : Date.parse(state.cursor!.time),
			now.getTime() - OVERLAP_MS,
		);
		let cursorId = state.cursor?.id ?? '';
		for (const row of rows) {
			const shipped = shippedAt(row);
			if (shipped > cursorMs || (shipped === cursorMs && idOf(row) > cursorId))
				[cursorMs, cursorId] = [shipped, idOf(row)];
		}
		state.cursor = { time: new Date(cursorMs).toISOString(), id: cursorId };
		state.recent = [...remembered].filter(([, at]) => at >= cursorMs - OVERLAP_MS);
		return emitted;
	}

	// Tracking updates: the next poll lists from now - OVERLAP_MS, so keys older than that window
	// cannot come back. After a wide window, list the narrow one to learn which rows can.
	const nextSince = now.getTime() - OVERLAP_MS;
	let keep = (key: string, at: number) => at >= nextSince - OVERLAP_MS;
	if (now.getTime() - since > 2 * OVERLAP_MS) {
		const listedAgain = new Set(
			(await listShipped(context, new Date(nextSince))).map((row) => keyOf(row, settings)),
		);
		keep = (key) => listedAgain.has(key);
	}
	state.cursor = { time: now.toISOString(), id: '' };
	state.recent = [...remembered].filter(([key, at]) => keep(key, at));
	return emitted;
}

/**
 * One poll of the Shipped Order Trigger: by hand, a
 * sample to build the workflow on; on schedule, what shipped or changed since the cursor.
 */
export async function pollShippedOrderTrigger(
	context: IPollFunctions,
): Promise<INodeExecutionData[][] | null> {
	const settings: PollSettings = {
		emitOn: context.getNodeParameter('emitOn', 'statusChange') as PollSettings['emitOn'],
		statuses: readTrackingStatuses(context),
		initialLookbackHours: context.getNodeParameter('initialLookbackHours', 24) as number,
	};
	const rows =
		context.getMode() === 'manual'
			? await sampleShipped(context, settings)
			: await pollShipped(context, context.getWorkflowStaticData('node') as PollState, settings);
	return rows.length ? [context.helpers.returnJsonArray(rows)] : null;
}
