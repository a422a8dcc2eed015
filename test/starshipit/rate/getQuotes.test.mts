/** Rate > Get Quotes: an ISO-2 country code sent, one item per rate; input errors name the field. */
import { describe, expect, it } from 'vitest';
import type { Harness } from '../../harness/index.mts';
import { outputOf, runNode, useSandbox } from '../fixtures.mts';
import { reasonOf } from '../../harness/outcome.mts';
import { shipment } from './fixtures.mts';

let harness: Harness;
useSandbox((_started, startedHarness) => (harness = startedHarness));

describe('Rate and Address', () => {
	it('Get Quotes sends an ISO-2 country code and returns one item per rate', async () => {
		const out = outputOf(
			await runNode(harness, {
				resource: 'rate',
				operation: 'getQuotes',
				...shipment,
				currency: 'aud',
			}),
		);
		expect(out.length).toBeGreaterThanOrEqual(2);
		expect(out[0].json).toHaveProperty('service_code');
		expect(typeof out[0].json.total_price).toBe('number');
		expect(out.every((o) => (o.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	it('rate input errors name the field (unknown country, no package)', async () => {
		const out = outputOf(
			await runNode(
				harness,
				{
					resource: 'rate',
					operation: 'getQuotes',
					destination: { address: { post_code: '3000', country: 'Narnia' } },
					packages: {},
				},
				[{}],
				{ continueOnFail: true },
			),
		);
		expect(reasonOf(out[0])).toMatch(/destination\.country: unknown country "Narnia"/);
	});
});
