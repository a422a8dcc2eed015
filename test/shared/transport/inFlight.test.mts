/** `forEachInFlight`: independent calls a few at a time, the first alone, stopping at a failure. */
import { describe, expect, it } from 'vitest';
import { CALLS_IN_FLIGHT, forEachInFlight } from '../../../nodes/shared/transport/inFlight.ts';

const tick = () => new Promise((resolve) => setTimeout(resolve, 2));

describe('forEachInFlight', () => {
	it('runs the first entry alone, then at most CALLS_IN_FLIGHT at once, every entry once', async () => {
		let running = 0;
		const peaks: number[] = [];
		const done: number[] = [];
		await forEachInFlight(
			Array.from({ length: 20 }, (_, i) => i),
			async (entry) => {
				running++;
				peaks.push(running);
				await tick();
				running--;
				done.push(entry);
			},
		);
		expect(peaks[0]).toBe(1);
		expect(Math.max(...peaks)).toBe(CALLS_IN_FLIGHT);
		expect([...done].sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i));
	});

	it('starts nothing new after a failure, and throws it once the calls in flight have settled', async () => {
		const started: number[] = [];
		let settled = 0;
		const run = forEachInFlight(
			Array.from({ length: 20 }, (_, i) => i),
			async (entry) => {
				started.push(entry);
				await tick();
				settled++;
				if (entry === 3) throw new Error('refused');
			},
		);
		await expect(run).rejects.toThrow('refused');
		expect(settled).toBe(started.length);
		expect(started.length).toBeLessThan(20);
	});
});
