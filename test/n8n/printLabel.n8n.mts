/**
 * workflows/print-label.json in a real n8n (it needs n8n's Webhook, If and Respond to Webhook
 * nodes, which the in-process harness does not have): what a caller gets when the label cannot be
 * printed (a JSON reason and a 4xx), that asking twice buys one label, and that a write-back that
 * fails after the label was sent is a warning, not a failed request.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../scripts/n8n/paths.mts';
import {
	credentialNames,
	prepareN8n,
	type RealN8n,
	type RunningN8n,
} from '../../scripts/n8n/realN8n.mts';
import { BAD_ORDER_REFERENCES } from '../sandbox/cartoncloud/index.mts';
import { CREDENTIALS, type Sandboxes, startSandboxes } from '../sandbox/index.mts';
import { labelsBought } from '../sandbox/starshipit/lifecycle.mts';
import { consignments, eventually, saleOrders } from './cases.mts';

const FILE = join(PACKAGE_ROOT, 'workflows/print-label.json');
const WEBHOOK = { path: 'print-label' };

let sb: Sandboxes;
let n8n: RealN8n;
let server: RunningN8n;

beforeAll(async () => {
	sb = await startSandboxes({ starshipit: { ratePerSecond: 1000, burst: 1000 } });
	n8n = await prepareN8n({
		credentials: sb.credentials(),
		credentialNames: credentialNames(CREDENTIALS),
	});
	const [imported] = await n8n.importWorkflows([FILE]);
	server = await n8n.start({ publish: [imported.id], webhooks: [WEBHOOK] });
});

afterAll(async () => {
	await server?.stop();
	await n8n?.dispose();
	await sb?.close();
});

async function ask(
	reference: unknown,
): Promise<{ status: number; type: string; bytes: Buffer; json?: { reason?: string } }> {
	const res = await fetch(server.webhookUrl(WEBHOOK.path), {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ reference }),
	});
	const bytes = Buffer.from(await res.arrayBuffer());
	const type = res.headers.get('content-type') ?? '';
	return {
		status: res.status,
		type,
		bytes,
		json: type.includes('json')
			? (JSON.parse(bytes.toString('utf8')) as { reason?: string })
			: undefined,
	};
}

const packedKoala = () =>
	saleOrders(sb, 'PACKED').filter(
		(o) =>
			o.customer.name === 'Koala Outdoor Co' &&
			!(Object.values(BAD_ORDER_REFERENCES) as string[]).includes(o.references.customer),
	);

function bought(orderNumber: string): number {
	const stored = sb.starshipit.state.findByNumber(sb.starshipit.state.accountByKey(), orderNumber);
	return stored ? labelsBought(stored) : 0;
}

describe('print-label endpoint in real n8n', () => {
	it('an unknown reference answers 404 with a JSON reason', async () => {
		const answer = await ask('NO-SUCH-REF');
		expect(answer.status).toBe(404);
		expect(answer.json?.reason).toBe(
			'No sale order in CartonCloud has the customer reference "NO-SUCH-REF"',
		);
	});

	it('an order that cannot be shipped answers 422 naming the order and the field', async () => {
		const answer = await ask(BAD_ORDER_REFERENCES.unknownCountry);
		expect(answer.status).toBe(422);
		expect(answer.json?.reason).toContain(BAD_ORDER_REFERENCES.unknownCountry);
		expect(answer.json?.reason).toMatch(/country/i);
		expect(bought(BAD_ORDER_REFERENCES.unknownCountry)).toBe(0);
	});

	it('asked twice, it answers the same label PDF and buys one label', async () => {
		const order = packedKoala()[0];
		const first = await ask(order.references.customer);
		const second = await ask(order.references.customer);
		for (const answer of [first, second]) {
			expect(answer.status).toBe(200);
			expect(answer.type).toMatch(/pdf/);
			expect(answer.bytes.subarray(0, 5).toString()).toBe('%PDF-');
		}
		expect(bought(order.references.customer)).toBe(1);
		await eventually(() => {
			const consignment = consignments(sb).find((c) => c.generatedFromTask?.id === order.id)!;
			expect(consignment.references.tracking).toBeTruthy();
		});
	});

	it('a write-back that fails after the label was sent is a warning: the caller still gets the PDF', async () => {
		const order = packedKoala()[1];
		sb.cartonCloud.server.injectFaults('POST /tenants/:tenantId/consignments/search', [
			{ kind: 'status', status: 501, body: [{ message: 'Search is down' }] },
		]);
		const answer = await ask(order.references.customer);
		expect(answer.status).toBe(200);
		expect(answer.bytes.subarray(0, 5).toString()).toBe('%PDF-');
		await eventually(() =>
			expect(
				sb.cartonCloud.server.count('POST /tenants/:tenantId/consignments/search'),
			).toBeGreaterThan(0),
		);
		await new Promise((r) => setTimeout(r, 1000));
		expect(
			consignments(sb).find((c) => c.generatedFromTask?.id === order.id)!.references.tracking,
		).toBeFalsy();
		expect(server.logs()).not.toMatch(/Search is down/);
	});
});
