/**
 * Order > Create: one order per item from UI fields or from a CartonCloud sale order (read from
 * any expression), and Skip Existing.
 */
import { describe, expect, it } from 'vitest';
import type { Harness } from '../../harness/index.mts';
import type { StarshipitSandbox } from '../../sandbox/starshipit/index.mts';
import {
	outputOf,
	runNode,
	saleOrder,
	storedOrderNumbers,
	uiCreateParameters,
	uiOrderItem,
	useSandbox,
} from '../fixtures.mts';

let sandbox: StarshipitSandbox;
let harness: Harness;

useSandbox((started, startedHarness) => {
	sandbox = started;
	harness = startedHarness;
});

describe('Order > Create', () => {
	it('creates one order per item from UI fields, country code turned into a name', async () => {
		const run = await runNode(harness, uiCreateParameters('create'), [
			uiOrderItem('SO-1'),
			uiOrderItem('SO-2', { country: 'NZL', post_code: '6011', suburb: 'Te Aro' }),
		]);
		const out = outputOf(run);
		expect(out).toHaveLength(2);
		expect(out[0].json).toMatchObject({
			order_number: 'SO-1',
			already_existed: false,
			destination: { country: 'Australia' },
		});
		expect(out[1].json).toMatchObject({
			order_number: 'SO-2',
			destination: { country: 'New Zealand' },
		});
		expect(out.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(sandbox.server.count('POST /api/orders')).toBe(2);
	});

	it('maps a CartonCloud sale order (From CartonCloud Sale Order): name, weights per unit in kg, instructions', async () => {
		const run = await runNode(
			harness,
			{ resource: 'order', operation: 'create', inputMode: 'saleOrder', saleOrder: '={{ $json }}' },
			[saleOrder('SO-1001')],
		);
		const [order] = outputOf(run);
		expect(order.json).toMatchObject({
			order_number: 'SO-1001',
			reference: 'Acme Homewares Pty Ltd',
			shipping_method: 'Standard',
			destination: {
				name: 'Jane Citizen',
				company: 'Citizen Enterprises',
				street: '1 George St',
				building: 'Level 2',
				post_code: '2000',
				country: 'Australia',
				delivery_instructions: 'Leave at the front door',
			},
		});
		expect(
			(order.json.items as Array<{ weight: number; quantity: number; sku: string }>)[0],
		).toMatchObject({ sku: 'MUG-01', quantity: 4, weight: 0.5 });
	});

	it('reads the sale order from any expression, not only the whole item', async () => {
		const run = await runNode(
			harness,
			{
				resource: 'order',
				operation: 'create',
				inputMode: 'saleOrder',
				saleOrder: '={{ $json.wrapped }}',
			},
			[{ wrapped: saleOrder('SO-1002'), note: 'not a sale order' }],
		);
		const [order] = outputOf(run);
		expect(order.json).toMatchObject({
			order_number: 'SO-1002',
			destination: { name: 'Jane Citizen' },
		});
	});

	it('Skip Existing returns the existing order flagged instead of creating it again', async () => {
		await runNode(harness, uiCreateParameters('create'), [uiOrderItem('SO-1')]);
		sandbox.server.clearLog();
		const run = await runNode(harness, uiCreateParameters('create'), [
			uiOrderItem('SO-1'),
			uiOrderItem('SO-2'),
		]);
		const out = outputOf(run);
		expect(out[0].json).toMatchObject({ order_number: 'SO-1', already_existed: true });
		expect(out[1].json).toMatchObject({ order_number: 'SO-2', already_existed: false });
		expect(sandbox.server.count('POST /api/orders')).toBe(1);
		expect(storedOrderNumbers(sandbox).sort()).toEqual(['SO-1', 'SO-2']);
	});
});
