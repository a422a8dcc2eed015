/**
 * Client-side pacing: calls of one bucket (e.g. `starshipit:<credential>`) keep under the API's
 * rate within one execution, so a run meets the limit by spacing its calls instead of discovering
 * it through 429s and sleeping on Retry-After.
 *
 * The limit to keep under is the strictest one a rate can mean: Azure APIM (in front of
 * Starshipit) counts `calls` per `renewal-period` over a sliding window of whole seconds, so at
 * 20 requests/s no second may hold a 21st call. Three rules, the first two 5% wider than the limit:
 *
 * - **Slots.** Each call takes the next slot, `1.05 / rate` seconds after the previous one. The
 *   slot is reserved synchronously before the wait, so calls made concurrently in one execution
 *   (several items, several nodes of the same run) queue behind each other instead of leaving
 *   together, and a slot met a millisecond late costs that millisecond once, not on every call.
 * - **Window.** A call also leaves only once the call `rate` places before it left more than a
 *   window (1.05 s) ago, as measured when they actually left. Slots alone are not enough: a call
 *   held up on its way out (a garbage-collection pause, a busy event loop) leaves late while the
 *   ones after it leave on their slots, and the window then holds one call too many.
 * - **The first call counts from its answer.** It opens the connection (DNS, TCP, TLS), so it
 *   reaches the server later after leaving than the calls behind it on the open connection; the
 *   server may count it a window after the one we would count it in. Measured from its answer,
 *   which it cannot have reached the server after, it is never counted too early. The sandbox's
 *   strict window refused the third call of a run at 2/s without this rule.
 *
 * Keyed by execution id: nothing carries over from one execution to the next, and an entry is
 * dropped once it has been idle for a minute, so the map stays as small as the number of
 * executions running right now. Executions on other workers (queue mode) or other executions on
 * this worker pace themselves separately; the retry on 429 remains their safety net.
 */
import { sleep } from 'n8n-workflow';
import type { RequestContext } from './request';

/** Calls are spaced this much wider than the limit: they reach the server with some jitter. */
const MARGIN = 1.05;
const IDLE_MS = 60_000;

interface Lane {
	/** Next free slot (ms since epoch). */
	nextSlot: number;
	/** When the latest calls left, oldest first: one window's worth. NaN: the first call, not answered yet. */
	left: number[];
	/** Settles when the lane's first call is answered (or fails). */
	firstAnswered?: Promise<void>;
}

/** Per execution and bucket. */
const lanes = new Map<string, Lane>();
let lastSweep = 0;

/** The execution id when the context has one (load options and credential tests have none). */
function executionKey(context: RequestContext): string {
	const getExecutionId = (context as { getExecutionId?: () => string }).getExecutionId;
	try {
		return typeof getExecutionId === 'function' ? String(getExecutionId.call(context) ?? 'none') : 'none';
	} catch {
		return 'none';
	}
}

function sweep(now: number): void {
	if (now - lastSweep < IDLE_MS) return;
	lastSweep = now;
	for (const [key, lane] of lanes) if (Math.max(lane.nextSlot, lane.left.at(-1) || 0) < now - IDLE_MS) lanes.delete(key);
}

/** Called once the paced call has its answer (or has failed). */
export type Answered = () => void;

const NOTHING_TO_RECORD: Answered = () => {};

/**
 * Waits until this execution may send its next call in `bucket` at `requestsPerSecond`
 * (0 or less: unpaced). A rate under 1/s (e.g. 0.5: one call every 2 s) has a window of one call.
 * Call the returned function when the call is answered or has failed.
 */
export async function pace(context: RequestContext, bucket: string, requestsPerSecond: number): Promise<Answered> {
	if (!(requestsPerSecond > 0)) return NOTHING_TO_RECORD;
	const intervalMs = (1000 * MARGIN) / requestsPerSecond;
	const windowCalls = Math.max(1, Math.round(requestsPerSecond));
	const windowMs = windowCalls * intervalMs;
	const now = Date.now();
	sweep(now);
	const key = `${executionKey(context)}|${bucket}`;
	const lane = lanes.get(key) ?? { nextSlot: 0, left: [] };
	lanes.set(key, lane);
	const slot = Math.max(now, lane.nextSlot);
	lane.nextSlot = slot + intervalMs;
	if (slot > now) await sleep(slot - now);
	// Checked and recorded with no wait in between, so concurrent callers cannot both pass on one place.
	for (;;) {
		const windowStart = lane.left.length >= windowCalls ? lane.left[lane.left.length - windowCalls] : undefined;
		if (Number.isNaN(windowStart)) {
			await lane.firstAnswered;
			continue;
		}
		const wait = windowStart === undefined ? 0 : windowStart + windowMs - Date.now();
		if (wait <= 0) break;
		await sleep(wait);
	}
	if (lane.firstAnswered === undefined) return leaveFirst(lane);
	lane.left.push(Date.now());
	if (lane.left.length > windowCalls) lane.left.splice(0, lane.left.length - windowCalls);
	return NOTHING_TO_RECORD;
}

/** The lane's first call: counted from its answer (see above). */
function leaveFirst(lane: Lane): Answered {
	let settle: () => void = () => {};
	lane.firstAnswered = new Promise((resolve) => (settle = resolve));
	lane.left.push(Number.NaN);
	return () => {
		const index = lane.left.findIndex(Number.isNaN);
		if (index >= 0) lane.left[index] = Date.now();
		settle();
	};
}
