/** Tracking > Get: by tracking number and by order number, with the tracking events. */
import { describe, expect, it } from 'vitest';
import type { Harness } from '../../harness/index.mts';
import type { StarshipitSandbox } from '../../sandbox/starshipit/index.mts';
import { outputOf, runNode, useLabelOrders } from '../fixtures.mts';

let sandbox: StarshipitSandbox;
let harness: Harness;

const { createOrders } = useLabelOrders((started, startedHarness) => {
	sandbox = started;
	harness = startedHarness;
});

describe('Manifest and Tracking', () => {
	it('Tracking Get by tracking number and by order number', async () => {
		await createOrders();
		const { tracking_numbers: numbers } = sandbox.printOrder('L-1');
		sandbox.advanceOrder('L-1', 'InTransit');
		const [byTracking] = outputOf(
			await runNode(harness, {
				resource: 'tracking',
				operation: 'get',
				trackBy: 'trackingNumber',
				trackingNumber: numbers[1],
			}),
		);
		expect(byTracking.json).toMatchObject({
			order_number: 'L-1',
			tracking_number: numbers[1],
			tracking_status: 'InTransit',
		});
		expect(byTracking.json.tracking_url).toMatch(/^https:\/\//);
		expect((byTracking.json.tracking_events as unknown[]).length).toBeGreaterThanOrEqual(2);
		const [byOrder] = outputOf(
			await runNode(harness, {
				resource: 'tracking',
				operation: 'get',
				trackBy: 'orderNumber',
				orderNumber: 'L-1',
			}),
		);
		expect(byOrder.json).toMatchObject({ order_number: 'L-1', tracking_status: 'InTransit' });
	});
});
