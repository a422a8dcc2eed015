/**
 * `pace` against the strictest reading of a rate limit (APIM's sliding window): no window of one
 * second may hold more calls than the rate, even when a call leaves late.
 */
import { describe, expect, it } from 'vitest';
import { pace, pauseBucket } from '../../../nodes/shared/transport/pacing.ts';

/** Keeps the event loop busy, as a long garbage collection or a large page's parsing does. */
function blockFor(ms: number): void {
	const until = Date.now() + ms;
	while (Date.now() < until);
}

/** The most calls any window of `windowMs` holds. */
function busiestWindow(times: number[], windowMs: number): number {
	const sorted = [...times].sort((a, b) => a - b);
	let most = 0;
	for (let i = 0; i < sorted.length; i++)
		most = Math.max(most, sorted.filter((t) => t >= sorted[i] && t < sorted[i] + windowMs).length);
	return most;
}

describe('pace', () => {
	it('spaces calls 5% wider than the rate and keeps every second within it, made one after another', async () => {
		const bucket = 'sequential';
		const left: number[] = [];
		for (let i = 0; i < 8; i++) {
			const answered = await pace(bucket, 4);
			left.push(Date.now());
			answered();
		}
		expect(left.at(-1)! - left[0]).toBeGreaterThanOrEqual(7 * 262 - 2);
		expect(busiestWindow(left, 1000)).toBeLessThanOrEqual(4);
	});

	it(
		'holds back the calls after one that left late, so no second holds a call too many',
		{ timeout: 10_000 },
		async () => {
			const bucket = 'late';
			const left: number[] = [];
			const send = async () => {
				const answered = await pace(bucket, 2);
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
		},
	);

	it(
		'counts the first call from its answer: it opened the connection and may have reached the server late',
		{ timeout: 10_000 },
		async () => {
			const bucket = 'first';
			const answerFirst = await pace(bucket, 2);
			const firstLeft = Date.now();
			const second = pace(bucket, 2).then((answered) => (answered(), Date.now()));
			const third = pace(bucket, 2).then((answered) => (answered(), Date.now()));
			await new Promise((resolve) => setTimeout(resolve, 400));
			answerFirst(); // answered 400 ms after it left
			const answeredAt = Date.now();
			const [secondLeft, thirdLeft] = await Promise.all([second, third]);
			// The second on its slot (a window holds two calls), the third a window after the first's answer, not after its slot (1,050 ms).
			expect(secondLeft - firstLeft).toBeGreaterThanOrEqual(525 - 2);
			expect(secondLeft - firstLeft).toBeLessThan(525 + 100);
			expect(thirdLeft - answeredAt).toBeGreaterThanOrEqual(1050 - 2);
		},
	);

	it('one bucket is paced for every execution of the process (they share the limit), other buckets and a rate of 0 not with it', async () => {
		const started = Date.now();
		const send = (bucket: string, rate: number) =>
			pace(bucket, rate).then((answered) => (answered(), Date.now()));
		await Promise.all([
			send('shared', 2),
			send('other', 2),
			send('unpaced', 0),
			send('unpaced', 0),
		]);
		expect(Date.now() - started).toBeLessThan(200);
		// Two executions' calls in one bucket: the second waits for its slot, 525 ms after the first
		// (a loaded machine wakes the first late, so the gap may look some tens of ms shorter; unpaced it would be 0).
		const [a, b] = await Promise.all([send('shared', 2), send('shared', 2)]);
		expect(Math.max(a, b) - Math.min(a, b)).toBeGreaterThanOrEqual(400);
	});

	it(
		'a 429 pauses the whole bucket: calls waiting in it back off together, with jitter',
		{ timeout: 10_000 },
		async () => {
			const first = await pace('paused', 20);
			first();
			pauseBucket('paused', 600);
			const started = Date.now();
			const left = await Promise.all(
				[0, 1, 2].map(() =>
					pace('paused', 20).then((answered) => (answered(), Date.now() - started)),
				),
			);
			expect(Math.min(...left)).toBeGreaterThanOrEqual(600 - 2);
			expect(Math.max(...left)).toBeLessThan(600 + 120 + 3 * 53 + 200);
		},
	);
});
