import type { IDataObject } from 'n8n-workflow';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { OutboundOrder } from '../../sandbox/cartoncloud/index.mts';
import {
	assertNoSecrets,
	customerByName,
	type Env,
	rl,
	startEnv,
	triggerWorkflow,
} from '../fixtures.mts';
import { n8nCore } from '../../harness/n8n.mts';

/** The shared secret CartonCloud sends back; version 2 of the webhook trigger reads it from this credential. */
const SECRET = 's3cret-value-0123456789abcdef';
const WEBHOOK_CREDENTIAL = { id: 'ccw', name: 'CartonCloud webhook secret' };

let env: Env;
beforeAll(async () => {
	// Webhook deliveries are recorded even though nothing listens at this address.
	// GENTLE: the polling trigger (triggers helper's) still sends GREATER_THAN ranges on timestamps;
	// it moves to transport/saleOrderSearch.ts, which also works when ranges are refused.
	env = await startEnv({
		webhookUrl: 'http://127.0.0.1:9/cartoncloud-webhook',
		timestampRanges: true,
	});
	env.harness.credentials[WEBHOOK_CREDENTIAL.id] = {
		type: 'cartonCloudWebhookApi',
		data: { secret: SECRET },
	};
});
afterAll(async () => {
	await env.sb.close();
});
beforeEach(() => {
	env.sb.reset();
	env.sb.configure({ timestampRanges: false });
});

const PACKAGE = 'n8n-nodes-cartoncloud-starshipit';
const POLL = 'Sale order reached status';
const HOOK = 'Sale order webhook';
const pollWorkflow = (parameters: IDataObject) =>
	triggerWorkflow(parameters, POLL, `${PACKAGE}.cartonCloudTrigger`);
/** The webhook trigger at `version` (2 by default, with its secret credential; 1 reads the `secret` parameter). */
function hookWorkflow(
	parameters: IDataObject,
	version = 2,
	credential: { id: string; name: string } | null = WEBHOOK_CREDENTIAL,
) {
	const json = triggerWorkflow(parameters, HOOK, `${PACKAGE}.cartonCloudWebhookTrigger`);
	const [node] = json.nodes;
	node.typeVersion = version;
	if (version >= 2 && credential)
		node.credentials = { ...node.credentials, cartonCloudWebhookApi: credential };
	return json;
}

function waitingOrder(customerName: string): OutboundOrder {
	const customer = customerByName(env.sb, customerName);
	const order = [...env.sb.world.orders.values()].find(
		(o) => o.customer.id === customer.id && o.status === 'AWAITING_PICK_AND_PACK',
	);
	if (!order) throw new Error(`no waiting order left for ${customerName}`);
	return order;
}

const ids = (emitted: { json: IDataObject }[][] | null) =>
	(emitted?.[0] ?? []).map((i) => `${String(i.json.id)}:${String(i.json.status)}`);

describe('CartonCloud Sale Order Trigger (polling)', () => {
	for (const timestampRanges of [false, true]) {
		it(`does not flood on activation, then emits each order once per status (ranges ${timestampRanges ? 'accepted' : 'refused'})`, async () => {
			env.sb.configure({ timestampRanges });
			const wf = pollWorkflow({ statuses: ['PACKED', 'DISPATCHED'] });
			const first = await env.harness.poll(wf, POLL);
			expect(first.emitted).toBeNull();

			const order = waitingOrder('Koala Outdoor Co');
			env.sb.setOutboundOrderStatus(order.id, 'PACKED');
			const second = await env.harness.poll(wf, POLL, { staticData: first.staticData });
			expect(ids(second.emitted)).toEqual([`${order.id}:PACKED`]);
			expect(second.run?.status).toBe('success');
			assertNoSecrets(env.sb, second.emitted);

			const third = await env.harness.poll(wf, POLL, { staticData: second.staticData });
			expect(third.emitted).toBeNull();

			env.sb.setOutboundOrderStatus(order.id, 'DISPATCHED');
			const fourth = await env.harness.poll(wf, POLL, { staticData: third.staticData });
			expect(ids(fourth.emitted)).toEqual([`${order.id}:DISPATCHED`]);

			const fifth = await env.harness.poll(wf, POLL, { staticData: fourth.staticData });
			expect(fifth.emitted).toBeNull();
			const state = Object.values(fifth.staticData).find((v) => (v as IDataObject).cursor) as {
				cursor: { time: string; id: string };
				recent: [string, number][];
			};
			expect(state.recent.map(([key]) => key).sort()).toEqual(
				[`${order.id}:DISPATCHED`, `${order.id}:PACKED`].sort(),
			);
			// The cursor is the newest time seen (the order's, or the first poll's when CartonCloud's
			// timestamp, kept to the second, falls just before it).
			expect([order.id, '']).toContain(state.cursor.id);
		});
	}

	it('filters by customer', async () => {
		const koala = customerByName(env.sb, 'Koala Outdoor Co');
		const wf = pollWorkflow({
			statuses: ['PACKED'],
			customers: { customer: [{ id: rl(koala.id, 'list') }] },
		});
		const first = await env.harness.poll(wf, POLL);
		const koalaOrder = waitingOrder('Koala Outdoor Co');
		const bondiOrder = waitingOrder('Bondi Beauty');
		env.sb.setOutboundOrderStatus(koalaOrder.id, 'PACKED');
		env.sb.setOutboundOrderStatus(bondiOrder.id, 'PACKED');
		const second = await env.harness.poll(wf, POLL, { staticData: first.staticData });
		expect(ids(second.emitted)).toEqual([`${koalaOrder.id}:PACKED`]);
	});

	it('emits the orders already in the statuses on first poll only when asked to', async () => {
		const wf = pollWorkflow({ statuses: ['PACKED'], options: { emitExisting: true } });
		const first = await env.harness.poll(wf, POLL);
		const packed = [...env.sb.world.orders.values()]
			.filter((o) => o.status === 'PACKED')
			.map((o) => `${o.id}:PACKED`)
			.sort();
		expect(ids(first.emitted).sort()).toEqual(packed);
		const second = await env.harness.poll(wf, POLL, { staticData: first.staticData });
		expect(second.emitted).toBeNull();
	});

	it('a manual test run returns a small sample', async () => {
		const wf = pollWorkflow({ statuses: ['DISPATCHED'] });
		const result = await env.harness.poll(wf, POLL, { mode: 'manual' });
		expect(result.emitted?.[0].length).toBeGreaterThan(0);
		expect(result.emitted?.[0].length).toBeLessThanOrEqual(5);
		expect(result.emitted?.[0].every((i) => i.json.status === 'DISPATCHED')).toBe(true);
	});
});

describe('CartonCloud Webhook Trigger', () => {
	/** The sale order the sandbox POSTed for a status change (CartonCloud sends the entity JSON). */
	async function deliveredBody(
		customerName: string,
		status: 'PACKED' | 'DISPATCHED',
	): Promise<IDataObject> {
		const order = waitingOrder(customerName);
		env.sb.setOutboundOrderStatus(order.id, status);
		const deliveries = await env.sb.flushWebhooks();
		const body = deliveries.filter((d) => (d.body as IDataObject).type === 'OUTBOUND').at(-1)!
			.body as IDataObject;
		expect(body.id).toBe(order.id);
		return body;
	}
	type Request = { query?: Record<string, string>; headers?: Record<string, string> };
	const deliver = (
		parameters: IDataObject,
		body: unknown,
		request: Request = { query: { secret: SECRET } },
	) =>
		env.harness.webhook(hookWorkflow({ statuses: ['PACKED'], ...parameters }), HOOK, {
			...request,
			body,
		});

	it('emits the sale order as CartonCloud holds it, not as the body says', async () => {
		const body = await deliveredBody('Koala Outdoor Co', 'PACKED');
		const forged = {
			...body,
			details: {
				...(body.details as IDataObject),
				deliver: { address: { companyName: 'Attacker', address1: '1 Forged St' } },
			},
		};
		env.sb.server.clearLog();
		const ok = await deliver({}, forged);
		expect(ok.statusCode).toBe(200);
		expect(ok.run?.status).toBe('success');
		const emitted = ok.run!.output(HOOK);
		expect(emitted.map((i) => i.json.id)).toEqual([body.id]);
		expect(JSON.stringify(emitted[0].json)).not.toContain('Attacker');
		expect(
			env.sb.server.log.some(
				(entry) =>
					entry.method === 'GET' && entry.path.endsWith(`/outbound-orders/${String(body.id)}`),
			),
		).toBe(true);
	});

	it('a body claiming PACKED for an order CartonCloud holds in another status emits nothing (replay)', async () => {
		const body = await deliveredBody('Koala Outdoor Co', 'PACKED');
		env.sb.setOutboundOrderStatus(String(body.id), 'DISPATCHED');
		const replayed = await deliver({}, body);
		expect(replayed.statusCode).toBe(200);
		expect(replayed.run).toBeUndefined();
		expect(JSON.stringify(replayed.responseBody)).toContain('DISPATCHED');
	});

	it('an id CartonCloud does not know emits nothing', async () => {
		const body = await deliveredBody('Koala Outdoor Co', 'PACKED');
		const result = await deliver({}, { ...body, id: '00000000-0000-4000-8000-000000000000' });
		expect(result.statusCode).toBe(200);
		expect(result.run).toBeUndefined();
	});

	it('filters by customer on what CartonCloud returns', async () => {
		const koala = customerByName(env.sb, 'Koala Outdoor Co');
		const other = await deliveredBody('Kiwi Kitchenware', 'PACKED');
		const result = await deliver(
			{ customers: { customer: [{ id: rl(koala.id) }] } },
			{ ...other, customer: { id: koala.id } },
		);
		expect(result.statusCode).toBe(200);
		expect(result.run).toBeUndefined();
	});

	it("version 2: takes the credential's secret from the URL or from a header; a wrong or missing secret gets 401", async () => {
		const body = await deliveredBody('Koala Outdoor Co', 'PACKED');
		expect(
			(await deliver({}, body, { headers: { 'X-Webhook-Secret': SECRET } })).run?.output(HOOK),
		).toHaveLength(1);
		for (const request of [
			{ query: { secret: `${SECRET}x` } },
			{ headers: { 'X-Webhook-Secret': 'nope' } },
			{},
		]) {
			const refused = await deliver({}, body, request);
			expect(refused.statusCode).toBe(401);
			expect(refused.run).toBeUndefined();
			expect(JSON.stringify(refused.responseBody)).not.toContain(SECRET);
		}
	});

	it('version 2: without a secret credential, or with an empty one, every delivery gets 401; a leftover `secret` parameter is not read', async () => {
		const body = await deliveredBody('Koala Outdoor Co', 'PACKED');
		const none = await env.harness.webhook(hookWorkflow({ statuses: ['PACKED'] }, 2, null), HOOK, {
			query: { secret: SECRET },
			body,
		});
		expect(none.statusCode).toBe(401);
		expect(JSON.stringify(none.responseBody)).toContain('no secret set');
		env.harness.credentials.empty = { type: 'cartonCloudWebhookApi', data: { secret: '' } };
		const empty = await env.harness.webhook(
			hookWorkflow({ statuses: ['PACKED'] }, 2, { id: 'empty', name: 'empty' }),
			HOOK,
			{ query: { secret: '' }, body },
		);
		expect(empty.statusCode).toBe(401);
		// A version 2 node that still carries a version 1 parameter answers to the credential only.
		const leftover = await env.harness.webhook(
			hookWorkflow({ statuses: ['PACKED'], secret: 'old-parameter-secret' }),
			HOOK,
			{ query: { secret: 'old-parameter-secret' }, body },
		);
		expect(leftover.statusCode).toBe(401);
	});

	it('version 1 (saved workflows) still reads its `secret` parameter: right secret emits, wrong or unset gets 401', async () => {
		const body = await deliveredBody('Koala Outdoor Co', 'PACKED');
		const v1 = (secret: string) => hookWorkflow({ statuses: ['PACKED'], secret }, 1);
		expect(
			(
				await env.harness.webhook(v1('v1-parameter-secret'), HOOK, {
					query: { secret: 'v1-parameter-secret' },
					body,
				})
			).run?.output(HOOK),
		).toHaveLength(1);
		expect(
			(
				await env.harness.webhook(v1('v1-parameter-secret'), HOOK, {
					query: { secret: SECRET },
					body,
				})
			).statusCode,
		).toBe(401);
		const unset = await env.harness.webhook(v1(''), HOOK, { query: { secret: '' }, body });
		expect(unset.statusCode).toBe(401);
		expect(JSON.stringify(unset.responseBody)).toContain('no secret set');
	});

	it('answers 200 and ignores well-formed bodies of other entity types', async () => {
		await deliveredBody('Koala Outdoor Co', 'PACKED');
		const others = env.sb.webhookDeliveries
			.map((d) => d.body as IDataObject)
			.filter((b) => b.type !== 'OUTBOUND');
		expect(others.length).toBeGreaterThan(0);
		env.sb.server.clearLog();
		for (const body of [
			...others,
			{
				id: 'd1',
				type: 'OUTBOUND_ORDER_INVOICE',
				owner: { type: 'OUTBOUND', id: 'x' },
				content: { name: 'a.pdf' },
			},
			{ hello: 'world' },
		]) {
			const result = await deliver({}, body);
			expect(result.statusCode).toBe(200);
			expect(result.run).toBeUndefined();
			expect(JSON.stringify(result.responseBody)).toContain('not a sale order');
		}
		expect(env.sb.server.log).toHaveLength(0);
	});

	it('refuses a body that is not one entity: a list, or one over the size cap', async () => {
		const body = await deliveredBody('Koala Outdoor Co', 'PACKED');
		env.sb.server.clearLog();
		const list = await deliver({}, [body, body]);
		expect(list.statusCode).toBe(400);
		expect(JSON.stringify(list.responseBody)).toContain('one entity per request');
		expect(list.run).toBeUndefined();
		const thousands = await deliver(
			{},
			Array.from({ length: 1700 }, () => body),
		);
		expect([400, 413]).toContain(thousands.statusCode);
		expect(thousands.run).toBeUndefined();
		const huge = { ...body, padding: 'x'.repeat(1024 * 1024 + 1) };
		const oversized = await deliver({}, huge);
		expect(oversized.statusCode).toBe(413);
		expect(oversized.run).toBeUndefined();
		expect(env.sb.server.log).toHaveLength(0);
	});
});

describe('The node creator', () => {
	/**
	 * n8n's editor (2.41, generateMergedNodesAndActions) folds a trigger named `<action node>Trigger`
	 * into that action node's entry (its panel lists the trigger: test/editor/nodeCreator.test.mts)
	 * and shows the trigger's description for both, so a merged trigger's description describes the
	 * app and then the trigger; every other visible node keeps a description of its own.
	 */
	it('lists every visible node, each with a description of its own', async () => {
		const pkg = JSON.parse(
			await import('node:fs').then((fs) =>
				fs.readFileSync(new URL('../../../package.json', import.meta.url), 'utf8'),
			),
		) as { name: string; n8n: { nodes: string[] } };
		const descriptions = pkg.n8n.nodes.map((file) => {
			const className = file.split('/').at(-1)!.split('.')[0];
			const name = className[0].toLowerCase() + className.slice(1);
			return env.harness.nodeType(`${pkg.name}.${name}`).description;
		});
		const visible = descriptions.filter((d) => !d.hidden);
		const actionNames = new Set(
			visible.filter((d) => !d.group.includes('trigger')).map((d) => d.name),
		);
		const triggers = visible.filter((d) => d.group.includes('trigger'));
		expect(triggers.map((d) => d.displayName).sort()).toEqual([
			'CartonCloud Sale Order Trigger',
			'CartonCloud Webhook Trigger',
			'Starshipit Shipped Order Trigger',
			'Starshipit Webhook Trigger',
		]);
		const merged = triggers.filter((trigger) =>
			actionNames.has(trigger.name.replace('Trigger', '')),
		);
		expect(merged.map((d) => d.name).sort()).toEqual(['cartonCloudTrigger', 'starshipitTrigger']);
		for (const trigger of merged) {
			const app = visible.find((d) => d.name === trigger.name.replace('Trigger', ''))!;
			expect(trigger.description.startsWith(`${app.description}, or start a workflow when`)).toBe(
				true,
			);
		}
		expect(new Set(visible.map((d) => d.description)).size).toBe(visible.length);
		// Webhook triggers do not poll; polling triggers register no webhook.
		for (const trigger of triggers)
			expect(Boolean(trigger.polling) !== Boolean(trigger.webhooks?.length)).toBe(true);
		// Nothing hidden or deprecated is shipped.
		expect(descriptions.filter((d) => d.hidden)).toEqual([]);
	});
});

describe("CartonCloud Webhook credential test (the trigger's testedBy: nothing remote knows the secret)", () => {
	async function test(secret: string) {
		const node = env.harness.nodeType(`${PACKAGE}.cartonCloudWebhookTrigger`, 2);
		const entry = node.description.credentials?.find((c) => c.name === 'cartonCloudWebhookApi');
		const fn = node.methods?.credentialTest?.[String(entry?.testedBy)];
		if (!fn) throw new Error('no testedBy function for cartonCloudWebhookApi');
		const context = new n8nCore.CredentialTestContext({} as never);
		return await fn.call(context as never, {
			id: 'ccw',
			name: 'CartonCloud webhook secret',
			type: 'cartonCloudWebhookApi',
			data: { secret },
		});
	}

	it('accepts a long URL-safe secret and names what is wrong with others', async () => {
		expect(await test('0123456789abcdef0123456789abcdef')).toMatchObject({ status: 'OK' });
		expect(await test('')).toMatchObject({
			status: 'Error',
			message: expect.stringMatching(/^Enter the secret/),
		});
		expect(await test('0123456789abcdef0123456789abcd+/=')).toMatchObject({
			status: 'Error',
			message: expect.stringMatching(/travels in the webhook URL/),
		});
		expect(await test('short-secret')).toMatchObject({
			status: 'Error',
			message: expect.stringMatching(/^Use at least 32 characters/),
		});
	});
});
