/**
 * The "sale order reached a status" poll, with a cursor instead of an ever-growing seen-set.
 *
 * State (workflow static data): the cursor, i.e. the newest time an order reached a watched
 * status and that order's id, plus the `<id>:<status>` keys emitted within OVERLAP_MS before the
 * cursor. Each poll searches from `cursor - OVERLAP_MS` (clock skew, orders written while the
 * previous poll ran), so only that window can return an order twice, and only that window needs
 * remembering: the state holds one overlap window of keys, whatever the number of orders ever seen.
 *
 * Searches go through `searchSaleOrders`, which works whether CartonCloud takes a date range or
 * only day prefixes.
 */
import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { SALE_ORDER_STATUSES, searchSaleOrders } from '../transport/saleOrderSearch';
import { customerIds } from './triggerFields';
import { readChoices } from '../../shared/choices';

export const OVERLAP_MS = 10 * 60_000;
/** Orders a manual ("Fetch Test Event") poll returns, from the last SAMPLE_DAYS. */
const SAMPLE_SIZE = 5;
const SAMPLE_DAYS = 7;

export interface PollState extends IDataObject {
	/** ISO time an order last reached a watched status, and that order's id. */
	cursor?: { time: string; id: string };
	/** `<id>:<status>` keys emitted whose time is within OVERLAP_MS of the cursor, with that time (ms). */
	recent?: Array<[string, number]>;
}

export interface PollSettings {
	statuses: string[];
	customerIds: string[];
	/** Whether the first poll emits every order already in the statuses. */
	emitExisting: boolean;
}

export function seenKey(order: IDataObject): string {
	return `${String(order.id)}:${String(order.status)}`;
}

/** The timestamp a status is stamped with: packed and dispatched have their own, others only `modified`. */
export function timestampFor(status: string): string {
	return status === 'PACKED' ? 'packed' : status === 'DISPATCHED' ? 'dispatched' : 'modified';
}

function timeOf(order: IDataObject, stamp: string): number | undefined {
	const value = ((order.timestamps as IDataObject | undefined)?.[stamp] as IDataObject | undefined)
		?.time;
	const ms = typeof value === 'string' ? Date.parse(value) : Number.NaN;
	return Number.isNaN(ms) ? undefined : ms;
}

/** When the order reached its current status, as well as the API lets us tell. */
export function reachedAt(order: IDataObject): number | undefined {
	return (
		timeOf(order, timestampFor(String(order.status))) ??
		timeOf(order, 'modified') ??
		timeOf(order, 'created')
	);
}

/** The statuses grouped by the timestamp that records them: one search per timestamp. */
function statusesByTimestamp(statuses: string[]): Map<string, string[]> {
	const groups = new Map<string, string[]>();
	for (const status of statuses) {
		const stamp = timestampFor(status);
		groups.set(stamp, [...(groups.get(stamp) ?? []), status]);
	}
	return groups;
}

async function searchSince(
	context: IPollFunctions,
	settings: PollSettings,
	since?: Date,
): Promise<IDataObject[]> {
	const found = new Map<string, IDataObject>();
	for (const [stamp, statuses] of statusesByTimestamp(settings.statuses)) {
		const orders = await searchSaleOrders(context, {
			statuses,
			customerIds: settings.customerIds,
			...(since ? { timePointer: `/timestamps/${stamp}/time`, since } : {}),
		});
		for (const order of orders) found.set(String(order.id), order);
	}
	return [...found.values()];
}

/** A few recent orders for building the workflow in the editor; the state is not touched. */
export async function sampleOrders(
	context: IPollFunctions,
	settings: PollSettings,
	now = new Date(),
): Promise<IDataObject[]> {
	const orders = await searchSince(
		context,
		settings,
		new Date(now.getTime() - SAMPLE_DAYS * 86_400_000),
	);
	return orders.sort((a, b) => (reachedAt(b) ?? 0) - (reachedAt(a) ?? 0)).slice(0, SAMPLE_SIZE);
}

/** One poll: the orders that reached a watched status since the cursor, each `<id>:<status>` once. */
export async function pollSaleOrders(
	context: IPollFunctions,
	state: PollState,
	settings: PollSettings,
	now = new Date(),
): Promise<IDataObject[]> {
	if (!state.cursor) {
		state.cursor = { time: now.toISOString(), id: '' };
		state.recent = [];
		if (!settings.emitExisting) return [];
		const existing = (await searchSince(context, settings)).filter((order) =>
			settings.statuses.includes(String(order.status)),
		);
		advance(state, existing, now);
		return existing;
	}

	const since = Date.parse(state.cursor.time) - OVERLAP_MS;
	const recent = new Set((state.recent ?? []).map(([key]) => key));
	const candidates = await searchSince(context, settings, new Date(since));
	const fresh = candidates.filter((order) => {
		if (!settings.statuses.includes(String(order.status)) || recent.has(seenKey(order)))
			return false;
		// An order edited long after it reached the status is not a new arrival.
		const at = reachedAt(order);
		return at === undefined || at >= since;
	});
	advance(state, fresh, now);
	return fresh;
}

/**
 * Moves the cursor to the newest emitted order (never back, and at least to `now - OVERLAP_MS`, so
 * a quiet tenant's window does not grow) and keeps only the keys inside the new overlap window.
 */
function advance(state: PollState, emitted: IDataObject[], now: Date): void {
	let cursorMs = Math.max(Date.parse(state.cursor!.time), now.getTime() - OVERLAP_MS);
	let cursorId = state.cursor!.id;
	const recent = [...(state.recent ?? [])];
	for (const order of emitted) {
		const at = reachedAt(order) ?? now.getTime();
		recent.push([seenKey(order), at]);
		if (at > cursorMs || (at === cursorMs && String(order.id) > cursorId)) {
			cursorMs = at;
			cursorId = String(order.id);
		}
	}
	state.cursor = { time: new Date(cursorMs).toISOString(), id: cursorId };
	state.recent = recent.filter(([, at]) => at >= cursorMs - OVERLAP_MS);
}

/**
 * One poll of the Sale Order Trigger: by hand, a
 * sample to build the workflow on; on schedule, the orders that reached a status since the cursor.
 */
export async function pollSaleOrderTrigger(
	context: IPollFunctions,
): Promise<INodeExecutionData[][] | null> {
	const settings: PollSettings = {
		statuses: readChoices(
			context,
			context.getNodeParameter('statuses', []),
			SALE_ORDER_STATUSES,
			'Statuses',
		),
		customerIds: customerIds(context.getNodeParameter('customers', {})),
		emitExisting: (context.getNodeParameter('options', {}) as IDataObject).emitExisting === true,
	};
	if (settings.statuses.length === 0) return null;
	const orders =
		context.getMode() === 'manual'
			? await sampleOrders(context, settings)
			: await pollSaleOrders(context, context.getWorkflowStaticData('node') as PollState, settings);
	return orders.length > 0 ? [context.helpers.returnJsonArray(orders)] : null;
}
