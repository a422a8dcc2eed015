/** Client-side pacing: the credential's tier spaces calls, so the developer tier meets no 429. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StarshipitSandbox } from '../../sandbox/starshipit/index.mts';
import {
	harnessFor,
	outputOf,
	runNode,
	startSandbox,
	uiCreateParameters,
	uiOrderItem,
} from '../fixtures.mts';

let sandbox: StarshipitSandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ ratePerSecond: 2, burst: 2 });
});
afterAll(async () => sandbox.close());

describe('pacing (credential Rate Limit Tier)', () => {
	it(
		'developer tier: calls leave 500 ms apart and none is answered 429',
		{ timeout: 30_000 },
		async () => {
			const harness = harnessFor(sandbox, { rateTier: 'developer' });
			const numbers = ['PACE-1', 'PACE-2', 'PACE-3', 'PACE-4'];
			const out = outputOf(
				await runNode(
					harness,
					uiCreateParameters('create', { skipExisting: false }),
					numbers.map((n) => uiOrderItem(n)),
				),
			);
			expect(out).toHaveLength(4);
			const log = sandbox.server.log;
			expect(log.length).toBeGreaterThanOrEqual(4);
			expect(log.filter((e) => e.status === 429)).toEqual([]);
			// The log stamps replies, not arrivals, so single gaps jitter with the machine's load; the span cannot.
			const times = log.map((e) => Date.parse(e.time));
			expect(times[times.length - 1] - times[0]).toBeGreaterThanOrEqual((times.length - 1) * 350);
		},
	);

	it('unpaced tier meets the limit through 429s instead', { timeout: 30_000 }, async () => {
		sandbox.reset();
		const harness = harnessFor(sandbox, { rateTier: 'unpaced' });
		await runNode(
			harness,
			uiCreateParameters('create', { skipExisting: false }),
			['UNP-1', 'UNP-2', 'UNP-3'].map((n) => uiOrderItem(n)),
		);
		expect(sandbox.server.log.filter((e) => e.status === 429).length).toBeGreaterThan(0);
	});
});
