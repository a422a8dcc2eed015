import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertNoSecrets, chain, customerByName, type Env, rl, startEnv } from './fixtures.mts';

let env: Env;
beforeAll(async () => {
	env = await startEnv();
});
afterAll(async () => {
	await env.sb.close();
});

const ORDER_SEARCH = 'POST /tenants/:tenantId/outbound-orders/search';
const CONSIGNMENT_SEARCH = 'POST /tenants/:tenantId/consignments/search';
const PUT = 'PUT /tenants/:tenantId/consignments/:id';

const packedOrders = { name: 'Packed Orders', parameters: { resource: 'saleOrder', operation: 'getMany', limit: 100, filters: { statuses: ['PACKED', 'DISPATCHED'] } } };
const writeBack = (extra: Record<string, unknown> = {}) => ({
	name: 'Write Back',
	onError: 'continueRegularOutput' as const,
	parameters: {
		resource: 'tracking',
		operation: 'writeBack',
		saleOrderBy: 'customerReference',
		customerReference: '={{ $json.references.customer }}',
		trackingNumber: "={{ 'AP' + $json.references.numericId }}",
		carrierName: 'Australia Post',
		trackingUrl: "={{ 'https://auspost.com.au/mypost/track/details/AP' + $json.references.numericId }}",
		...extra,
	},
});

describe('Write Back Tracking', () => {
	it('writes tracking for 100 sale orders with at most 5 searches, and reports orders without a consignment', async () => {
		env.sb.server.clearLog();
		const run = await env.harness.run(chain(packedOrders, writeBack()));
		expect(run.status).toBe('success');
		const inputs = run.output('Packed Orders').map((i) => i.json);
		expect(inputs).toHaveLength(100);
		expect(env.sb.server.count(ORDER_SEARCH)).toBe(1 + 2); // the input Get Many, then references in 2 chunks of 50
		const searches = env.sb.server.count(ORDER_SEARCH) - 1 + env.sb.server.count(CONSIGNMENT_SEARCH);
		expect(searches).toBeLessThanOrEqual(5);

		const out = run.output('Write Back');
		expect(out).toHaveLength(100);
		const bondi = customerByName(env.sb, 'Bondi Beauty');
		let updated = 0;
		out.forEach((item, i) => {
			expect(item.pairedItem).toEqual({ item: i });
			const order = inputs[i] as { id: string; customer: { id: string }; references: { customer: string; numericId: string } };
			if (order.customer.id === bondi.id) {
				expect(item.json.error).toContain(`Sale order "${order.references.customer}" (${order.id}) has no consignment`);
				expect((item.json.details as { customerReference?: string }).customerReference).toBe(order.references.customer);
				return;
			}
			updated++;
			expect(item.json).toMatchObject({ saleOrderId: order.id, unchanged: false, trackingNumber: `AP${order.references.numericId}`, carrierName: 'Australia Post' });
			const consignment = env.sb.world.consignments.get(String(item.json.consignmentId))!;
			expect(consignment.generatedFromTask?.id).toBe(order.id);
			expect(consignment.references.tracking).toBe(`AP${order.references.numericId}`);
			expect(consignment.details.tracking).toEqual({ companyName: 'Australia Post', url: `https://auspost.com.au/mypost/track/details/AP${order.references.numericId}` });
			expect(consignment.items.length).toBeGreaterThan(0);
		});
		expect(updated).toBeGreaterThan(50);
		expect(env.sb.server.count(PUT)).toBe(updated);
		assertNoSecrets(env.sb, run.nodes);

		// The same run again: the values are already there, so nothing is written.
		env.sb.server.clearLog();
		const again = await env.harness.run(chain(packedOrders, writeBack()));
		const unchanged = again.output('Write Back').filter((i) => i.json.unchanged === true);
		expect(unchanged).toHaveLength(updated);
		expect(env.sb.server.count(PUT)).toBe(0);
		expect(env.sb.server.count('GET /tenants/:tenantId/consignments/:id')).toBe(0);
	});

	it('finds sale orders by ID, and a changed value is written', async () => {
		const koala = customerByName(env.sb, 'Koala Outdoor Co');
		env.sb.server.clearLog();
		const run = await env.harness.run(
			chain(
				{ name: 'Koala', parameters: { resource: 'saleOrder', operation: 'getMany', limit: 10, filters: { statuses: ['DISPATCHED'], customer: rl(koala.id) } } },
				writeBack({ saleOrderBy: 'id', saleOrderId: '={{ $json.id }}', trackingNumber: "={{ 'NEW' + $json.references.numericId }}", options: { consignmentStatus: 'DELIVERED' } }),
			),
		);
		const out = run.output('Write Back').map((i) => i.json);
		expect(out).toHaveLength(10);
		for (const row of out) {
			expect(row.unchanged).toBe(false);
			expect(String(row.trackingNumber)).toMatch(/^NEW/);
			expect(row.consignmentStatus).toBe('DELIVERED');
		}
		// `/id` is not searchable (issue 13.2): the 10 orders are read by GET, one consignment search.
		expect(env.sb.server.count(ORDER_SEARCH) - 1 + env.sb.server.count(CONSIGNMENT_SEARCH)).toBe(1);
	});

	it('without Continue On Fail, an order with no consignment stops the node with a clear message', async () => {
		const bondi = customerByName(env.sb, 'Bondi Beauty');
		const order = env.sb.state().outboundOrders.find((o) => o.customer.id === bondi.id && o.status === 'PACKED')!;
		const step = writeBack({ customerReference: order.references.customer, trackingNumber: 'X1', trackingUrl: '' });
		const run = await env.harness.run(chain({ ...step, onError: undefined }));
		expect(run.status).toBe('error');
		expect(run.nodes['Write Back'].error?.message).toBe(`Sale order "${order.references.customer}" (${order.id}) has no consignment, so its tracking cannot be written back`);
		expect(String((run.nodes['Write Back'].error as { description?: string }).description)).toContain('Bondi Beauty');
	});

	it('names the sale order and the field for bad input, and an unknown reference', async () => {
		const run = await env.harness.run(
			chain(
				{ name: 'Customers', parameters: { resource: 'customer', operation: 'getMany', returnAll: true } },
				writeBack({
					customerReference: "={{ $json.name.startsWith('Koala') ? 'NO-SUCH-REF' : 'KIW-10001' }}",
					trackingNumber: "={{ $json.name.startsWith('Bondi') ? '' : 'T1' }}",
					trackingUrl: '',
				}),
			),
		);
		const customers = run.output('Customers').map((i) => String(i.json.name));
		const out = run.output('Write Back').map((i) => i.json);
		const by = Object.fromEntries(customers.map((name, i) => [name, out[i]]));
		expect(by['Bondi Beauty'].error).toBe('Sale order "KIW-10001": "Tracking Number" is empty');
		expect(by['Koala Outdoor Co'].error).toContain('Sale order "NO-SUCH-REF" not found');
		expect(by['Kiwi Kitchenware']).toMatchObject({ customerReference: 'KIW-10001', trackingNumber: 'T1' });
	});
});
