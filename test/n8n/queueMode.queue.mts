/**
 * n8n's queue mode, for real (issue 10 §6): Redis and PostgreSQL from Debian's packages, a main
 * n8n that receives the webhooks and two workers that run every execution, each with the package
 * installed as n8n installs it, all on loopback against the in-process sandboxes.
 *
 * One scenario, in the order an ops team would meet it:
 *  1. the scheduled order push runs twice at once, one run on each worker, while CartonCloud's
 *     webhooks for freshly packed sale orders reach the published order-push webhook workflow;
 *     at the end Starshipit holds exactly one order per sale order;
 *  2. a manifest closes: every order's tracking webhook arrives at once at the published
 *     tracking-writeback webhook workflow; every tracking number ends on its consignment.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../scripts/n8n/paths.mts';
import { type QueueCluster, startQueueCluster } from '../../scripts/n8n/queue.mts';
import { credentialNames } from '../../scripts/n8n/realN8n.mts';
import { ensureQueuePackages } from '../../scripts/n8n/services.mts';
import { webhooksOf } from '../../scripts/n8n/webhooks.mts';
import { CREDENTIALS, type Sandboxes, startSandboxes } from '../sandbox/index.mts';
import { saleOrders } from './cases.mts';
import { MANIFEST_SIZE } from './loadCases.mts';
import { addPackedOrders, CONSIGNMENT_CUSTOMERS, expectExactlyOnePerSaleOrder, expectTrackingWritten, goodPackedReferences, trackingBurst } from './volume.mts';

const ORDER_PUSH = 'workflows/order-push-scheduled.json';
const ORDER_WEBHOOK = 'workflows/order-push-webhook.json';
const TRACKING_WEBHOOK = 'workflows/tracking-writeback-webhook.json';
/** The scheduled push's manual trigger: what "Execute workflow" starts from. */
const RUN_NOW = 'Run now';
/** Sale orders packed while the scheduled pushes run: each sends CartonCloud's webhook. */
const PACKED_DURING_PUSH = 20;

let sb: Sandboxes;
let cluster: QueueCluster;

beforeAll(async () => {
	const packages = ensureQueuePackages();
	if ('skip' in packages) throw new Error(`queue services unavailable: ${packages.skip} (scripts/n8n/testQueue.mts skips before this)`);
	// Starshipit's production tier (20 requests/s), as a team that outgrew one n8n would have.
	sb = await startSandboxes({ starshipit: { ratePerSecond: 20, burst: 20 } });
	cluster = await startQueueCluster({
		binaries: packages.binaries,
		credentials: sb.credentials(),
		credentialNames: credentialNames(CREDENTIALS),
		workflows: [ORDER_PUSH, ORDER_WEBHOOK, TRACKING_WEBHOOK].map((f) => join(PACKAGE_ROOT, f)),
		publish: (w) => webhooksOf(w.json.nodes).length > 0,
		webhooks: (workflows) => workflows.flatMap((w) => webhooksOf(w.json.nodes).map(({ path, method }) => ({ path, method }))),
		workers: 2,
	});
}, 600_000);

afterAll(async () => {
	await cluster?.dispose();
	await sb?.close();
});

function webhookUrl(file: string): string {
	const [hook] = webhooksOf(cluster.workflow(file).json.nodes);
	return cluster.main.webhookUrl(hook.path);
}

describe('queue mode: a main, Redis, PostgreSQL and two workers', () => {
	let pushIds: string[] = [];
	let packedDuringPush: string[] = [];

	it('runs the scheduled push on both workers at once, plus a burst of order webhooks, and ends with exactly one Starshipit order per sale order', async () => {
		sb.cartonCloud.configure({ webhookUrl: webhookUrl(ORDER_WEBHOOK) });
		// Two "Execute workflow" clicks at the same moment: both enqueued, each taken by a free worker.
		pushIds = await Promise.all([cluster.runManually(cluster.workflow(ORDER_PUSH).id, RUN_NOW), cluster.runManually(cluster.workflow(ORDER_PUSH).id, RUN_NOW)]);
		// While they run, the warehouse packs more sale orders: CartonCloud's webhooks, all at once.
		const before = sb.cartonCloud.webhookDeliveries.length;
		packedDuringPush = addPackedOrders(sb, PACKED_DURING_PUSH, [...CONSIGNMENT_CUSTOMERS, 'Bondi Beauty']);
		const deliveries = (await sb.cartonCloud.flushWebhooks()).slice(before);
		expect(deliveries.map((d) => d.status ?? d.error)).toEqual(packedDuringPush.map(() => 200));

		const rows = await cluster.waitForIdle({ atLeast: 2 + PACKED_DURING_PUSH });
		const pushes = rows.filter((r) => pushIds.includes(r.id));
		expect(pushes.map((r) => r.status)).toEqual(['success', 'success']);
		// One push on each worker (their logs name the executions they started).
		const ranOn = pushIds.map((id) => cluster.workers.filter((w) => w.startedExecutions().includes(id)).map((w) => w.name));
		expect(ranOn.map((names) => names.length)).toEqual([1, 1]);
		expect(new Set(ranOn.flat()).size).toBe(2);
		// Webhook runs went through the queue too: the workers started every execution.
		const started = new Set(cluster.workers.flatMap((w) => w.startedExecutions()));
		expect(rows.filter((r) => !started.has(r.id)).map((r) => `${r.id}:${r.mode}`)).toEqual([]);

		expect(packedDuringPush.every((r) => goodPackedReferences(sb).includes(r))).toBe(true);
		expectExactlyOnePerSaleOrder(sb, goodPackedReferences(sb));
	});

	it(`writes every tracking number when ${MANIFEST_SIZE} tracking webhooks arrive at once`, async () => {
		// Enough shipped orders with a consignment for a full manifest: more sale orders, pushed once.
		const withConsignment = () =>
			saleOrders(sb, 'PACKED')
				.filter((o) => CONSIGNMENT_CUSTOMERS.includes(o.customer.name))
				.map((o) => o.references.customer)
				.filter((r) => goodPackedReferences(sb).includes(r));
		const more = Math.max(0, MANIFEST_SIZE - withConsignment().length);
		sb.cartonCloud.configure({ webhookUrl: undefined });
		addPackedOrders(sb, more, CONSIGNMENT_CUSTOMERS, 80001);
		const before = cluster.executions().length;
		const pushId = await cluster.runManually(cluster.workflow(ORDER_PUSH).id, RUN_NOW);
		const afterPush = await cluster.waitForIdle({ atLeast: before + 1 });
		expect(afterPush.find((r) => r.id === pushId)?.status).toBe('success');
		const targets = withConsignment().slice(0, MANIFEST_SIZE);
		expect(targets).toHaveLength(MANIFEST_SIZE);
		expectExactlyOnePerSaleOrder(sb, targets);

		const answers = await trackingBurst(sb, webhookUrl(TRACKING_WEBHOOK), targets);
		const refused = answers.filter((a) => a.status !== 200).map((a) => a.error ?? `HTTP ${a.status}`);
		expect({ answered: answers.length, refused: refused.length, first: refused.slice(0, 3) }).toEqual({ answered: MANIFEST_SIZE, refused: 0, first: [] });
		await cluster.waitForIdle({ atLeast: afterPush.length + MANIFEST_SIZE });
		expectTrackingWritten(sb, targets);
	});
});
