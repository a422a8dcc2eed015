/** Order > Get Many: Return All across pages, Limit, search, and shipped orders' tracking rows. */
import { describe, expect, it } from 'vitest';
import type { Harness } from '../../harness/index.mts';
import type { StarshipitSandbox } from '../../sandbox/starshipit/index.mts';
import { outputOf, runNode, saleOrder, useSandbox } from '../fixtures.mts';
import { createManyFromSaleOrders, numbers } from './fixtures.mts';

let sandbox: StarshipitSandbox;
let harness: Harness;

useSandbox((started, startedHarness) => {
	sandbox = started;
	harness = startedHarness;
});

describe('Order > Get, Get Many, Update, Delete, Archive', () => {
	it('Get Many follows every page (Return All) and honours Limit', async () => {
		await runNode(
			harness,
			createManyFromSaleOrders({ skipExisting: false }),
			numbers('PG', 520).map((r) => saleOrder(r)),
		);
		sandbox.server.clearLog();
		const all = outputOf(
			await runNode(harness, {
				resource: 'order',
				operation: 'getMany',
				source: 'unshipped',
				returnAll: true,
				filters: { sinceLastUpdated: '2020-01-01T00:00:00Z' },
			}),
		);
		expect(all).toHaveLength(520);
		expect(new Set(all.map((o) => o.json.order_number)).size).toBe(520);
		expect(sandbox.server.count('GET /api/orders/unshipped')).toBe(3);

		sandbox.server.clearLog();
		const some = outputOf(
			await runNode(harness, {
				resource: 'order',
				operation: 'getMany',
				source: 'unshipped',
				returnAll: false,
				limit: 7,
				filters: { sinceOrderDate: '2020-01-01T00:00:00Z' },
			}),
		);
		expect(some).toHaveLength(7);
		expect(sandbox.server.count('GET /api/orders/unshipped')).toBe(1);

		sandbox.server.clearLog();
		const found = outputOf(
			await runNode(harness, {
				resource: 'order',
				operation: 'getMany',
				source: 'search',
				phrase: 'PG-0',
				returnAll: true,
			}),
		);
		expect(found).toHaveLength(520);
		expect(sandbox.server.count('GET /api/orders/search')).toBe(3);
	});

	it('Get Many of shipped orders returns tracking rows', async () => {
		await runNode(harness, createManyFromSaleOrders(), [saleOrder('SH-1'), saleOrder('SH-2')]);
		sandbox.shipAll();
		const out = outputOf(
			await runNode(harness, {
				resource: 'order',
				operation: 'getMany',
				source: 'shipped',
				returnAll: true,
			}),
		);
		expect(out.map((o) => o.json.order_number).sort()).toEqual(['SH-1', 'SH-2']);
		expect(out[0].json.tracking_number).toMatch(/^SS/);
	});
});
