/**
 * Client-side pacing: calls of one bucket (e.g. `starshipit:<credential>`) leave at least
 * `minIntervalMs` apart within one execution, so a run meets the API's rate limit by spacing its
 * calls instead of discovering it through 429s and sleeping on Retry-After.
 *
 * The slot is reserved synchronously before the wait, so calls made concurrently in one execution
 * (several items, several nodes of the same run) queue behind each other instead of leaving
 * together. Keyed by execution id: nothing carries over from one execution to the next, and an
 * entry is dropped once it has been idle for a minute, so the map stays as small as the number of
 * executions running right now. Executions on other workers (queue mode) or other executions on
 * this worker pace themselves separately; the retry on 429 remains their safety net.
 */
import { sleep } from 'n8n-workflow';
import type { RequestContext } from './request';

/** Next free slot (ms since epoch) per execution and bucket. */
const nextSlot = new Map<string, number>();
const IDLE_MS = 60_000;
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
	for (const [key, slot] of nextSlot) if (slot < now - IDLE_MS) nextSlot.delete(key);
}

/** Waits until this execution's next slot in `bucket`; `minIntervalMs` ≤ 0 means no pacing. */
export async function pace(context: RequestContext, bucket: string, minIntervalMs: number): Promise<void> {
	if (!(minIntervalMs > 0)) return;
	const now = Date.now();
	sweep(now);
	const key = `${executionKey(context)}|${bucket}`;
	const at = Math.max(now, nextSlot.get(key) ?? 0);
	nextSlot.set(key, at + minIntervalMs);
	if (at > now) await sleep(at - now);
}

/**
 * Milliseconds between calls for a rate in requests per second (0 or less: unpaced), 5% wider
 * than the limit: calls leave on their slots but reach the server with some jitter, and a limit
 * met exactly turns that jitter into 429s. Not rounded up to whole milliseconds: at 20/s that
 * made the margin 6% (53 ms, not 52.5): 0.12 s more over a 244-call run.
 */
export function intervalForRate(requestsPerSecond: number): number {
	return requestsPerSecond > 0 ? 1050 / requestsPerSecond : 0;
}
