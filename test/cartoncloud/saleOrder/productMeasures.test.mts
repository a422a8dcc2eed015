/**
 * Issue 13, point 4: sale-order items carry no weight; the bundled order push reads the
 * warehouse products in one batched step and every Starshipit order it creates carries the
 * products' weight per unit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BAD_ORDER_REFERENCES } from '../../sandbox/cartoncloud/index.mts';
import {
	count,
	type Env,
	loadWorkflow,
	saleOrders,
	starshipitOrders,
	startEnv,
} from '../../workflows/fixtures.mts';

const PRODUCT_SEARCH = 'POST /tenants/:tenantId/warehouse-products/search';

let env: Env;
beforeAll(async () => {
	env = await startEnv();
});
afterAll(async () => {
	await env.sandboxes.close();
});

describe('weights from warehouse products', () => {
	it('each Starshipit order created from a sale order carries the weight of its products, fetched once per product in batches of 50', async () => {
		const packed = saleOrders(env, 'PACKED');
		for (const order of packed)
			for (const item of order.items) expect(item.measures).not.toHaveProperty('weight');
		const run = await env.harness.run(loadWorkflow('order-push-scheduled'));
		// The three bad orders fail the run on purpose, after the alerts (test/workflows/alerts.test.mts).
		expect(run.nodes['Mark run failed (orders need attention)']?.error).toBeDefined();
		expect(
			Object.entries(run.nodes).filter(
				([name, node]) => node.error && name !== 'Mark run failed (orders need attention)',
			),
		).toEqual([]);

		const products = new Map(
			env.sandboxes.cartonCloud.world.products.map((p) => [p.code, p.unitWeightKg]),
		);
		const snapshot = env.sandboxes.starshipit.snapshot() as {
			accounts: Array<{
				apiKey: string;
				orders: Array<{
					order_number: string;
					items?: Array<{ sku: string; weight?: number; quantity: number }>;
				}>;
			}>;
		};
		const created = snapshot.accounts.find((a) => a.apiKey === 'sandbox-api-key')!.orders;
		const bad = Object.values(BAD_ORDER_REFERENCES) as string[];
		expect(created.length).toBe(packed.filter((o) => !bad.includes(o.references.customer)).length);
		expect(starshipitOrders(env).length).toBe(created.length);
		for (const order of created) {
			expect(order.items?.length).toBeGreaterThan(0);
			for (const item of order.items!) expect(item.weight).toBe(products.get(item.sku));
		}
		const distinctProducts = new Set(
			packed.flatMap((o) => o.items.map((i) => i.details.product.id)),
		);
		expect(count(env, 'cartonCloud', PRODUCT_SEARCH)).toBe(Math.ceil(distinctProducts.size / 50));
	});
});
