/**
 * Issue 25: faults of n8n's queue mode, for real (a main, Redis, PostgreSQL, two workers), each
 * bounded in time, each printing its end state and its time to consistency (from the push's start
 * to the moment Starshipit holds exactly one copy of every sale order, for good):
 *  1. two pushes at once, one per worker, a third of the imports faulted (cut replies, 500, 503,
 *     resets, a 30 s delay), repeated: every round ends with exactly one copy per sale order, no
 *     duplicate survives, and the peak of temporary copies is printed;
 *  2. PostgreSQL restarted mid-push (down 5 s): the push waits and finishes (or the next run
 *     completes it), and no item says "not created" of an order that exists;
 *  3. Redis restarted mid-push (down 3 s): the same;
 *  4. a worker killed (SIGKILL) mid-import, then the next scheduled run on the other worker.
 * Each round pushes its own fresh packed sale orders (the earlier ones are dispatched).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../scripts/n8n/paths.mts';
import { type QueueCluster, startQueueCluster } from '../../scripts/n8n/queue.mts';
import { credentialNames } from '../../scripts/n8n/realN8n.mts';
import { ensureQueuePackages } from '../../scripts/n8n/services.mts';
import type { Fault } from '../sandbox/core/server.mts';
import { CREDENTIALS, type Sandboxes, startSandboxes } from '../sandbox/index.mts';
import { saleOrders } from './cases.mts';
import { addPackedOrders, CONSIGNMENT_CUSTOMERS, starshipitCopies } from './volume.mts';

const ORDER_PUSH = 'workflows/order-push-scheduled.json';
const RUN_NOW = 'Run now';
const IMPORT = 'POST /api/orders/import';
const ROUNDS = Number(process.env.QUEUE_FAULT_ROUNDS ?? 2);

let sb: Sandboxes;
let cluster: QueueCluster;
let nextNumber = 90001;

beforeAll(async () => {
	const packages = ensureQueuePackages();
	if ('skip' in packages)
		throw new Error(
			`queue services unavailable: ${packages.skip} (scripts/n8n/testQueue.mts skips before this)`,
		);
	sb = await startSandboxes({ starshipit: { ratePerSecond: 20, burst: 20 } });
	cluster = await startQueueCluster({
		binaries: packages.binaries,
		credentials: sb.credentials(),
		credentialNames: credentialNames(CREDENTIALS),
		workflows: [join(PACKAGE_ROOT, ORDER_PUSH)],
		workers: 2,
	});
}, 600_000);

afterAll(async () => {
	await cluster?.dispose();
	await sb?.close();
});

/** Dispatches every packed sale order, then packs `count` new ones: what this round's pushes see. */
function freshOrders(count: number): string[] {
	const references = addPackedOrders(sb, count, CONSIGNMENT_CUSTOMERS, nextNumber);
	nextNumber += count;
	const fresh = new Set(references);
	for (const order of saleOrders(sb, 'PACKED'))
		if (!fresh.has(order.references.customer))
			sb.cartonCloud.setOutboundOrderStatus(order.id, 'DISPATCHED');
	return references;
}

/**
 * Watches Starshipit's copies of `references` every 10 ms: the peak of surplus copies, and when
 * the account last became consistent (each exactly once).
 */
function watchCopies(references: string[]) {
	const started = Date.now();
	let peak = 0;
	let consistentSince: number | undefined;
	const look = () => {
		const copies = starshipitCopies(sb);
		let surplus = 0;
		let missing = 0;
		for (const r of references) {
			const n = copies.get(r) ?? 0;
			surplus += Math.max(0, n - 1);
			if (n === 0) missing++;
		}
		peak = Math.max(peak, surplus);
		const consistent = surplus === 0 && missing === 0;
		if (!consistent) consistentSince = undefined;
		else consistentSince ??= Date.now();
		return { surplus, missing };
	};
	const timer = setInterval(look, 10);
	return {
		stop() {
			clearInterval(timer);
			const end = look();
			return {
				...end,
				peakSurplus: peak,
				consistentAfterS:
					consistentSince === undefined
						? undefined
						: Number(((consistentSince - started) / 1000).toFixed(1)),
			};
		},
	};
}

/**
 * The order numbers an execution's stored items call "not created" (read in the database: the
 * data of a 250-order push is more than psql's output buffer holds).
 */
function notCreatedIn(id: string): string[] {
	const pattern = 'Order [\\\\]?"([^"\\\\]+)[\\\\]?" was not created';
	return cluster.postgres
		.query(
			`SELECT DISTINCT (regexp_matches(data, '${pattern}', 'g'))[1] FROM execution_data WHERE "executionId" = ${Number(id)}`,
		)
		.flat();
}

/** Order numbers among `references` that an execution called "not created" although Starshipit holds them. */
function falselyNotCreated(ids: string[], references: string[]): string[] {
	const copies = starshipitCopies(sb);
	const said = new Set(ids.flatMap(notCreatedIn));
	return references.filter((r) => (copies.get(r) ?? 0) > 0 && said.has(r));
}

/** Resolves once the sandbox has received `count` imports. */
async function importsReached(count: number, timeoutMs = 120_000): Promise<void> {
	const until = Date.now() + timeoutMs;
	while (sb.starshipit.server.count(IMPORT) < count) {
		if (Date.now() > until) throw new Error(`no import ${count} after ${timeoutMs / 1000} s`);
		await new Promise((resolve) => setTimeout(resolve, 5));
	}
}

/** A third of the imports faulted, in turn: cut reply, 500, reset, a 30 s delay, 503. */
function faultyThird(imports: number): Fault[] {
	const kinds: Fault[] = [
		{ kind: 'cut' },
		{ kind: 'status', status: 500 },
		{ kind: 'reset' },
		{ kind: 'delay', ms: 30_000 },
		{ kind: 'status', status: 503 },
	];
	return Array.from({ length: imports }, (_, i) =>
		i % 3 === 1 ? kinds[Math.floor(i / 3) % kinds.length] : { kind: 'delay' as const, ms: 0 },
	);
}

/** Runs the push once more (the next schedule) when the last one did not finish cleanly; returns every execution id. */
async function untilComplete(ids: string[], references: string[]): Promise<string[]> {
	const copies = starshipitCopies(sb);
	if (references.every((r) => copies.get(r) === 1)) return ids;
	const next = await cluster.runManually(cluster.workflow(ORDER_PUSH).id, RUN_NOW);
	await cluster.waitForExecutions([next], 240_000);
	return [...ids, next];
}

describe('queue mode under faults (issue 25)', () => {
	it(
		`two pushes at once with a third of the imports faulted, ${ROUNDS} rounds: every round ends with one copy per sale order`,
		{ timeout: ROUNDS * 240_000 },
		async () => {
			const rounds = [];
			for (let round = 1; round <= ROUNDS; round++) {
				const references = freshOrders(250);
				sb.starshipit.server.clearLog();
				sb.starshipit.server.injectFaults(IMPORT, faultyThird(30));
				const watch = watchCopies(references);
				const started = Date.now();
				const ids = await Promise.all([
					cluster.runManually(cluster.workflow(ORDER_PUSH).id, RUN_NOW),
					cluster.runManually(cluster.workflow(ORDER_PUSH).id, RUN_NOW),
				]);
				const rows = await cluster.waitForExecutions(ids, 240_000);
				const end = watch.stop();
				sb.starshipit.server.clearFaults();
				const log = sb.starshipit.server.log;
				rounds.push({
					round,
					statuses: rows.map((r) => r.status),
					seconds: Number(((Date.now() - started) / 1000).toFixed(1)),
					...end,
					starshipitCalls: log.length,
					byEndpoint: sb.starshipit.server.counts(),
					answered429: log.filter((e) => e.status === 429).length,
					falselyNotCreated: falselyNotCreated(ids, references),
				});
				console.log(
					`two pushes with faulty imports, round ${round}: ${JSON.stringify(rounds.at(-1))}`,
				);
			}
			expect(
				rounds.map(({ round, surplus, missing, falselyNotCreated: falsely }) => ({
					round,
					surplus,
					missing,
					falsely,
				})),
			).toEqual(rounds.map(({ round }) => ({ round, surplus: 0, missing: 0, falsely: [] })));
		},
	);

	for (const [name, restart] of [
		['PostgreSQL restarted (down 5 s)', () => cluster.postgres.restart(5000)],
		['Redis restarted (down 3 s)', () => cluster.redis.restart(3000)],
	] as const) {
		it(
			`${name} mid-push: the push waits and finishes, or the next run completes it; nothing existing is called not created`,
			{ timeout: 400_000 },
			async () => {
				const references = freshOrders(200);
				sb.starshipit.server.clearLog();
				// Slow imports, so the restart falls in the middle of them.
				sb.starshipit.server.injectFaults(
					IMPORT,
					Array.from({ length: 4 }, () => ({ kind: 'delay' as const, ms: 1500 })),
				);
				const watch = watchCopies(references);
				const id = await cluster.runManually(cluster.workflow(ORDER_PUSH).id, RUN_NOW);
				await importsReached(1);
				await restart();
				const [row] = await cluster.waitForExecutions([id], 240_000);
				const ids = await untilComplete([id], references);
				const end = watch.stop();
				const result = {
					push: row.status,
					runs: ids.length,
					...end,
					falselyNotCreated: falselyNotCreated(ids, references),
				};
				console.log(`${name} mid-push: ${JSON.stringify(result)}`);
				expect({
					surplus: end.surplus,
					missing: end.missing,
					falsely: result.falselyNotCreated,
				}).toEqual({ surplus: 0, missing: 0, falsely: [] });
			},
		);
	}

	it(
		'a worker killed mid-import, then the next scheduled run on the other worker: one copy per sale order',
		{ timeout: 400_000 },
		async () => {
			const references = freshOrders(200);
			sb.starshipit.server.clearLog();
			sb.starshipit.server.injectFaults(
				IMPORT,
				Array.from({ length: 4 }, () => ({ kind: 'delay' as const, ms: 1500 })),
			);
			const watch = watchCopies(references);
			const id = await cluster.runManually(cluster.workflow(ORDER_PUSH).id, RUN_NOW);
			await importsReached(1);
			const victim = cluster.workers.find((w) => w.startedExecutions().includes(id));
			expect(victim).toBeDefined();
			victim!.kill();
			const next = await cluster.runManually(cluster.workflow(ORDER_PUSH).id, RUN_NOW);
			const [row] = await cluster.waitForExecutions([next], 240_000);
			const ids = await untilComplete([next], references);
			const end = watch.stop();
			const result = {
				killed: victim!.name,
				nextRun: row.status,
				runs: ids.length,
				...end,
				falselyNotCreated: falselyNotCreated(ids, references),
			};
			console.log(`worker killed mid-import: ${JSON.stringify(result)}`);
			expect({
				surplus: end.surplus,
				missing: end.missing,
				falsely: result.falselyNotCreated,
			}).toEqual({ surplus: 0, missing: 0, falsely: [] });
		},
	);
});
