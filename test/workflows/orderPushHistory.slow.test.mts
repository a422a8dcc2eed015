/**
 * Issue 22: the order push against a Starshipit account with a realistic history (20,000 orders
 * over the last 60 days, about 330 a day, mostly shipped) and CartonCloud sale orders of every
 * age (packed weeks after they were created, one created 200 days ago whose Starshipit copy has
 * sat unshipped since). The Starshipit calls follow the orders sent, not the account's history:
 * a webhook push of one order costs at most 5 calls, a scheduled re-run with nothing new at most
 * 12, and no old order is created again. Prints the calls per endpoint it asserts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BAD_ORDER_REFERENCES } from '../sandbox/cartoncloud/index.mts';
import { clearLogs, type Env, loadWorkflow, saleOrders, starshipitOrders, startEnv, webhookReceiver } from './fixtures.mts';
import { WEBHOOK_SECRETS } from '../sandbox/index.mts';

const BAD = Object.values(BAD_ORDER_REFERENCES) as string[];
const calls = (env: Env) => env.sandboxes.starshipit.server.counts();
const total = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);
const copiesOf = (env: Env, orderNumber: string) => starshipitOrders(env).filter((o) => o.order_number === orderNumber).length;

describe('Order push, scheduled, against 60 days of history', () => {
	let env: Env;
	let stale: string;
	beforeAll(async () => {
		env = await startEnv({ starshipit: { history: true } });
		stale = env.sandboxes.plantStaleOrder({ createdDaysAgo: 200 }).saleOrder.references.customer;
	});
	afterAll(async () => {
		await env.sandboxes.close();
	});

	it('pushes the packed orders (the oldest created 45 days ago) and skips the one made 200 days ago, then a re-run costs at most 12 calls', { timeout: 120_000 }, async () => {
		expect(starshipitOrders(env).length).toBeGreaterThanOrEqual(20_000);
		const packed = saleOrders(env, 'PACKED').map((o) => o.references.customer).filter((ref) => !BAD.includes(ref));
		clearLogs(env);
		const first = await env.harness.run(loadWorkflow('order-push-scheduled'));
		const firstCalls = calls(env);
		const inStarshipit = first.output('In Starshipit');
		expect(inStarshipit).toHaveLength(packed.length);
		const staleItem = inStarshipit.find((i) => i.json.order_number === stale)!;
		expect(staleItem.json).toMatchObject({ outcome: { status: 'skipped_existing' }, already_existed: true });
		for (const ref of packed) expect(copiesOf(env, ref)).toBe(1);

		await new Promise((resolve) => setTimeout(resolve, 1000));
		clearLogs(env);
		const again = await env.harness.run(loadWorkflow('order-push-scheduled'));
		const rerunCalls = calls(env);
		expect(again.output('In Starshipit').every((i) => i.json.already_existed === true)).toBe(true);
		expect(rerunCalls['POST /api/orders/import'] ?? 0).toBe(0);
		expect(total(rerunCalls)).toBeLessThanOrEqual(12);
		console.log(
			`Starshipit calls with 60 days of history (${packed.length} packed sale orders)\n first push: ${JSON.stringify(firstCalls)} = ${total(firstCalls)}\n re-run:     ${JSON.stringify(rerunCalls)} = ${total(rerunCalls)}`,
		);
	});
});

describe('Order push, webhook, against 60 days of history', () => {
	let env: Env;
	let receiver: Awaited<ReturnType<typeof webhookReceiver>>;
	beforeAll(async () => {
		receiver = await webhookReceiver();
		env = await startEnv({ starshipit: { history: true }, cartonCloud: { webhookUrl: receiver.url } });
	});
	afterAll(async () => {
		await env.sandboxes.close();
		await receiver.close();
	});

	it('one order packed 45 days after it was created costs at most 5 Starshipit calls, and its repeat delivery creates nothing', { timeout: 60_000 }, async () => {
		const workflow = loadWorkflow('order-push-webhook');
		// The trigger's secret is in its CartonCloud Webhook credential (the sandbox credentials);
		// CartonCloud sends it back in the URL (?secret=).
		const secret = WEBHOOK_SECRETS.cartonCloud;
		const order = env.sandboxes.cartonCloud.plantSaleOrder({ createdDaysAgo: 45, status: 'PICKED' });
		await env.sandboxes.cartonCloud.flushWebhooks();
		receiver.received.splice(0);
		env.sandboxes.cartonCloud.setOutboundOrderStatus(order.id, 'PACKED');
		await env.sandboxes.cartonCloud.flushWebhooks();
		const hooks = receiver.received.splice(0).filter((d) => JSON.parse(d.rawBody.toString('utf8')).type === 'OUTBOUND');
		expect(hooks).toHaveLength(1);
		const deliver = async () =>
			await env.harness.webhook(workflow, 'Sale order packed', { headers: hooks[0].headers, query: { secret }, rawBody: hooks[0].rawBody, body: JSON.parse(hooks[0].rawBody.toString('utf8')) });

		clearLogs(env);
		const first = await deliver();
		const firstCalls = calls(env);
		expect(first.run?.output('In Starshipit').map((i) => i.json.order_number)).toEqual([order.references.customer]);
		expect(total(firstCalls)).toBeLessThanOrEqual(5);

		clearLogs(env);
		const again = await deliver();
		const againCalls = calls(env);
		expect(again.run?.output('In Starshipit')[0].json).toMatchObject({ already_existed: true });
		expect(total(againCalls)).toBeLessThanOrEqual(5);
		expect(copiesOf(env, order.references.customer)).toBe(1);
		console.log(`Starshipit calls, webhook push of one order with 60 days of history\n first:  ${JSON.stringify(firstCalls)}\n repeat: ${JSON.stringify(againCalls)}`);
	});
});
