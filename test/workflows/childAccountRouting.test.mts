/**
 * workflows/child-account-routing.json, unmodified: each customer's packed sale orders go to the
 * Starshipit account of that customer's credential, and nowhere else; customers not in the routing
 * table leave on their own output; every output of every node is connected.
 * (workflows/print-label.json needs n8n's Webhook and Respond to Webhook nodes, which only real
 * n8n has: it is proven by `npm run test:n8n`.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BAD_ORDER_REFERENCES } from '../sandbox/cartoncloud/index.mts';
import { type Env, loadWorkflow, saleOrders, starshipitOrders, startEnv } from './fixtures.mts';

describe('Child-account routing', () => {
	let env: Env;
	beforeAll(async () => {
		env = await startEnv();
	});
	afterAll(async () => {
		await env.sandboxes.close();
	});

	it("routes each customer's packed orders to its own Starshipit account, once", async () => {
		const workflow = loadWorkflow('child-account-routing');
		const packed = (customer: string) =>
			saleOrders(env, 'PACKED')
				.filter((o) => o.customer.name === customer && !(Object.values(BAD_ORDER_REFERENCES) as string[]).includes(o.references.customer))
				.map((o) => o.references.customer)
				.sort();

		const run = await env.harness.run(workflow);
		expect(run.status).toBe('success');
		const main = starshipitOrders(env, 'sandbox-api-key').map((o) => o.order_number).sort();
		const child = starshipitOrders(env, 'sandbox-child-api-key').map((o) => o.order_number).sort();
		expect(main).toEqual(packed('Koala Outdoor Co'));
		expect(child).toEqual(packed('Kiwi Kitchenware'));
		expect(run.output('Not created (see error)')).toHaveLength(3);
		const notRouted = run.output('Not routed (customer not in the table)').map((i) => (i.json.customer as { name: string }).name);
		expect(notRouted.length).toBeGreaterThan(0);
		expect(notRouted.filter((name) => name === 'Koala Outdoor Co' || name === 'Kiwi Kitchenware')).toEqual([]);

		const again = await env.harness.run(workflow);
		expect(again.status).toBe('success');
		expect(starshipitOrders(env, 'sandbox-api-key')).toHaveLength(main.length);
		expect(starshipitOrders(env, 'sandbox-child-api-key')).toHaveLength(child.length);
	});

	it('connects every output: the routing branches, both results of each create, the catch-all', () => {
		const workflow = loadWorkflow('child-account-routing');
		const outputs: Record<string, number> = { 'Route by customer': 3, 'Create in Starshipit (main account)': 2, 'Create in Starshipit (child account)': 2 };
		for (const [node, count] of Object.entries(outputs)) {
			const main = workflow.connections[node]?.main ?? [];
			for (let index = 0; index < count; index++) expect(main[index]?.length ?? 0, `${node} output ${index}`).toBeGreaterThan(0);
		}
		const route = workflow.nodes.find((n) => n.name === 'Route by customer')!;
		expect(route.parameters.numberOutputs).toBe(3);
	});
});
