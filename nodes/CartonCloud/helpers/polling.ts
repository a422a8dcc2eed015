/**
 * State and selection for the "Sale Order Reached Status" poll.
 *
 * Each poll searches sale orders in the chosen statuses whose modified, packed or dispatched
 * time is at or after the previous poll minus an overlap (clock skew between n8n and CartonCloud,
 * orders written while the previous poll ran). The overlap re-reads some orders, so a bounded
 * seen-set of `<id>:<status>` keys makes each order emit once per status.
 */
import type { IDataObject } from 'n8n-workflow';

export const OVERLAP_MS = 10 * 60_000;
export const SEEN_LIMIT = 5000;

export interface PollState {
	/** ISO time the previous poll started (n8n's clock). */
	lastPoll?: string;
	/** `<sale order id>:<status>` keys already emitted, oldest first. */
	seen?: string[];
}

export function seenKey(order: IDataObject): string {
	return `${String(order.id)}:${String(order.status)}`;
}

/** Adds keys, dropping the oldest beyond SEEN_LIMIT. */
export function remember(state: PollState, keys: string[]): void {
	const seen = [...(state.seen ?? []), ...keys];
	state.seen = seen.length > SEEN_LIMIT ? seen.slice(seen.length - SEEN_LIMIT) : seen;
}

function timeOf(order: IDataObject, stamp: string): number | undefined {
	const value = ((order.timestamps as IDataObject | undefined)?.[stamp] as IDataObject | undefined)?.time;
	const ms = typeof value === 'string' ? Date.parse(value) : Number.NaN;
	return Number.isNaN(ms) ? undefined : ms;
}

/**
 * When the order reached its current status, as well as the API lets us tell: the packed time
 * for PACKED, the dispatched time for DISPATCHED, otherwise the last modification.
 */
export function reachedAt(order: IDataObject): number | undefined {
	const specific = order.status === 'PACKED' ? timeOf(order, 'packed') : order.status === 'DISPATCHED' ? timeOf(order, 'dispatched') : undefined;
	return specific ?? timeOf(order, 'modified') ?? timeOf(order, 'created');
}
