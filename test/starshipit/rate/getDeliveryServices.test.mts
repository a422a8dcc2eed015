/** Rate > Get Delivery Services: the services with their prices. */
import { describe, expect, it } from 'vitest';
import type { Harness } from '../../harness/index.mts';
import { outputOf, runNode, useSandbox } from '../fixtures.mts';
import { shipment } from './fixtures.mts';

let harness: Harness;
useSandbox((_started, startedHarness) => (harness = startedHarness));

describe('Rate and Address', () => {
	it('Get Delivery Services lists services with prices', async () => {
		const out = outputOf(
			await runNode(harness, {
				resource: 'rate',
				operation: 'getDeliveryServices',
				...shipment,
				includePricing: true,
			}),
		);
		expect(out.map((o) => o.json.service_code)).toContain('PLAIN');
		expect(out[0].json).toHaveProperty('total_price');
	});
});
