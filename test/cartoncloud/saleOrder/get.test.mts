/**
 * Sale Order > Get: an unknown sale order is a readable error saying what to do, with
 * CartonCloud's own message as its description (a successful Get is in create.test.mts, which
 * creates, gets and deletes an order).
 */
import { describe, expect, it } from 'vitest';
import { chain, type Env, useEnv } from '../fixtures.mts';

let env: Env;
useEnv((started) => (env = started));

describe('Sale Order: Get, Create, Delete', () => {
	it("a 404 becomes a readable error with CartonCloud's message", async () => {
		const run = await env.harness.run(
			chain({
				name: 'Get',
				parameters: {
					resource: 'saleOrder',
					operation: 'get',
					saleOrderId: '00000000-0000-4000-8000-000000000000',
				},
			}),
		);
		expect(run.status).toBe('error');
		// The message says what to do (an AI agent reads only that); CartonCloud's words are the description.
		expect(run.nodes.Get.error?.message).toMatch(
			/^Sale order "[0-9a-f-]+" is not in CartonCloud: give the sale order's ID/,
		);
		expect(run.nodes.Get.error?.description).toMatch(/Sale Order not found.*404/);
	});
});
