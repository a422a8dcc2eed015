/**
 * workflows/child-account-routing.json, unmodified: each customer's packed sale orders go to the
 * Starshipit account its row of the routing table (an n8n data table, seeded here as a person
 * would fill it in) names, and nowhere else; a customer in two rows is refused and reported, not
 * pushed; customers not in the table leave on their own output; failures are reported like the
 * main push's, through the alert workflow.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { IDataObject } from 'n8n-workflow';
import { harnessOutbox } from '../harness/coreNodes.mts';
import { harnessDataTables } from '../harness/dataTables.mts';
import { RUN_FAILED_NODE } from '../n8n/alertFiles.mts';
import { BAD_ORDER_REFERENCES } from '../sandbox/cartoncloud/index.mts';
import { type Env, loadWorkflow, saleOrders, starshipitOrders, startEnv } from './fixtures.mts';

const ROUTES = 'Starshipit account of each customer';
const BAD = Object.values(BAD_ORDER_REFERENCES) as string[];
const MAIN = 'sandbox-api-key';
const CHILD = 'sandbox-child-api-key';

function seedRoutes(rows: Array<[string, string]>) {
	harnessDataTables.clear();
	harnessDataTables.seed(ROUTES, ['customer_name', 'account'], rows.map(([customer_name, account]) => ({ customer_name, account })));
}

describe('Child-account routing', () => {
	let env: Env;
	beforeAll(async () => {
		env = await startEnv();
	});
	afterAll(async () => {
		await env.sandboxes.close();
	});
	beforeEach(() => {
		harnessOutbox.length = 0;
	});

	const packed = (customer: string) =>
		saleOrders(env, 'PACKED')
			.filter((o) => o.customer.name === customer && !BAD.includes(o.references.customer))
			.map((o) => o.references.customer)
			.sort();

	it("routes each customer's packed orders to the account of its row in the routing table, once, and reports the failed ones", async () => {
		seedRoutes([
			['Koala Outdoor Co', 'main'],
			['Kiwi Kitchenware', 'child'],
		]);
		const run = await env.harness.run(loadWorkflow('child-account-routing'));
		const main = starshipitOrders(env, MAIN).map((o) => o.order_number).sort();
		const child = starshipitOrders(env, CHILD).map((o) => o.order_number).sort();
		expect(main).toEqual(packed('Koala Outdoor Co'));
		expect(child).toEqual(packed('Kiwi Kitchenware'));
		const failed = run.output('Failed orders, main account (see reason)');
		expect(failed.map((i) => i.json.order_number).sort()).toEqual([...BAD].sort());
		expect(Object.keys(failed[0].json).slice(0, 3)).toEqual(['outcome', 'order_number', 'reason']);
		const notRouted = run.output('Not routed (customer not in the table)').map((i) => (i.json.customer as { name: string }).name);
		expect(notRouted.length).toBeGreaterThan(0);
		expect(new Set(notRouted)).toEqual(new Set(['Bondi Beauty']));

		// Its own alerts, like the main push's: one e-mail, and the run shows as failed.
		expect(harnessOutbox.map((m) => m.subject)).toEqual(['3 order(s) need attention: CartonCloud → Starshipit: each customer to its own Starshipit account (every 5 minutes)']);
		expect(run.status).toBe('error');
		expect(run.nodes[RUN_FAILED_NODE]?.error?.message).toMatch(/^3 order\(s\) not created/);

		const again = await env.harness.run(loadWorkflow('child-account-routing'));
		expect(again.nodes[RUN_FAILED_NODE]?.error).toBeDefined();
		expect(starshipitOrders(env, MAIN)).toHaveLength(main.length);
		expect(starshipitOrders(env, CHILD)).toHaveLength(child.length);
		expect(harnessOutbox).toHaveLength(1);
	});

	it('refuses a customer the routing table sends to two accounts: its orders are reported, not pushed anywhere', async () => {
		env.sandboxes.cartonCloud.reset();
		env.sandboxes.starshipit.reset();
		seedRoutes([
			['Koala Outdoor Co', 'main'],
			['Kiwi Kitchenware', 'child'],
			['Kiwi Kitchenware', 'main'],
		]);
		const run = await env.harness.run(loadWorkflow('child-account-routing'));
		const kiwi = packed('Kiwi Kitchenware');
		expect(kiwi.length).toBeGreaterThan(0);
		expect(starshipitOrders(env, MAIN).map((o) => o.order_number).filter((n) => kiwi.includes(n))).toEqual([]);
		expect(starshipitOrders(env, CHILD).map((o) => o.order_number).filter((n) => kiwi.includes(n))).toEqual([]);
		expect(starshipitOrders(env, MAIN).map((o) => o.order_number).sort()).toEqual(packed('Koala Outdoor Co'));

		const refused = run.output('Refused (customer in two routes)');
		expect(refused.map((i) => i.json.order_number).sort()).toEqual(kiwi);
		const first = refused[0].json;
		expect(Object.keys(first).slice(0, 3)).toEqual(['outcome', 'order_number', 'reason']);
		expect(first.outcome).toBe('failed');
		expect(first.reason).toBe(
			`Sale order "${first.order_number}": its customer "Kiwi Kitchenware" is in the routing table twice (accounts child, main): keep one row for it in the data table “${ROUTES}”; nothing was created`,
		);
		expect((first.customer as IDataObject).name).toBe('Kiwi Kitchenware');
		expect(harnessOutbox).toHaveLength(1);
		expect(harnessOutbox[0].text).toContain(`- ${first.order_number}: not created in Starshipit. Sale order "${first.order_number}": its customer "Kiwi Kitchenware" is in the routing table twice`);
		expect(run.error?.message).toContain(String(first.order_number));
	});

	it('with an empty routing table every order leaves on Not routed, and nothing is created', async () => {
		env.sandboxes.cartonCloud.reset();
		env.sandboxes.starshipit.reset();
		harnessDataTables.clear();
		const before = starshipitOrders(env, MAIN).length;
		const run = await env.harness.run(loadWorkflow('child-account-routing'));
		expect(run.status).toBe('success');
		expect(run.output('Not routed (customer not in the table)')).toHaveLength(saleOrders(env, 'PACKED').length);
		expect(starshipitOrders(env, MAIN)).toHaveLength(before);
		expect(harnessDataTables.byName(ROUTES)?.rows).toEqual([]);
	});

	it('connects every output: the routing branches, both results of each create, the catch-all', () => {
		const workflow = loadWorkflow('child-account-routing');
		const outputs: Record<string, number> = { 'Route by customer': 4, 'Create in Starshipit (main account)': 2, 'Create in Starshipit (child account)': 2 };
		for (const [node, count] of Object.entries(outputs)) {
			const main = workflow.connections[node]?.main ?? [];
			for (let index = 0; index < count; index++) expect(main[index]?.length ?? 0, `${node} output ${index}`).toBeGreaterThan(0);
		}
		const route = workflow.nodes.find((n) => n.name === 'Route by customer')!;
		expect(route.parameters).toMatchObject({ mode: 'rules', options: { fallbackOutput: 'extra' } });
		// No routing table in an expression: the rules only compare the account a data-table row names.
		expect(JSON.stringify(route.parameters)).not.toMatch(/Koala|Kiwi/);
	});
});
