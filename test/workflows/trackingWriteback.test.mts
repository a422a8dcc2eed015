/**
 * workflows/tracking-writeback-scheduled.json and tracking-writeback-webhook.json, unmodified,
 * against both sandboxes. The scheduled one starts from its "Run now" manual trigger (the
 * schedule itself is proven in real n8n, `npm run test:n8n`).
 *
 * The scheduled run is measured for every packed or dispatched sale order of the seed (about
 * 130 Starshipit orders, about 90 with a consignment): calls per written order from the request
 * logs of both sandboxes (issue 12, target 3), and a re-run that costs only list and search pages.
 */
import type { IDataObject } from 'n8n-workflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clearLogs, consignments, count, type Env, loadWorkflow, saleOrders, starshipitOrders, startEnv, webhookReceiver } from './fixtures.mts';
import { harnessDataTables } from '../harness/dataTables.mts';
import { outcomeOf, reasonOf } from '../harness/outcome.mts';

const CONSIGNMENT_PUT = 'PUT /tenants/:tenantId/consignments/:id';
const CONSIGNMENT_GET = 'GET /tenants/:tenantId/consignments/:id';
const ORDER_SEARCH = 'POST /tenants/:tenantId/outbound-orders/search';
const CONSIGNMENT_SEARCH = 'POST /tenants/:tenantId/consignments/search';
const TOKEN = 'POST /uaa/oauth/token';
const SHIPPED = 'GET /api/orders/shipped';

/** Every shipped Starshipit order's sale order, and the consignment generated from it (if any). */
function linked(env: Env) {
	const orders = saleOrders(env);
	const all = consignments(env);
	return starshipitOrders(env)
		.filter((o) => o.tracking_numbers.length > 0)
		.map((shipped) => {
			const saleOrder = orders.find((o) => o.references.customer === shipped.order_number)!;
			return { shipped, saleOrder, consignment: all.find((c) => c.generatedFromTask?.id === saleOrder.id && (c as { status?: string }).status !== 'CANCELLED') };
		});
}

/** A Starshipit order for every packed or dispatched sale order, printed and dispatched (as the push and a warehouse would leave them). */
function shipEverySaleOrder(env: Env): number {
	const starshipit = env.sandboxes.starshipit;
	const account = starshipit.state.accountByKey();
	for (const order of saleOrders(env).filter((o) => o.status === 'PACKED' || o.status === 'DISPATCHED')) {
		starshipit.state.createOrder(account, {
			order_number: order.references.customer,
			destination: { name: 'Sandbox Customer', street: '1 Test St', suburb: 'Brisbane', state: 'QLD', post_code: '4000', country: 'Australia' },
			items: [{ description: 'Item', sku: 'SKU', quantity: 1, weight: 1, value: 10 }],
		});
	}
	return starshipit.shipAll();
}

/** Every request both sandboxes logged since the last clear. */
function calls(env: Env): { starshipit: Record<string, number>; cartonCloud: Record<string, number>; total: number } {
	const starshipit = env.sandboxes.starshipit.server.counts();
	const cartonCloud = env.sandboxes.cartonCloud.server.counts();
	const total = [...Object.values(starshipit), ...Object.values(cartonCloud)].reduce((a, b) => a + b, 0);
	return { starshipit, cartonCloud, total };
}

describe('Tracking writeback, scheduled', () => {
	let env: Env;
	let shipped = 0;
	beforeAll(async () => {
		env = await startEnv();
		// No customer listed as having no consignments (another file of the fast tier may have left one).
		harnessDataTables.clear();
		shipped = shipEverySaleOrder(env);
		expect(shipped).toBeGreaterThan(100);
	});
	afterAll(async () => {
		await env.sandboxes.close();
	});

	it("puts every shipped order's tracking number and carrier on its consignment at under 1.1 calls per written order, none of them to Starshipit", async () => {
		clearLogs(env);
		const run = await env.harness.run(loadWorkflow('tracking-writeback-scheduled'));
		// Bondi Beauty's orders (no consignment) fail the run on purpose, after the alerts (test/workflows/alerts.test.mts).
		expect(run.nodes['Mark run failed (orders need attention)']?.error).toBeDefined();
		const pairs = linked(env);
		expect(pairs).toHaveLength(shipped);
		const withConsignment = pairs.filter((p) => p.consignment);
		for (const { shipped: order, consignment } of withConsignment) {
			expect(consignment!.references.tracking).toBe(order.tracking_numbers[0]);
			expect(consignment!.details.tracking?.companyName).toBe(order.carrier_name);
		}
		const written = run.output('Written or already there');
		expect(written).toHaveLength(withConsignment.length);
		expect(written.every((i) => (i.json.outcome as IDataObject).status === 'written')).toBe(true);

		// Bondi Beauty never gets consignments: its orders are reported, not lost.
		const without = pairs.filter((p) => !p.consignment).map((p) => p.shipped.order_number).sort();
		expect(without.length).toBeGreaterThan(0);
		const failed = run.output('Tracking not written (see reason)');
		expect(failed.map((i) => outcomeOf(i)!.order_number).sort()).toEqual(without);
		expect(String(reasonOf(failed[0]))).toMatch(/has no consignment/);

		// The cost: Starshipit only lists; CartonCloud: a token, one search per 50 sale orders and
		// per 50 consignments, one PUT per consignment written, no GET.
		const measured = calls(env);
		expect(measured.starshipit).toEqual({ [SHIPPED]: Math.ceil(shipped / 250) });
		expect(measured.cartonCloud[CONSIGNMENT_PUT]).toBe(withConsignment.length);
		expect(measured.cartonCloud[CONSIGNMENT_GET]).toBeUndefined();
		expect(measured.cartonCloud[ORDER_SEARCH]).toBe(Math.ceil(shipped / 50));
		expect(measured.cartonCloud[CONSIGNMENT_SEARCH]).toBe(Math.ceil(shipped / 50));
		const perWritten = measured.total / withConsignment.length;
		console.log(`tracking write-back: ${shipped} shipped, ${withConsignment.length} written, ${measured.total} calls, ${perWritten.toFixed(3)} per written order`, measured);
		expect(perWritten).toBeLessThanOrEqual(1.1);
	});

	it('a second run writes nothing and costs only list and search pages', async () => {
		clearLogs(env);
		const run = await env.harness.run(loadWorkflow('tracking-writeback-scheduled'));
		const measured = calls(env);
		expect(measured.starshipit).toEqual({ [SHIPPED]: Math.ceil(shipped / 250) });
		expect(measured.cartonCloud[CONSIGNMENT_PUT]).toBeUndefined();
		expect(measured.cartonCloud[CONSIGNMENT_GET]).toBeUndefined();
		const pages = measured.total - (measured.cartonCloud[TOKEN] ?? 0);
		console.log(`tracking write-back re-run: ${measured.total} calls (${pages} list/search pages)`, measured);
		expect(pages).toBe(Math.ceil(shipped / 250) + 2 * Math.ceil(shipped / 50));
		const items = run.output('Written or already there');
		expect(items.every((i) => i.json.unchanged === true && (i.json.outcome as IDataObject).status === 'already_there')).toBe(true);
	});
});

describe('Tracking writeback, webhook', () => {
	let env: Env;
	let receiver: Awaited<ReturnType<typeof webhookReceiver>>;
	beforeAll(async () => {
		receiver = await webhookReceiver();
		env = await startEnv({ starshipit: { webhookUrl: receiver.url } });
		await env.harness.run(loadWorkflow('order-push-scheduled'));
	});
	afterAll(async () => {
		await env.sandboxes.close();
		await receiver.close();
	});

	it("writes tracking back from Starshipit's own tracking webhook with no Starshipit call; a repeat changes nothing", async () => {
		const workflow = loadWorkflow('tracking-writeback-webhook');
		const target = starshipitOrders(env).find((o) => o.order_number.startsWith('KIW-'))!;
		env.sandboxes.starshipit.printOrder(target.order_number);
		await env.sandboxes.starshipit.flushWebhooks();
		const delivery = receiver.received.at(-1)!;

		clearLogs(env);
		const result = await env.harness.webhook(workflow, 'Tracking update', {
			headers: delivery.headers,
			rawBody: delivery.rawBody,
			body: JSON.parse(delivery.rawBody.toString('utf8')),
		});
		expect(result.statusCode).toBe(200);
		expect(result.run?.output('Written or already there')[0].json.outcome).toMatchObject({ status: 'written', order_number: target.order_number });
		const pair = linked(env).find((p) => p.shipped.order_number === target.order_number)!;
		expect(pair.consignment!.references.tracking).toBe(pair.shipped.tracking_numbers[0]);
		expect(pair.consignment!.details.tracking?.companyName).toBe(pair.shipped.carrier_name);
		expect(calls(env).starshipit).toEqual({});

		clearLogs(env);
		const repeat = await env.harness.webhook(workflow, 'Tracking update', { headers: delivery.headers, rawBody: delivery.rawBody });
		expect(repeat.run?.output('Written or already there')[0].json.unchanged).toBe(true);
		expect(count(env, 'cartonCloud', CONSIGNMENT_PUT)).toBe(0);
		expect(calls(env).starshipit).toEqual({});
	});
});
