/**
 * The webhook triggers' secrets in a real n8n 2.41, over HTTP in `n8n start`: the bundled webhook
 * workflows (trigger version 2, secret in a credential) refuse a missing or wrong secret with 401
 * and take the right one; copies of them saved at version 1 (secret in the node parameter, no
 * secret credential), as a workflow built before version 2 is, keep working with their parameter.
 */
import { createHmac } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../scripts/n8n/paths.mts';
import {
	credentialNames,
	prepareN8n,
	type RealN8n,
	type RunningN8n,
	type WorkflowJson,
} from '../../scripts/n8n/realN8n.mts';
import { CREDENTIALS, type Sandboxes, startSandboxes, WEBHOOK_SECRETS } from '../sandbox/index.mts';

const PUSH = 'workflows/order-push-webhook.json';
const TRACKING = 'workflows/tracking-writeback-webhook.json';
const V1_SECRET = {
	cartonCloud: 'v1-parameter-secret-0123456789abcdef',
	starshipit: 'v1-parameter-signing-key',
};

interface Hook {
	id: string;
	path: string;
}

let sb: Sandboxes;
let n8n: RealN8n;
let server: RunningN8n;
const hooks: Record<'push' | 'tracking' | 'pushV1' | 'trackingV1', Hook> = {} as never;

/** A bundled webhook workflow as saved before version 2: the trigger at version 1 with its secret parameter. */
function versionOne(file: string, id: string, webhookId: string, secret: string): string {
	const json = JSON.parse(readFileSync(join(PACKAGE_ROOT, file), 'utf8')) as WorkflowJson;
	json.id = id;
	json.name = `${String(json.name)} (trigger version 1)`;
	for (const node of json.nodes) {
		if (!/WebhookTrigger$/.test(node.type)) continue;
		node.typeVersion = 1;
		node.webhookId = webhookId;
		node.parameters = { ...node.parameters, secret };
		const credentials = { ...(node.credentials as Record<string, unknown>) };
		delete credentials.cartonCloudWebhookApi;
		delete credentials.starshipitWebhookApi;
		node.credentials = credentials;
	}
	const out = join(n8n.userFolder, `${id}.json`);
	writeFileSync(out, JSON.stringify(json));
	return out;
}

beforeAll(async () => {
	sb = await startSandboxes({ starshipit: { ratePerSecond: 1000, burst: 1000 } });
	n8n = await prepareN8n({
		credentials: sb.credentials(),
		credentialNames: credentialNames(CREDENTIALS),
	});
	const files = [
		join(PACKAGE_ROOT, PUSH),
		join(PACKAGE_ROOT, TRACKING),
		versionOne(
			PUSH,
			'pushTriggerV1',
			'0c1d2e3f-1111-4aaa-8bbb-0123456789a1',
			V1_SECRET.cartonCloud,
		),
		versionOne(
			TRACKING,
			'trackingTriggerV1',
			'0c1d2e3f-2222-4aaa-8bbb-0123456789a2',
			V1_SECRET.starshipit,
		),
	];
	const [push, tracking, pushV1, trackingV1] = await n8n.importWorkflows(files);
	const hookOf = (w: { id: string; json: WorkflowJson }): Hook => ({
		id: w.id,
		path: `${String(w.json.nodes.find((n) => /WebhookTrigger$/.test(n.type))!.webhookId)}/webhook`,
	});
	Object.assign(hooks, {
		push: hookOf(push),
		tracking: hookOf(tracking),
		pushV1: hookOf(pushV1),
		trackingV1: hookOf(trackingV1),
	});
	server = await n8n.start({
		publish: Object.values(hooks).map((h) => h.id),
		webhooks: Object.values(hooks).map((h) => ({ path: h.path })),
	});
});

afterAll(async () => {
	await server?.stop();
	await n8n?.dispose();
	await sb?.close();
});

async function post(
	hook: Hook,
	body: string,
	{ query = '', headers = {} }: { query?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; text: string }> {
	const res = await fetch(`${server.webhookUrl(hook.path)}${query}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', ...headers },
		body,
	});
	return { status: res.status, text: await res.text() };
}

// A well-formed entity that is not a sale order: accepted (200) and ignored once the secret is right.
const NOT_A_SALE_ORDER = JSON.stringify({
	id: 'doc-1',
	type: 'OUTBOUND_ORDER_INVOICE',
	owner: { type: 'OUTBOUND', id: 'x' },
});
// A tracking update the write-back filters out after the trigger took it (no order has this number).
const TRACKING_EVENT = JSON.stringify({
	order_number: 'NO-SUCH-ORDER',
	tracking_number: 'TN1',
	tracking_status: 'Dispatched',
});
const sign = (body: string, secret: string) => ({
	'X-Starshipit-Signature': createHmac('sha256', secret).update(body).digest('hex'),
});

describe('CartonCloud Webhook Trigger in real n8n', () => {
	it("version 2 (bundled): missing or wrong secret 401, the credential's secret in the URL or header 200", async () => {
		expect((await post(hooks.push, NOT_A_SALE_ORDER)).status).toBe(401);
		expect((await post(hooks.push, NOT_A_SALE_ORDER, { query: '?secret=wrong' })).status).toBe(401);
		expect(
			(await post(hooks.push, NOT_A_SALE_ORDER, { query: `?secret=${V1_SECRET.cartonCloud}` }))
				.status,
		).toBe(401);
		const right = await post(hooks.push, NOT_A_SALE_ORDER, {
			query: `?secret=${WEBHOOK_SECRETS.cartonCloud}`,
		});
		expect(right, right.text).toMatchObject({ status: 200 });
		expect(right.text).toContain('not a sale order');
		expect(
			(
				await post(hooks.push, NOT_A_SALE_ORDER, {
					headers: { 'X-Webhook-Secret': WEBHOOK_SECRETS.cartonCloud },
				})
			).status,
		).toBe(200);
	});

	it('version 1 (saved before): its secret parameter still decides', async () => {
		expect(
			(
				await post(hooks.pushV1, NOT_A_SALE_ORDER, {
					query: `?secret=${WEBHOOK_SECRETS.cartonCloud}`,
				})
			).status,
		).toBe(401);
		expect(
			(await post(hooks.pushV1, NOT_A_SALE_ORDER, { query: `?secret=${V1_SECRET.cartonCloud}` }))
				.status,
		).toBe(200);
	});
});

describe('Starshipit Webhook Trigger in real n8n', () => {
	it("version 2 (bundled): unsigned or wrongly signed 401, signed with the credential's key 200", async () => {
		expect((await post(hooks.tracking, TRACKING_EVENT)).status).toBe(401);
		expect(
			(await post(hooks.tracking, TRACKING_EVENT, { headers: sign(TRACKING_EVENT, 'not-the-key') }))
				.status,
		).toBe(401);
		expect(
			(
				await post(hooks.tracking, TRACKING_EVENT, {
					headers: sign(TRACKING_EVENT, V1_SECRET.starshipit),
				})
			).status,
		).toBe(401);
		const right = await post(hooks.tracking, TRACKING_EVENT, {
			headers: sign(TRACKING_EVENT, WEBHOOK_SECRETS.starshipit),
		});
		expect(right, right.text).toMatchObject({ status: 200 });
	});

	it('version 1 (saved before): its secret parameter still decides', async () => {
		expect(
			(
				await post(hooks.trackingV1, TRACKING_EVENT, {
					headers: sign(TRACKING_EVENT, WEBHOOK_SECRETS.starshipit),
				})
			).status,
		).toBe(401);
		expect(
			(
				await post(hooks.trackingV1, TRACKING_EVENT, {
					headers: sign(TRACKING_EVENT, V1_SECRET.starshipit),
				})
			).status,
		).toBe(200);
	});
});
