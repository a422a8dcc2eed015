import { createHmac } from 'node:crypto';
import type { IDataObject, INode } from 'n8n-workflow';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Harness, WorkflowJson } from '../harness/index.mts';
import type { StarshipitSandbox } from '../sandbox/starshipit/index.mts';
import { CREDENTIALS, PACKAGE, harnessFor, runNode, saleOrder, startSandbox } from './fixtures.mts';

const SECRET = 'whsec-test-secret';
let sandbox: StarshipitSandbox;
let harness: Harness;

beforeAll(async () => {
	// Deliveries go nowhere (connection refused) but the sandbox records each body and signature.
	sandbox = await startSandbox({ webhookUrl: 'http://127.0.0.1:9/starshipit', webhookSecret: SECRET });
	harness = harnessFor(sandbox);
});
afterAll(async () => sandbox.close());
beforeEach(() => {
	sandbox.reset();
	sandbox.configure({ ratePerSecond: 1000, burst: 1000 });
});

function triggerWorkflow(parameters: IDataObject): WorkflowJson {
	const nodes: INode[] = [
		{ id: 't', name: 'Starshipit Trigger', type: `${PACKAGE}.starshipitTrigger`, typeVersion: 1, position: [0, 0], parameters: parameters as INode['parameters'], credentials: CREDENTIALS, webhookId: 'ss-hook' },
		{ id: 'o', name: 'Out', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [200, 0], parameters: {} },
	];
	return { name: 'trigger-test', nodes, connections: { 'Starshipit Trigger': { main: [[{ node: 'Out', type: 'main', index: 0 }]] } } as never };
}

async function createAndShip(numbers: string[]): Promise<void> {
	await runNode(harness, { resource: 'order', operation: 'createMany', inputMode: 'saleOrder', saleOrder: '={{ $json }}', skipExisting: false }, numbers.map((n) => saleOrder(n)));
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
	const webhook = (parameters: IDataObject, body: string, headers: Record<string, string>) =>
		harness.webhook(triggerWorkflow({ mode: 'webhook', ...parameters }), 'Starshipit Trigger', { headers, body: JSON.parse(body), rawBody: Buffer.from(body) });

	it('accepts a delivery signed with the secret and emits it', async () => {
		const { body, signature } = await delivery();
		const result = await webhook({ secret: SECRET }, body, { 'X-Starshipit-Signature': signature });
		expect(result.statusCode).toBe(200);
		expect(result.run?.output('Out')[0].json).toMatchObject({ order_number: 'W-1', tracking_status: 'Dispatched' });
	});

	it('rejects a forged delivery with 401 and emits nothing', async () => {
		const { body, signature } = await delivery();
		const forged = body.replace('W-1', 'W-999');
		const result = await webhook({ secret: SECRET }, forged, { 'X-Starshipit-Signature': signature });
		expect(result.statusCode).toBe(401);
		expect(result.run).toBeUndefined();
		const missing = await webhook({ secret: SECRET }, body, {});
		expect(missing.statusCode).toBe(401);
		expect(missing.run).toBeUndefined();
		const wrongKey = createHmac('sha256', 'not-the-secret').update(body).digest('base64');
		expect((await webhook({ secret: SECRET }, body, { 'X-Starshipit-Signature': wrongKey })).statusCode).toBe(401);
	});

	it('also accepts hex and sha256= forms of the signature', async () => {
		const { body } = await delivery();
		const hex = createHmac('sha256', SECRET).update(body).digest('hex');
		expect((await webhook({ secret: SECRET }, body, { 'X-Starshipit-Signature': hex })).run).toBeDefined();
		expect((await webhook({ secret: SECRET }, body, { 'X-Starshipit-Signature': `sha256=${hex}` })).run).toBeDefined();
	});

	it('without a secret every delivery is accepted; the status filter drops the others', async () => {
		const { body } = await delivery();
		expect((await webhook({}, body, {})).run).toBeDefined();
		const filtered = await webhook({ statuses: ['Delivered'] }, body, {});
		expect(filtered.statusCode).toBe(200);
		expect(filtered.run).toBeUndefined();
		expect((await webhook({ statuses: ['Dispatched', 'Delivered'] }, body, {})).run).toBeDefined();
	});
});

describe('Starshipit Trigger: polling', () => {
	const polling = (extra: IDataObject = {}) => triggerWorkflow({ mode: 'polling', ...extra });

	it('emits each shipped order once across polls, then again only when its tracking status changes', async () => {
		await createAndShip(['P-1', 'P-2', 'P-3']);
		const first = await harness.poll(polling(), 'Starshipit Trigger', { staticData: {} });
		expect(first.emitted?.[0].map((i) => i.json.order_number).sort()).toEqual(['P-1', 'P-2', 'P-3']);
		expect(first.emitted?.[0][0].json).toMatchObject({ event: 'shipped', previous_tracking_status: null });
		expect(first.run?.output('Out')).toHaveLength(3);

		const second = await harness.poll(polling(), 'Starshipit Trigger', { staticData: first.staticData });
		expect(second.emitted).toBeNull();

		sandbox.advanceOrder('P-2', 'Delivered');
		const third = await harness.poll(polling(), 'Starshipit Trigger', { staticData: second.staticData });
		expect(third.emitted?.[0].map((i) => i.json)).toEqual([
			expect.objectContaining({ order_number: 'P-2', tracking_short_status: 'Delivered', event: 'trackingStatusChanged', previous_tracking_status: 'Dispatched' }),
		]);

		// "Each Shipped Order Once" ignores later status changes.
		sandbox.advanceOrder('P-3', 'Delivered');
		const fourth = await harness.poll(polling({ emitOn: 'shipped' }), 'Starshipit Trigger', { staticData: third.staticData });
		expect(fourth.emitted).toBeNull();
	});

	it('filters by tracking status and keeps its state bounded', async () => {
		const numbers = Array.from({ length: 1010 }, (_, i) => `B-${i + 1}`);
		await createAndShip(numbers);
		sandbox.advanceOrder('B-5', 'Delivered');
		const result = await harness.poll(polling({ statuses: ['Delivered'] }), 'Starshipit Trigger', { staticData: {} });
		expect(result.emitted?.[0].map((i) => i.json.order_number)).toEqual(['B-5']);
		const state = result.staticData['node:Starshipit Trigger'] as { seen: unknown[]; lastPoll: string };
		expect(state.seen.length).toBe(1000);
		expect(Date.parse(state.lastPoll)).not.toBeNaN();
	});

	it('in manual mode returns a small sample and leaves the state alone', async () => {
		await createAndShip(['M-1', 'M-2', 'M-3', 'M-4', 'M-5', 'M-6', 'M-7']);
		const result = await harness.poll(polling(), 'Starshipit Trigger', { staticData: {}, mode: 'manual' });
		expect(result.emitted?.[0]).toHaveLength(5);
		expect(result.staticData['node:Starshipit Trigger']).toBeUndefined();
	});

	it('in webhook mode polling does nothing', async () => {
		await createAndShip(['N-1']);
		sandbox.server.clearLog();
		const result = await harness.poll(triggerWorkflow({ mode: 'webhook' }), 'Starshipit Trigger', { staticData: {} });
		expect(result.emitted).toBeNull();
		expect(sandbox.server.log).toHaveLength(0);
	});
});
