import type { IDataObject } from 'n8n-workflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutboundOrder } from '../sandbox/cartoncloud/index.mts';
import { assertNoSecrets, customerByName, type Env, rl, startEnv, triggerWorkflow } from './fixtures.mts';

let env: Env;
beforeAll(async () => {
	// Webhook deliveries are recorded even though nothing listens at this address.
	// GENTLE: the polling trigger (triggers helper's) still sends GREATER_THAN ranges on timestamps;
	// it moves to helpers/saleOrderSearch.ts, which also works when ranges are refused.
	env = await startEnv({ webhookUrl: 'http://127.0.0.1:9/cartoncloud-webhook', timestampRanges: true });
});
afterAll(async () => {
	await env.sb.close();
});

const TRIGGER = 'CartonCloud Trigger';

function waitingOrder(customerName: string): OutboundOrder {
	const customer = customerByName(env.sb, customerName);
	const order = [...env.sb.world.orders.values()].find((o) => o.customer.id === customer.id && o.status === 'AWAITING_PICK_AND_PACK');
	if (!order) throw new Error(`no waiting order left for ${customerName}`);
	return order;
}

const ids = (emitted: { json: IDataObject }[][] | null) => (emitted?.[0] ?? []).map((i) => `${String(i.json.id)}:${String(i.json.status)}`);

describe('CartonCloud Trigger: Sale Order Reached Status (polling)', () => {
	it('does not flood on activation, then emits each order once per status', async () => {
		const wf = triggerWorkflow({ event: 'saleOrderReachedStatus', statuses: ['PACKED', 'DISPATCHED'] });
		const first = await env.harness.poll(wf, TRIGGER);
		expect(first.emitted).toBeNull();
		const state = first.staticData;

		const order = waitingOrder('Koala Outdoor Co');
		env.sb.setOutboundOrderStatus(order.id, 'PACKED');
		const second = await env.harness.poll(wf, TRIGGER, { staticData: state });
		expect(ids(second.emitted)).toEqual([`${order.id}:PACKED`]);
		expect(second.run?.status).toBe('success');
		assertNoSecrets(env.sb, second.emitted);

		const third = await env.harness.poll(wf, TRIGGER, { staticData: second.staticData });
		expect(third.emitted).toBeNull();

		env.sb.setOutboundOrderStatus(order.id, 'DISPATCHED');
		const fourth = await env.harness.poll(wf, TRIGGER, { staticData: third.staticData });
		expect(ids(fourth.emitted)).toEqual([`${order.id}:DISPATCHED`]);

		const fifth = await env.harness.poll(wf, TRIGGER, { staticData: fourth.staticData });
		expect(fifth.emitted).toBeNull();
		const seen = Object.values(fifth.staticData).map((v) => (v as { seen?: string[] }).seen).find(Boolean);
		expect(seen).toEqual([`${order.id}:PACKED`, `${order.id}:DISPATCHED`]);
	});

	it('filters by customer', async () => {
		const koala = customerByName(env.sb, 'Koala Outdoor Co');
		const wf = triggerWorkflow({ event: 'saleOrderReachedStatus', statuses: ['PACKED'], customers: { customer: [{ id: rl(koala.id, 'list') }] } });
		const first = await env.harness.poll(wf, TRIGGER);
		const koalaOrder = waitingOrder('Koala Outdoor Co');
		const bondiOrder = waitingOrder('Bondi Beauty');
		env.sb.setOutboundOrderStatus(koalaOrder.id, 'PACKED');
		env.sb.setOutboundOrderStatus(bondiOrder.id, 'PACKED');
		const second = await env.harness.poll(wf, TRIGGER, { staticData: first.staticData });
		expect(ids(second.emitted)).toEqual([`${koalaOrder.id}:PACKED`]);
	});

	it('emits the orders already in the statuses on first poll only when asked to', async () => {
		const wf = triggerWorkflow({ event: 'saleOrderReachedStatus', statuses: ['PACKED'], options: { emitExisting: true } });
		const first = await env.harness.poll(wf, TRIGGER);
		const packed = [...env.sb.world.orders.values()].filter((o) => o.status === 'PACKED').map((o) => `${o.id}:PACKED`).sort();
		expect(ids(first.emitted).sort()).toEqual(packed);
		const second = await env.harness.poll(wf, TRIGGER, { staticData: first.staticData });
		expect(second.emitted).toBeNull();
	});

	it('a manual test run returns a small sample', async () => {
		const wf = triggerWorkflow({ event: 'saleOrderReachedStatus', statuses: ['DISPATCHED'] });
		const result = await env.harness.poll(wf, TRIGGER, { mode: 'manual' });
		expect(result.emitted?.[0].length).toBe(5);
		expect(result.emitted?.[0].every((i) => i.json.status === 'DISPATCHED')).toBe(true);
	});

	it('in webhook mode the poll does nothing', async () => {
		const wf = triggerWorkflow({ event: 'webhook' });
		env.sb.server.clearLog();
		expect((await env.harness.poll(wf, TRIGGER)).emitted).toBeNull();
		expect(env.sb.server.log).toHaveLength(0);
	});
});

describe('CartonCloud Trigger: webhook', () => {
	const SECRET = { sharedHeaderName: 'X-CC-Secret', sharedHeaderValue: 's3cret-value' };

	/** The body the sandbox POSTed for the latest status change (CartonCloud sends the entity JSON). */
	async function deliveredBody(customerName: string, status: 'PACKED' | 'DISPATCHED'): Promise<IDataObject> {
		const order = waitingOrder(customerName);
		env.sb.setOutboundOrderStatus(order.id, status);
		const deliveries = await env.sb.flushWebhooks();
		const body = deliveries[deliveries.length - 1].body as IDataObject;
		expect(body.id).toBe(order.id);
		return body;
	}

	it('emits a sale order CartonCloud posts, filtered by status and customer, with the shared secret', async () => {
		const koala = customerByName(env.sb, 'Koala Outdoor Co');
		const wf = triggerWorkflow({
			event: 'webhook',
			webhookStatuses: ['PACKED'],
			customers: { customer: [{ id: rl(koala.id) }] },
			webhookOptions: SECRET,
		});
		const body = await deliveredBody('Koala Outdoor Co', 'PACKED');
		const ok = await env.harness.webhook(wf, TRIGGER, { headers: { 'X-CC-Secret': 's3cret-value' }, body });
		expect(ok.statusCode).toBe(200);
		expect(ok.run?.status).toBe('success');
		expect(ok.run?.output(TRIGGER).map((i) => i.json.id)).toEqual([body.id]);

		// Another customer's order: accepted, nothing emitted.
		const other = await deliveredBody('Kiwi Kitchenware', 'PACKED');
		const ignored = await env.harness.webhook(wf, TRIGGER, { headers: { 'X-CC-Secret': 's3cret-value' }, body: other });
		expect(ignored.statusCode).toBe(200);
		expect(ignored.run).toBeUndefined();

		// Another status: accepted, nothing emitted.
		const dispatched = { ...body, status: 'DISPATCHED' };
		expect((await env.harness.webhook(wf, TRIGGER, { headers: { 'X-CC-Secret': 's3cret-value' }, body: dispatched })).run).toBeUndefined();
	});

	it('a wrong or missing secret gets 401 and emits nothing', async () => {
		const wf = triggerWorkflow({ event: 'webhook', webhookOptions: SECRET });
		const body = await deliveredBody('Koala Outdoor Co', 'PACKED');
		const wrong = await env.harness.webhook(wf, TRIGGER, { headers: { 'X-CC-Secret': 's3cret-valuE' }, body });
		expect(wrong.statusCode).toBe(401);
		expect(wrong.run).toBeUndefined();
		expect(JSON.stringify(wrong.responseBody)).not.toContain('s3cret');
		const missing = await env.harness.webhook(wf, TRIGGER, { body });
		expect(missing.statusCode).toBe(401);
		expect(missing.run).toBeUndefined();
	});

	it('rejects a body that is not a sale order with 400', async () => {
		const wf = triggerWorkflow({ event: 'webhook' });
		for (const body of [{ hello: 'world' }, { id: 'x', type: 'CONSIGNMENT', status: 'DELIVERED', references: {} }, []]) {
			const result = await env.harness.webhook(wf, TRIGGER, { body });
			expect(result.statusCode).toBe(400);
			expect(result.run).toBeUndefined();
		}
	});

	it('accepts an enveloped payload (UNCONFIRMED shape) and, without filters, any status', async () => {
		const wf = triggerWorkflow({ event: 'webhook' });
		const body = await deliveredBody('Kiwi Kitchenware', 'DISPATCHED');
		const result = await env.harness.webhook(wf, TRIGGER, { body: { data: body } });
		expect(result.run?.output(TRIGGER).map((i) => i.json.id)).toEqual([body.id]);
	});

	it('a polling trigger does not accept webhooks', async () => {
		const wf = triggerWorkflow({ event: 'saleOrderReachedStatus', statuses: ['PACKED'] });
		const result = await env.harness.webhook(wf, TRIGGER, { body: {} });
		expect(result.statusCode).toBe(404);
		expect(result.run).toBeUndefined();
	});
});
