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
 *     tracking-writeback webhook workflow; every tracking number ends on its consignment;
 *  3. an order that cannot be pushed is e-mailed once whichever worker runs the push: the alert
 *     workflow's memory is an n8n data table in PostgreSQL, which every worker reads.
 * Every push and write-back calls the alert workflow (workflows/order-alerts.json), published with
 * them; its runs are sub-executions, run by the worker that runs their caller.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../scripts/n8n/paths.mts';
import { type QueueCluster, startQueueCluster } from '../../scripts/n8n/queue.mts';
import { credentialNames, withCartonCloudSecret } from '../../scripts/n8n/realN8n.mts';
import { ensureQueuePackages } from '../../scripts/n8n/services.mts';
import { webhooksOf } from '../../scripts/n8n/webhooks.mts';
import { BAD_ORDER_REFERENCES } from '../sandbox/cartoncloud/index.mts';
import { CREDENTIALS, type Sandboxes, startSandboxes } from '../sandbox/index.mts';
import {
	addPackedOrders,
	CONSIGNMENT_CUSTOMERS,
	expectBurstWritten,
	expectExactlyOnePerSaleOrder,
	expectTrackingWritten,
	goodPackedReferences,
	starshipitCopies,
	trackingBurst,
	trackingNotWritten,
} from './volume.mts';

const ORDER_PUSH = 'workflows/order-push-scheduled.json';
const ORDER_WEBHOOK = 'workflows/order-push-webhook.json';
const TRACKING_WEBHOOK = 'workflows/tracking-writeback-webhook.json';
/** How many tracking webhooks arrive at once when a manifest closes (issue 10 §4). */
const MANIFEST_SIZE = 200;
/** The safety net for whatever the webhooks missed (README: Running in queue mode). */
const TRACKING_SCHEDULED = 'workflows/tracking-writeback-scheduled.json';
/** Called by every push and write-back; published, as a published workflow runs only published sub-workflows. */
const ORDER_ALERTS = 'workflows/order-alerts.json';
/** The scheduled push's manual trigger: what "Execute workflow" starts from. */
const RUN_NOW = 'Run now';
/** Sale orders packed while the scheduled pushes run: each sends CartonCloud's webhook. */
const PACKED_DURING_PUSH = 20;

let sb: Sandboxes;
let cluster: QueueCluster;

beforeAll(async () => {
	const packages = ensureQueuePackages();
	if ('skip' in packages)
		throw new Error(
			`queue services unavailable: ${packages.skip} (scripts/n8n/testQueue.mts skips before this)`,
		);
	// Starshipit's production tier (20 requests/s), as a team that outgrew one n8n would have.
	sb = await startSandboxes({ starshipit: { ratePerSecond: 20, burst: 20 } });
	// The seed's three deliberately bad orders make every push end at its failures digest (an Error
	// run, on purpose: test/workflows/alerts.test.mts); here a push must succeed, so they ship.
	for (const reference of Object.values(BAD_ORDER_REFERENCES))
		sb.cartonCloud.setOutboundOrderStatus(
			sb.cartonCloud.findOrderByReference(reference)!.id,
			'DISPATCHED',
		);
	cluster = await startQueueCluster({
		binaries: packages.binaries,
		credentials: sb.credentials(),
		credentialNames: credentialNames(CREDENTIALS),
		workflows: [ORDER_PUSH, ORDER_WEBHOOK, TRACKING_WEBHOOK, TRACKING_SCHEDULED, ORDER_ALERTS].map(
			(f) => join(PACKAGE_ROOT, f),
		),
		publish: (w) => webhooksOf(w.json.nodes).length > 0 || w.file.endsWith(ORDER_ALERTS),
		webhooks: (workflows) =>
			workflows.flatMap((w) =>
				webhooksOf(w.json.nodes).map(({ path, method }) => ({ path, method })),
			),
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
		sb.cartonCloud.configure({ webhookUrl: withCartonCloudSecret(webhookUrl(ORDER_WEBHOOK)) });
		// Two "Execute workflow" clicks at the same moment: both enqueued, each taken by a free worker.
		pushIds = await Promise.all([
			cluster.runManually(cluster.workflow(ORDER_PUSH).id, RUN_NOW),
			cluster.runManually(cluster.workflow(ORDER_PUSH).id, RUN_NOW),
		]);
		// While they run, the warehouse packs more sale orders: CartonCloud's webhooks, all at once.
		const before = sb.cartonCloud.webhookDeliveries.length;
		packedDuringPush = addPackedOrders(sb, PACKED_DURING_PUSH, [
			...CONSIGNMENT_CUSTOMERS,
			'Bondi Beauty',
		]);
		const deliveries = (await sb.cartonCloud.flushWebhooks()).slice(before);

		// Deliveries of other entity types (the consignment) are answered and start no execution.
		const firstRows = await cluster.waitForIdle({ atLeast: 2 });
		// CartonCloud delivers each webhook once (retries undocumented), n8n answers once the execution
		// is stored and queued, and the trigger re-reads the order first: under a burst some deliveries
		// time out. The next scheduled push is the safety net for those, so it fires once more.
		const netId = await cluster.runManually(cluster.workflow(ORDER_PUSH).id, RUN_NOW);
		const rows = await cluster.waitForIdle({ atLeast: firstRows.length + 1 });
		// One push on each worker (their logs name the executions they started).
		const ranOn = pushIds.map((id) =>
			cluster.workers
				.filter((w) => w.startedExecutions().includes(id))
				.map((w) => w.name)
				.join(','),
		);
		const started = new Set(cluster.workers.flatMap((w) => w.startedExecutions()));
		const copies = starshipitCopies(sb);
		const references = goodPackedReferences(sb);
		const refused = deliveries.filter((d) => d.status !== 200).length;
		console.log(
			`order webhooks during the pushes: ${deliveries.length} delivered, ${deliveries.length - refused} answered in time, ${refused} timed out`,
		);
		// All figures in one assertion, so a failure shows each of them.
		expect({
			pushes: [...pushIds, netId].map((id) => rows.find((r) => r.id === id)?.status),
			pushWorkers: new Set(ranOn).size,
			oneWorkerEach: ranOn.every((names) => !names.includes(',') && names.length > 0),
			// Webhook runs went through the queue too: the workers started every execution (the alert
			// workflow's runs are sub-executions, run inside their caller's job).
			notOnAWorker: rows
				.filter((r) => r.mode !== 'integrated' && !started.has(r.id))
				.map((r) => `${r.id}:${r.mode}`),
			packedDuringPushIncluded: packedDuringPush.filter((r) => !references.includes(r)),
			missing: references.filter((r) => !copies.has(r)),
			doubled: references
				.filter((r) => (copies.get(r) ?? 0) > 1)
				.map((r) => `${r} x${copies.get(r)}`),
		}).toEqual({
			pushes: ['success', 'success', 'success'],
			pushWorkers: 2,
			oneWorkerEach: true,
			notOnAWorker: [],
			packedDuringPushIncluded: [],
			missing: [],
			doubled: [],
		});
	});

	it(`ends with every tracking number written when ${MANIFEST_SIZE} tracking webhooks arrive at once (the webhooks, then the scheduled safety net)`, async () => {
		// A full manifest of fresh sale orders with a consignment, pushed by one run (so each is in
		// Starshipit once whatever the first test left behind).
		sb.cartonCloud.configure({ webhookUrl: undefined });
		const [single, ...targets] = addPackedOrders(
			sb,
			MANIFEST_SIZE + 1,
			CONSIGNMENT_CUSTOMERS,
			80000,
		);
		const before = cluster.executions().length;
		const pushId = await cluster.runManually(cluster.workflow(ORDER_PUSH).id, RUN_NOW);
		const afterPush = await cluster.waitForIdle({ atLeast: before + 1 });
		expect(afterPush.find((r) => r.id === pushId)?.status).toBe('success');
		expectExactlyOnePerSaleOrder(sb, [single, ...targets]);

		// First one webhook alone: the path works end to end in queue mode (answered, run on a worker, written).
		const [alone] = await trackingBurst(sb, webhookUrl(TRACKING_WEBHOOK), [single]);
		await cluster.waitForIdle({ atLeast: afterPush.length + (alone.status === 200 ? 1 : 0) });
		await expectBurstWritten(sb, [single], [alone], 30_000);

		const answers = await trackingBurst(sb, webhookUrl(TRACKING_WEBHOOK), targets);
		// Whatever was enqueued runs to its end before the figures are taken.
		const received = answers.filter((a) => a.status === 200).length;
		const afterBurst = await cluster.waitForIdle({ atLeast: afterPush.length + 1 + received });
		// The sandbox delivers each webhook once (Starshipit's retries are undocumented) and n8n answers
		// only after it has stored and queued the execution, so under a burst some deliveries time
		// out. The scheduled writeback is the safety net (README): one run covers whatever was missed.
		const byWebhooks = {
			sent: answers.length,
			acknowledged: received,
			written: targets.length - trackingNotWritten(sb, targets).length,
		};
		console.log(
			`burst of ${MANIFEST_SIZE} tracking webhooks in queue mode, before the safety net: ${JSON.stringify(byWebhooks)}`,
		);
		const netId = await cluster.runManually(cluster.workflow(TRACKING_SCHEDULED).id, RUN_NOW);
		const afterNet = await cluster.waitForIdle({ atLeast: afterBurst.length + 1 });
		expect(afterNet.find((r) => r.id === netId)?.status).toBe('success');
		expectTrackingWritten(sb, targets);
	});

	it('e-mails an order that cannot be pushed once, whichever worker runs the push, and its recovery once', async () => {
		sb.mail.clear();
		const bad = BAD_ORDER_REFERENCES.emptyAddress1;
		const order = [...sb.cartonCloud.world.orders.values()].find(
			(o) => o.references.customer === bad,
		)!;
		sb.cartonCloud.setOutboundOrderStatus(order.id, 'PACKED');
		const push = async () => {
			const before = cluster.executions().length;
			const id = await cluster.runManually(cluster.workflow(ORDER_PUSH).id, RUN_NOW);
			const rows = await cluster.waitForIdle({ atLeast: before + 1 });
			return {
				status: rows.find((r) => r.id === id)?.status,
				worker: cluster.workers.find((w) => w.startedExecutions().includes(id))?.name,
			};
		};
		const runs = [await push(), await push(), await push()];
		const afterFailures = sb.mail.messages.map((m) => m.subject);
		order.details.deliver.address.address1 = '12 Fixed Street';
		const fixed = await push();
		expect({
			statuses: runs.map((r) => r.status),
			onWorkers: runs.every((r) => r.worker !== undefined),
			mails: afterFailures,
			mentions: sb.mail.messages.filter((m) => m.text.includes(bad)).length,
			fixedStatus: fixed.status,
			afterFix: sb.mail.messages.slice(afterFailures.length).map((m) => m.subject),
		}).toEqual({
			statuses: ['error', 'error', 'error'],
			onWorkers: true,
			mails: [`1 order(s) need attention: ${cluster.workflow(ORDER_PUSH).name}`],
			mentions: 2,
			fixedStatus: 'success',
			afterFix: [`1 fixed: ${cluster.workflow(ORDER_PUSH).name}`],
		});
	});
});
