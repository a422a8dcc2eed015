/**
 * Order > Update, and with it Delete and Archive: one test creates three orders and updates the
 * first, deletes the second and archives the third (so delete and archive have no file of their
 * own); update input is checked before the call.
 */
import { describe, expect, it } from 'vitest';
import type { Harness } from '../../harness/index.mts';
import type { StarshipitSandbox } from '../../sandbox/starshipit/index.mts';
import {
	API_KEY,
	outputOf,
	runNode,
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

describe('Order > Get, Get Many, Update, Delete, Archive', () => {
	it('updates, deletes and archives orders', async () => {
		const created = outputOf(
			await runNode(harness, uiCreateParameters('createMany'), [
				uiOrderItem('U-1'),
				uiOrderItem('U-2'),
				uiOrderItem('U-3'),
			]),
		);
		const [u1, u2, u3] = created.map((o) => String(o.json.order_id));

		const [updated] = outputOf(
			await runNode(harness, {
				resource: 'order',
				operation: 'update',
				orderId: u1,
				updateFields: {
					reference: 'Updated ref',
					signature_required: true,
					destination: { address: { country: 'NZ', suburb: 'Te Aro' } },
				},
			}),
		);
		expect(updated.json).toMatchObject({
			reference: 'Updated ref',
			signature_required: true,
			destination: { country: 'New Zealand', suburb: 'Te Aro' },
		});

		const [deleted] = outputOf(
			await runNode(harness, { resource: 'order', operation: 'delete', orderId: u2 }),
		);
		expect(deleted.json).toEqual({ order_id: Number(u2), deleted: true });
		expect(storedOrderNumbers(sandbox)).not.toContain('U-2');

		sandbox.printOrder('U-3');
		const [archived] = outputOf(
			await runNode(harness, { resource: 'order', operation: 'archive', orderId: u3 }),
		);
		expect(archived.json).toEqual({ order_id: Number(u3), archived: true });
		expect(sandbox.state.accountByKey(API_KEY).orders.get(Number(u3))?.order.archived).toBe(true);
	});

	it('update input is checked before the call (reference over 50 characters)', async () => {
		const run = await runNode(harness, {
			resource: 'order',
			operation: 'update',
			orderId: '100001',
			updateFields: { reference: 'R'.repeat(51) },
		});
		expect(run.nodes.Starshipit.error?.message).toMatch(
			/Order 100001: reference: must be at most 50/,
		);
		expect(sandbox.server.count('PUT /api/orders')).toBe(0);
	});
});
