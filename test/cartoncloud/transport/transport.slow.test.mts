import { describe, expect, it } from 'vitest';
import { chain, customerByName, type Env, json, rl, useEnv } from '../fixtures.mts';

let env: Env;
useEnv((started) => (env = started));

const SEARCH = 'POST /tenants/:tenantId/outbound-orders/search';
const CREATE = 'POST /tenants/:tenantId/outbound-orders';

describe('CartonCloud transport over real HTTP', () => {
	it('retries a search after 429 (no Retry-After) and 503', async () => {
		env.sb.server.clearLog();
		env.sb.server.injectFaults(SEARCH, [
			{ kind: 'status', status: 429, body: [{ message: 'Rate limiting has been applied' }] },
			{ kind: 'status', status: 503, body: [{ message: 'Down for maintenance' }] },
		]);
		const run = await env.harness.run(
			chain({
				name: 'Some',
				parameters: { resource: 'saleOrder', operation: 'getMany', limit: 3 },
			}),
		);
		expect(run.status).toBe('success');
		expect(json(run, 'Some')).toHaveLength(3);
		expect(env.sb.server.log.filter((e) => e.endpoint === SEARCH).map((e) => e.status)).toEqual([
			429, 503, 200,
		]);
	});

	it('Return All reads every page once, in page order, with the pages after the first in flight together', async () => {
		env.sb.server.clearLog();
		const run = await env.harness.run(
			chain({
				name: 'All',
				parameters: {
					resource: 'saleOrder',
					operation: 'getMany',
					returnAll: true,
					addProductWeights: false,
				},
			}),
		);
		expect(run.status).toBe('success');
		const searches = env.sb.server.log.filter((e) => e.endpoint === SEARCH);
		const pages = Math.ceil(env.sb.world.orders.size / env.sb.paging.maxPageSize);
		expect(searches).toHaveLength(pages);
		expect(searches.every((e) => e.status === 200)).toBe(true);
		const ids = json(run, 'All').map((order) => order.id);
		expect(new Set(ids).size).toBe(env.sb.world.orders.size);
		const created = json(run, 'All').map((order) =>
			Date.parse(String((order.timestamps as { created: { time: string } }).created.time)),
		);
		expect(created).toEqual([...created].sort((a, b) => a - b));
	});

	it('a create whose connection drops is looked up by reference before it is sent again (created once)', async () => {
		const koala = customerByName(env.sb, 'Koala Outdoor Co');
		env.sb.server.clearLog();
		env.sb.server.injectFaults(CREATE, [{ kind: 'reset' }]);
		const run = await env.harness.run(
			chain({
				name: 'Create',
				parameters: {
					resource: 'saleOrder',
					operation: 'create',
					customer: rl(koala.id),
					customerReference: 'N8N-RESET-1',
					deliveryAddress: {
						contactName: 'Kim Lee',
						address1: '3 Beach Rd',
						suburb: 'Manly',
						city: 'Sydney',
						postcode: '2095',
						stateCode: 'NSW',
						countryCode: 'AU',
					},
					items: { item: [{ productCode: 'KOA-BOTTLE-1L', quantity: 1 }] },
				},
			}),
		);
		expect(run.status).toBe('success');
		expect(json(run, 'Create')[0]).toMatchObject({
			references: { customer: 'N8N-RESET-1' },
			createdWithIssues: false,
		});
		expect(
			[...env.sb.world.orders.values()].filter((o) => o.references.customer === 'N8N-RESET-1'),
		).toHaveLength(1);
		expect(env.sb.server.log.map((e) => e.endpoint)).toEqual([CREATE, SEARCH, CREATE]);
	});

	it('a 422 error carries every field pointer and the DUPLICATE id', async () => {
		const existing = [...env.sb.world.orders.values()].find(
			(o) => o.customer.name === 'Kiwi Kitchenware',
		)!;
		const run = await env.harness.run(
			chain({
				name: 'Create',
				parameters: {
					resource: 'saleOrder',
					operation: 'create',
					customer: rl(existing.customer.id),
					customerReference: existing.references.customer,
					deliveryAddress: {
						contactName: 'Kim Lee',
						address1: '3 Beach Rd',
						suburb: 'Ponsonby',
						city: 'Auckland',
						postcode: '1011',
						countryCode: 'NZ',
					},
					items: { item: [{ productCode: 'KIW-ANY', quantity: 1 }] },
				},
			}),
		);
		expect(run.status).toBe('error');
		const message = run.nodes.Create.error?.message ?? '';
		expect(message).toContain('/references/customer: ');
		expect(message).toContain('(DUPLICATE)');
		expect(message).toContain(`[existing id ${existing.id}]`);
		expect(message).toContain('[422]');
	});
});
