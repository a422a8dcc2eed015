import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chain, type Env, json, startEnv } from '../fixtures.mts';

let env: Env;
beforeAll(async () => {
	env = await startEnv({ defaultPageSize: 2 });
});
afterAll(async () => {
	await env.sb.close();
});

describe('Customer', () => {
	it('Get Many returns every customer', async () => {
		const run = await env.harness.run(
			chain({
				name: 'Customers',
				parameters: { resource: 'customer', operation: 'getMany', returnAll: true },
			}),
		);
		expect(
			json(run, 'Customers')
				.map((c) => c.name)
				.sort(),
		).toEqual(['Bondi Beauty', 'Kiwi Kitchenware', 'Koala Outdoor Co']);
		const limited = await env.harness.run(
			chain({
				name: 'Customers',
				parameters: { resource: 'customer', operation: 'getMany', limit: 2 },
			}),
		);
		expect(json(limited, 'Customers')).toHaveLength(2);
	});

	it('the customer picker (list search) lists and filters customers through n8n-core', async () => {
		const workflowJson = chain({
			name: 'CC',
			parameters: { resource: 'saleOrder', operation: 'getMany' },
		});
		const search = (filter?: string) =>
			env.harness.listSearch(workflowJson, 'CC', 'filters.customer', 'searchCustomers', filter);
		const all = await search();
		expect(all.results.map((r) => r.name)).toEqual([
			'Bondi Beauty',
			'Kiwi Kitchenware',
			'Koala Outdoor Co',
		]);
		const some = await search('koala');
		expect(some.results).toEqual([
			{
				name: 'Koala Outdoor Co',
				value: env.sb.world.customers.find((c) => c.name === 'Koala Outdoor Co')!.id,
			},
		]);
	});
});
