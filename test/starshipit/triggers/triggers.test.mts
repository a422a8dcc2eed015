import { createHmac } from 'node:crypto';
import { createRequire } from 'node:module';
import type { IDataObject, INode } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';
import type { Harness, WorkflowJson } from '../../harness/index.mts';
import type { StarshipitSandbox } from '../../sandbox/starshipit/index.mts';
import { CREDENTIALS, PACKAGE, runNode, saleOrder, useSandbox } from '../fixtures.mts';
import { n8nCore } from '../../harness/n8n.mts';

const require = createRequire(import.meta.url);
const { receiveTrackingWebhook } =
	require('../../../dist/nodes/Starshipit/triggers/trackingWebhook.js') as typeof import('../../../nodes/Starshipit/triggers/trackingWebhook');

const SECRET = 'whsec-test-secret';
/** Version 2 of the webhook trigger reads the secret key from this credential. */
const WEBHOOK_CREDENTIAL = { id: 'ssw', name: 'Starshipit webhook secret' };
let sandbox: StarshipitSandbox;
let harness: Harness;

// Deliveries go nowhere (connection refused) but the sandbox records each body and signature.
useSandbox(
	(started, startedHarness) => {
		sandbox = started;
		harness = startedHarness;
		harness.credentials[WEBHOOK_CREDENTIAL.id] = {
			type: 'starshipitWebhookApi',
			data: { secret: SECRET },
		};
	},
	{ sandbox: { webhookUrl: 'http://127.0.0.1:9/starshipit', webhookSecret: SECRET } },
);

const POLL_TYPE = `${PACKAGE}.starshipitTrigger`;
const HOOK_TYPE = `${PACKAGE}.starshipitWebhookTrigger`;
function triggerWorkflow(parameters: IDataObject, type: string): WorkflowJson {
	const nodes: INode[] = [
		{
			id: 't',
			name: 'Starshipit Trigger',
			type,
			typeVersion: 1,
			position: [0, 0],
			parameters: parameters as INode['parameters'],
			credentials: CREDENTIALS,
			webhookId: 'ss-hook',
		},
		{
			id: 'o',
			name: 'Out',
			type: 'n8n-nodes-base.noOp',
			typeVersion: 1,
			position: [200, 0],
			parameters: {},
		},
	];
	return {
		name: 'trigger-test',
		nodes,
		connections: {
			'Starshipit Trigger': { main: [[{ node: 'Out', type: 'main', index: 0 }]] },
		} as never,
	};
}

/** The webhook trigger at `version` (2 by default, with its secret credential; 1 reads the `secret` parameter). */
function hookWorkflow(
	parameters: IDataObject,
	version = 2,
	credential: { id: string; name: string } | null = WEBHOOK_CREDENTIAL,
): WorkflowJson {
	const json = triggerWorkflow(parameters, HOOK_TYPE);
	const [node] = json.nodes;
	node.typeVersion = version;
	node.credentials = version >= 2 && credential ? { starshipitWebhookApi: credential } : undefined;
	return json;
}

const sign = (body: string, secret = SECRET) => ({
	'X-Starshipit-Signature': createHmac('sha256', secret).update(body).digest('hex'),
});

async function createAndShip(numbers: string[]): Promise<void> {
	await runNode(
		harness,
		{
			resource: 'order',
			operation: 'createMany',
			inputMode: 'saleOrder',
			saleOrder: '={{ $json }}',
			skipExisting: false,
		},
		numbers.map((n) => saleOrder(n)),
	);
	sandbox.shipAll();
}

describe('Starshipit Trigger: webhook', () => {
	/** A real tracking webhook as the sandbox signs it. */
	async function delivery(): Promise<{ body: string; signature: string }> {
		await createAndShip(['W-1']);
		await sandbox.flushWebhooks();
		const last = sandbox.webhookDeliveries.at(-1)!;
		return { body: last.body, signature: last.signature! };
	}
	const webhook = (
		parameters: IDataObject,
		body: string,
		headers: Record<string, string>,
		version = 2,
		credential?: { id: string; name: string } | null,
	) =>
		harness.webhook(hookWorkflow(parameters, version, credential), 'Starshipit Trigger', {
			headers,
			body: JSON.parse(body),
			rawBody: Buffer.from(body),
		});

	it("accepts a delivery signed with the credential's secret (lowercase hex HMAC-SHA256 of the raw body) and emits it", async () => {
		const { body, signature } = await delivery();
		expect(signature).toBe(createHmac('sha256', SECRET).update(body).digest('hex'));
		const result = await webhook({}, body, { 'X-Starshipit-Signature': signature });
		expect(result.statusCode).toBe(200);
		expect(result.run?.output('Out')[0].json).toMatchObject({
			order_number: 'W-1',
			tracking_status: 'Dispatched',
		});
	});

	it('rejects a forged delivery with 401 and emits nothing', async () => {
		const { body, signature } = await delivery();
		const forged = body.replace('W-1', 'W-999');
		const result = await webhook({}, forged, { 'X-Starshipit-Signature': signature });
		expect(result.statusCode).toBe(401);
		expect(result.run).toBeUndefined();
		const missing = await webhook({}, body, {});
		expect(missing.statusCode).toBe(401);
		expect(missing.run).toBeUndefined();
		const wrongKey = createHmac('sha256', 'not-the-secret').update(body).digest('base64');
		expect((await webhook({}, body, { 'X-Starshipit-Signature': wrongKey })).statusCode).toBe(401);
	});

	it('also accepts base64 and sha256= forms of the signature', async () => {
		const { body } = await delivery();
		const hex = createHmac('sha256', SECRET).update(body).digest('hex');
		const base64 = createHmac('sha256', SECRET).update(body).digest('base64');
		expect((await webhook({}, body, { 'X-Starshipit-Signature': base64 })).run).toBeDefined();
		expect(
			(await webhook({}, body, { 'X-Starshipit-Signature': `sha256=${hex}` })).run,
		).toBeDefined();
	});

	it('checks the bytes received, never a re-serialised body: without the raw body it refuses', async () => {
		const { body, signature } = await delivery();
		// Same JSON, other spacing: the signature no longer matches these bytes.
		const respaced = JSON.stringify(JSON.parse(body), null, 2);
		const result = await harness.webhook(hookWorkflow({}), 'Starshipit Trigger', {
			headers: { 'X-Starshipit-Signature': signature },
			body: JSON.parse(body),
			rawBody: Buffer.from(respaced),
		});
		expect(result.statusCode).toBe(401);
		// The harness always hands a raw body over, as n8n does; a context without one is faked here.
		const answered: { status?: number; body?: unknown } = {};
		const context = {
			getRequestObject: () => ({ body: JSON.parse(body) }),
			getHeaderData: () => ({ 'x-starshipit-signature': signature }),
			getBodyData: () => JSON.parse(body),
			getResponseObject: () => ({
				status: (code: number) => ({
					json: (b: unknown) => Object.assign(answered, { status: code, body: b }),
				}),
			}),
			helpers: { returnJsonArray: (x: unknown) => x },
		};
		const noRaw = await receiveTrackingWebhook(context as never, { secret: SECRET, statuses: [] });
		expect(noRaw).toEqual({ noWebhookResponse: true });
		expect(answered.status).toBe(500);
		expect(JSON.stringify(answered.body)).toContain('raw request body');
	});

	it('refuses a request carrying thousands of events, before any work', async () => {
		const { body } = await delivery();
		const many = JSON.stringify(Array.from({ length: 2000 }, () => JSON.parse(body)));
		const result = await webhook({}, many, sign(many));
		expect([413]).toContain(result.statusCode);
		expect(JSON.stringify(result.responseBody)).toMatch(/refused/);
		expect(result.run).toBeUndefined();
		const few = JSON.stringify(Array.from({ length: 51 }, () => JSON.parse(body)));
		const capped = await webhook({}, few, sign(few));
		expect(capped.statusCode).toBe(413);
		expect(JSON.stringify(capped.responseBody)).toContain('at most 50');
	});

	it('the status filter drops the other tracking statuses', async () => {
		const { body } = await delivery();
		const filtered = await webhook({ statuses: ['Delivered'] }, body, sign(body));
		expect(filtered.statusCode).toBe(200);
		expect(filtered.run).toBeUndefined();
		expect(
			(await webhook({ statuses: ['Dispatched', 'Delivered'] }, body, sign(body))).run,
		).toBeDefined();
	});

	it('version 2 without a secret credential, or with an empty one, refuses every delivery; a leftover `secret` parameter is not read', async () => {
		const { body } = await delivery();
		const none = await webhook({}, body, sign(body), 2, null);
		expect(none.statusCode).toBe(401);
		expect(JSON.stringify(none.responseBody)).toContain('no secret key set');
		harness.credentials.empty = { type: 'starshipitWebhookApi', data: { secret: '' } };
		expect((await webhook({}, body, {}, 2, { id: 'empty', name: 'empty' })).statusCode).toBe(401);
		// A version 2 node still carrying a version 1 parameter is checked with the credential only.
		expect(
			(await webhook({ secret: 'old-parameter-secret' }, body, sign(body, 'old-parameter-secret')))
				.statusCode,
		).toBe(401);
	});

	it('version 1 (saved workflows) still reads its `secret` parameter, and without one accepts every delivery as before', async () => {
		const { body } = await delivery();
		expect(
			(await webhook({ secret: 'v1-parameter-secret' }, body, sign(body, 'v1-parameter-secret'), 1))
				.run,
		).toBeDefined();
		expect((await webhook({ secret: 'v1-parameter-secret' }, body, sign(body), 1)).statusCode).toBe(
			401,
		);
		expect((await webhook({ secret: 'v1-parameter-secret' }, body, {}, 1)).statusCode).toBe(401);
		expect((await webhook({}, body, {}, 1)).run).toBeDefined();
	});
});

describe('Starshipit Shipped Order Trigger (polling)', () => {
	const polling = (extra: IDataObject = {}) => triggerWorkflow(extra, POLL_TYPE);
	const numbers = (emitted: { json: IDataObject }[][] | null) =>
		(emitted?.[0] ?? []).map((i) => String(i.json.order_number));

	it('emits each shipped order once across polls, then again when its tracking status changes', async () => {
		await createAndShip(['P-1', 'P-2', 'P-3']);
		const first = await harness.poll(polling(), 'Starshipit Trigger', { staticData: {} });
		expect(numbers(first.emitted).sort()).toEqual(['P-1', 'P-2', 'P-3']);
		expect(first.emitted?.[0][0].json).toMatchObject({ event: 'shipped' });
		expect(first.run?.output('Out')).toHaveLength(3);

		const second = await harness.poll(polling(), 'Starshipit Trigger', {
			staticData: first.staticData,
		});
		expect(second.emitted).toBeNull();

		sandbox.advanceOrder('P-2', 'Delivered');
		const third = await harness.poll(polling(), 'Starshipit Trigger', {
			staticData: second.staticData,
		});
		expect(third.emitted?.[0].map((i) => i.json)).toEqual([
			expect.objectContaining({ order_number: 'P-2', tracking_short_status: 'Delivered' }),
		]);
		const fourth = await harness.poll(polling(), 'Starshipit Trigger', {
			staticData: third.staticData,
		});
		expect(fourth.emitted).toBeNull();
	});

	it('"Each Shipped Order Once" ignores later status changes', async () => {
		await createAndShip(['S-1', 'S-2']);
		const first = await harness.poll(polling({ emitOn: 'shipped' }), 'Starshipit Trigger', {
			staticData: {},
		});
		expect(numbers(first.emitted).sort()).toEqual(['S-1', 'S-2']);
		sandbox.advanceOrder('S-2', 'Delivered');
		const second = await harness.poll(polling({ emitOn: 'shipped' }), 'Starshipit Trigger', {
			staticData: first.staticData,
		});
		expect(second.emitted).toBeNull();
		const state = second.staticData['node:Starshipit Trigger'] as {
			cursor: { time: string; id: string };
		};
		expect(Date.parse(state.cursor.time)).not.toBeNaN();
	});

	it('filters by tracking status', async () => {
		await createAndShip(['B-1', 'B-2', 'B-3']);
		sandbox.advanceOrder('B-2', 'Delivered');
		const result = await harness.poll(polling({ statuses: ['Delivered'] }), 'Starshipit Trigger', {
			staticData: {},
		});
		expect(numbers(result.emitted)).toEqual(['B-2']);
	});

	it('in manual mode returns a small sample and leaves the state alone', async () => {
		await createAndShip(['M-1', 'M-2', 'M-3', 'M-4', 'M-5', 'M-6', 'M-7']);
		const result = await harness.poll(polling(), 'Starshipit Trigger', {
			staticData: {},
			mode: 'manual',
		});
		expect(result.emitted?.[0]).toHaveLength(5);
		expect(result.staticData['node:Starshipit Trigger']).toBeUndefined();
	});
});

describe("Starshipit Webhook credential test (the trigger's testedBy: nothing remote knows the secret key)", () => {
	async function test(secret: string) {
		const node = harness.nodeType(HOOK_TYPE, 2);
		const entry = node.description.credentials?.find((c) => c.name === 'starshipitWebhookApi');
		const fn = node.methods?.credentialTest?.[String(entry?.testedBy)];
		if (!fn) throw new Error('no testedBy function for starshipitWebhookApi');
		const context = new n8nCore.CredentialTestContext({} as never);
		return await fn.call(context as never, {
			id: 'ssw',
			name: 'Starshipit webhook secret',
			type: 'starshipitWebhookApi',
			data: { secret },
		});
	}

	it('accepts a set secret key and names what is wrong with others', async () => {
		expect(await test(SECRET)).toMatchObject({ status: 'OK' });
		expect(await test('')).toMatchObject({
			status: 'Error',
			message: expect.stringMatching(/^Enter the secret key/),
		});
		expect(await test(` ${SECRET}`)).toMatchObject({
			status: 'Error',
			message: expect.stringMatching(/starts or ends with a space/),
		});
	});
});
