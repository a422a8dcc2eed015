/**
 * workflows/tracking-writeback-scheduled.json and tracking-writeback-webhook.json, unmodified,
 * against both sandboxes, after the order push has put the packed sale orders into Starshipit.
 * The scheduled one starts from its "Run now" manual trigger (the schedule itself is proven in
 * real n8n, `npm run test:n8n`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clearLogs, consignments, count, type Env, loadWorkflow, saleOrders, starshipitOrders, startEnv, webhookReceiver } from './fixtures.mts';

const CONSIGNMENT_PUT = 'PUT /tenants/:tenantId/consignments/:id';

/** Every shipped Starshipit order's sale order, and the consignment generated from it (if any). */
function linked(env: Env) {
	const orders = saleOrders(env);
	const all = consignments(env);
	return starshipitOrders(env)
		.filter((o) => o.tracking_numbers.length > 0)
		.map((shipped) => {
			const saleOrder = orders.find((o) => o.references.customer === shipped.order_number)!;
			return { shipped, saleOrder, consignment: all.find((c) => c.generatedFromTask?.id === saleOrder.id) };
		});
}

describe('Tracking writeback, scheduled', () => {
	let env: Env;
	beforeAll(async () => {
		env = await startEnv();
		await env.harness.run(loadWorkflow('order-push-scheduled'));
		expect(env.sandboxes.starshipit.shipAll()).toBeGreaterThan(30);
	});
	afterAll(async () => {
		await env.sandboxes.close();
	});

	it("puts every shipped order's tracking number, carrier and link on its consignment", async () => {
		const run = await env.harness.run(loadWorkflow('tracking-writeback-scheduled'));
		// Bondi Beauty's orders (no consignment) fail the run on purpose, after the failures digest (test/workflows/alerts.test.mts).
		expect(run.nodes['Mark run failed (digest sent)']?.error).toBeDefined();
		const pairs = linked(env);
		expect(pairs.length).toBeGreaterThan(30);
		const withConsignment = pairs.filter((p) => p.consignment);
		for (const { shipped, consignment } of withConsignment) {
			expect(consignment!.references.tracking).toBe(shipped.tracking_numbers[0]);
			expect(consignment!.details.tracking?.companyName).toBe(shipped.carrier_name);
			expect(consignment!.details.tracking?.url).toContain(encodeURIComponent(shipped.tracking_numbers[0]));
		}
		expect(run.output('Written or already there')).toHaveLength(withConsignment.length);

		// Bondi Beauty never gets consignments: its orders are reported, not lost.
		const without = pairs.filter((p) => !p.consignment).map((p) => p.shipped.order_number).sort();
		expect(without.length).toBeGreaterThan(0);
		const failed = run.output('Not written (see error)');
		expect(failed.map((i) => i.json.order_number).sort()).toEqual(without);
		expect(String(failed[0].json.error)).toMatch(/has no consignment/);
	});

	it('a second run writes nothing', async () => {
		clearLogs(env);
		const run = await env.harness.run(loadWorkflow('tracking-writeback-scheduled'));
		expect(count(env, 'cartonCloud', CONSIGNMENT_PUT)).toBe(0);
		expect(run.output('Written or already there').every((i) => i.json.unchanged === true)).toBe(true);
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

	it("writes tracking back from Starshipit's own tracking webhook; a repeat changes nothing", async () => {
		const workflow = loadWorkflow('tracking-writeback-webhook');
		const target = starshipitOrders(env).find((o) => o.order_number.startsWith('KIW-'))!;
		env.sandboxes.starshipit.printOrder(target.order_number);
		await env.sandboxes.starshipit.flushWebhooks();
		const delivery = receiver.received.at(-1)!;

		const result = await env.harness.webhook(workflow, 'Tracking update', {
			headers: delivery.headers,
			rawBody: delivery.rawBody,
			body: JSON.parse(delivery.rawBody.toString('utf8')),
		});
		expect(result.statusCode).toBe(200);
		expect(result.run?.output('Written or already there')[0].json.unchanged).toBe(false);
		const pair = linked(env).find((p) => p.shipped.order_number === target.order_number)!;
		expect(pair.consignment!.references.tracking).toBe(pair.shipped.tracking_numbers[0]);

		clearLogs(env);
		const repeat = await env.harness.webhook(workflow, 'Tracking update', { headers: delivery.headers, rawBody: delivery.rawBody });
		expect(repeat.run?.output('Written or already there')[0].json.unchanged).toBe(true);
		expect(count(env, 'cartonCloud', CONSIGNMENT_PUT)).toBe(0);
	});
});
