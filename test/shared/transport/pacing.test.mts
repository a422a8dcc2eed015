/**
 * `pace` against the strictest reading of a rate limit (APIM's sliding window): no window of one
 * second may hold more calls than the rate, even when a call leaves late.
 */
import { describe, expect, it } from 'vitest';
import { pace } from '../../../nodes/shared/transport/pacing.ts';
import type { RequestContext } from '../../../nodes/shared/transport/request.ts';

const execution = (id: string) => ({ getExecutionId: () => id }) as unknown as RequestContext;

/** Keeps the event loop busy, as a long garbage collection or a large page's parsing does. */
function blockFor(ms: number): void {
	const until = Date.now() + ms;
	while (Date.now() < until);
}

/** The most calls any window of `windowMs` holds. */
function busiestWindow(times: number[], windowMs: number): number {
	const sorted = [...times].sort((a, b) => a - b);
	let most = 0;
	for (let i = 0; i < sorted.length; i++) most = Math.max(most, sorted.filter((t) => t >= sorted[i] && t < sorted[i] + windowMs).length);
	return most;
}

describe('pace', () => {
	it('spaces calls 5% wider than the rate and keeps every second within it, made one after another', async () => {
		const context = execution('sequential');
		const left: number[] = [];
		for (let i = 0; i < 8; i++) {
			const answered = await pace(context, 'api', 4);
			left.push(Date.now());
			answered();
		}
		expect(left.at(-1)! - left[0]).toBeGreaterThanOrEqual(7 * 262 - 2);
		expect(busiestWindow(left, 1000)).toBeLessThanOrEqual(4);
	});

	it('holds back the calls after one that left late, so no second holds a call too many', { timeout: 10_000 }, async () => {
		const context = execution('late');
		const left: number[] = [];
		const send = async () => {
			const answered = await pace(context, 'api', 2);
			left.push(Date.now());
			answered();
		};
		await send();
		// Three calls queued at once: slots at 525, 1,050 and 1,575 ms. The event loop is busy until
		// 700 ms, so the first of them leaves 175 ms late; on its slot alone the third would leave at
		// 1,575 ms, with the late one and the one at 1,050 ms in the same second.
		const queued = [send(), send(), send()];
		blockFor(700);
		await Promise.all(queued);
		expect(left).toHaveLength(4);
		expect(busiestWindow(left, 1000)).toBeLessThanOrEqual(2);
		expect(left[3] - left[1]).toBeGreaterThanOrEqual(1050 - 2);
	});

	it('counts the first call from its answer: it opened the connection and may have reached the server late', { timeout: 10_000 }, async () => {
		const context = execution('first');
		const answerFirst = await pace(context, 'api', 2);
		const firstLeft = Date.now();
		const second = pace(context, 'api', 2).then((answered) => (answered(), Date.now()));
		const third = pace(context, 'api', 2).then((answered) => (answered(), Date.now()));
		await new Promise((resolve) => setTimeout(resolve, 400));
		answerFirst(); // answered 400 ms after it left
		const answeredAt = Date.now();
		const [secondLeft, thirdLeft] = await Promise.all([second, third]);
		// The second on its slot (a window holds two calls), the third a window after the first's answer, not after its slot (1,050 ms).
		expect(secondLeft - firstLeft).toBeGreaterThanOrEqual(525 - 2);
		expect(secondLeft - firstLeft).toBeLessThan(525 + 100);
		expect(thirdLeft - answeredAt).toBeGreaterThanOrEqual(1050 - 2);
	});

	it('paces each execution on its own, and a rate of 0 not at all', async () => {
		const started = Date.now();
		await Promise.all([pace(execution('a'), 'api', 2), pace(execution('b'), 'api', 2), pace(execution('c'), 'api', 0), pace(execution('c'), 'api', 0)]);
		expect(Date.now() - started).toBeLessThan(200);
	});
});
