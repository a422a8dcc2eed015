/** Order > Get: by order number and by id; an unknown order is an error saying what to do. */
import { describe, expect, it } from 'vitest';
import type { Harness } from '../../harness/index.mts';
import { outputOf, runNode, uiCreateParameters, uiOrderItem, useSandbox } from '../fixtures.mts';
import { outcomeOf, reasonOf } from '../../harness/outcome.mts';

let harness: Harness;

useSandbox((_started, startedHarness) => {
	harness = startedHarness;
});

describe('Order > Get, Get Many, Update, Delete, Archive', () => {
	it('gets an order by number and by id', async () => {
		const [created] = outputOf(
			await runNode(harness, uiCreateParameters('create'), [uiOrderItem('SO-9')]),
		);
		const byNumber = outputOf(
			await runNode(harness, {
				resource: 'order',
				operation: 'get',
				orderBy: 'orderNumber',
				orderNumber: 'SO-9',
			}),
		);
		const byId = outputOf(
			await runNode(harness, {
				resource: 'order',
				operation: 'get',
				orderBy: 'orderId',
				orderId: String(created.json.order_id),
			}),
		);
		expect(byNumber[0].json.order_id).toBe(created.json.order_id);
		expect(byId[0].json.order_number).toBe('SO-9');
	});

	it("Get of an unknown order is an error saying what to do, with Starshipit's words as its description; Continue On Fail keeps going", async () => {
		const out = outputOf(
			await runNode(
				harness,
				{
					resource: 'order',
					operation: 'get',
					orderBy: 'orderNumber',
					orderNumber: '={{ $json.n }}',
				},
				[{ n: 'NOPE' }],
				{ continueOnFail: true },
			),
		);
		// The message says what to do (an AI agent reads only that); Starshipit's words are the description.
		expect(reasonOf(out[0])).toMatch(/^Order "NOPE" is not in Starshipit: check the order number/);
		expect(outcomeOf(out[0])?.description).toMatch(/Order not found/);
		expect(outcomeOf(out[0])).toMatchObject({ order_number: 'NOPE' });
	});
});
