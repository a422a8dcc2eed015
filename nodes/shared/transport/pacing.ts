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
 * Keyed by bucket, not by execution: every execution of this process that calls with one
 * credential shares its lane, as they share the API's limit (two pushes at once on one worker used
 * to pace only themselves and drew dozens of 429s). An entry is dropped once idle for a minute.
 * Workers of n8n's queue mode share nothing in memory: there a 429 is the only signal, so it
 * pauses the whole lane (`pauseBucket`), and every call waiting in it backs off together, each
 * with its own jitter, instead of each call retrying on its own. It also halves the lane's share
 * of the rate, which then grows back by 2% of the rate a second: two workers pushing at once
 * settle near half the rate each instead of both sending at the full rate and meeting a 429 on
 * every other call (additive increase, multiplicative decrease, as TCP shares a link).
 */
import { sleep } from 'n8n-workflow';

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
	/** No call leaves before this (ms since epoch): set by a 429 (`pauseBucket`). */
	pausedUntil: number;
	/** The share of the rate the lane had right after its last 429 (1: never refused), and when. */
	cutShare: number;
	cutAt: number;
}

/** The least share of the rate a lane falls to, and how fast it grows back (share per second). */
const MIN_SHARE = 0.25;
const RECOVERY_PER_SECOND = 0.02;

/** The lane's share of the rate now: halved by each 429, growing back since. */
function shareOf(lane: Lane, now: number): number {
	return Math.min(1, lane.cutShare + (RECOVERY_PER_SECOND * (now - lane.cutAt)) / 1000);
}

/** Per bucket (API and credential). */
const lanes = new Map<string, Lane>();
let lastSweep = 0;

function sweep(now: number): void {
	if (now - lastSweep < IDLE_MS) return;
	lastSweep = now;
	for (const [key, lane] of lanes)
		if (Math.max(lane.nextSlot, lane.pausedUntil, lane.left.at(-1) || 0) < now - IDLE_MS)
			lanes.delete(key);
}

function laneOf(bucket: string): Lane {
	const lane = lanes.get(bucket) ?? {
		nextSlot: 0,
		left: [],
		pausedUntil: 0,
		cutShare: 1,
		cutAt: 0,
	};
	lanes.set(bucket, lane);
	return lane;
}

/**
 * The API answered 429 for `bucket`: no call of this process leaves in it for `ms`. Calls already
 * waiting for a slot wait on; each then adds up to a fifth of the pause as jitter, so workers that
 * were refused together do not come back in lock-step.
 */
export function pauseBucket(bucket: string, ms: number): void {
	const lane = laneOf(bucket);
	const now = Date.now();
	// The 429s of calls that left together are one signal: the share is halved once a second at most.
	if (now - lane.cutAt > 1000) {
		lane.cutShare = Math.max(MIN_SHARE, shareOf(lane, now) / 2);
		lane.cutAt = now;
	}
	lane.pausedUntil = Math.max(lane.pausedUntil, now + ms);
}

/** How long the lane is still paused, with jitter (0 when it is not). */
function pauseLeft(lane: Lane): number {
	const left = lane.pausedUntil - Date.now();
	return left > 0 ? left + Math.random() * Math.min(left / 5, 1000) : 0;
}

/** Called once the paced call has its answer (or has failed). */
export type Answered = () => void;

const NOTHING_TO_RECORD: Answered = () => {};

/**
 * Waits until this process may send its next call in `bucket` at `requestsPerSecond`
 * (0 or less: unpaced). A rate under 1/s (e.g. 0.5: one call every 2 s) has a window of one call.
 * Call the returned function when the call is answered or has failed.
 */
export async function pace(bucket: string, requestsPerSecond: number): Promise<Answered> {
	if (!(requestsPerSecond > 0)) {
		const paused = lanes.get(bucket);
		for (let wait = paused ? pauseLeft(paused) : 0; wait > 0; wait = pauseLeft(paused!))
			await sleep(wait);
		return NOTHING_TO_RECORD;
	}
	const now = Date.now();
	sweep(now);
	const lane = laneOf(bucket);
	const rate = requestsPerSecond * shareOf(lane, now);
	const intervalMs = (1000 * MARGIN) / rate;
	const windowCalls = Math.max(1, Math.round(rate));
	const windowMs = windowCalls * intervalMs;
	const slot = Math.max(now, lane.nextSlot);
	lane.nextSlot = slot + intervalMs;
	if (slot > now) await sleep(slot - now);
	for (let wait = pauseLeft(lane); wait > 0; wait = pauseLeft(lane)) {
		await sleep(wait);
		// Out of the pause one by one, on fresh slots.
		const after = Math.max(Date.now(), lane.nextSlot);
		lane.nextSlot = after + intervalMs;
		if (after > Date.now()) await sleep(after - Date.now());
	}
	// Checked and recorded with no wait in between, so concurrent callers cannot both pass on one place.
	for (;;) {
		const windowStart =
			lane.left.length >= windowCalls ? lane.left[lane.left.length - windowCalls] : undefined;
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
