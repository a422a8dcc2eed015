/**
 * n8n in queue mode, for real: Redis and PostgreSQL (./services.mts), one main `n8n start` that
 * receives webhooks and enqueues executions, and `n8n worker` processes that run them. Each process
 * has its own user folder with our package installed as n8n installs it (./package.mts), as on
 * separate machines; all share the database, Redis and the encryption key.
 *
 *   const cluster = await startQueueCluster({ binaries, credentials, workflows: files, publish: ids, workers: 2 });
 *   const [a, b] = await Promise.all([cluster.runManually(id), cluster.runManually(id)]);
 *   await cluster.waitForIdle();
 *   await cluster.dispose();
 *
 * Manual runs go to the workers: OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS=true (n8n 2.41
 * workflow-runner.js `shouldEnqueue`; always so from n8n 3, modules/breaking-changes/rules/v3/
 * offload-manual-executions.rule.js), started through the owner's REST call the editor makes
 * (`POST /rest/workflows/:id/run` with `triggerToStartFrom`).
 */
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CredentialNames, CredentialStore, ImportedWorkflow } from './cli.mts';
import { n8nEnv, OWNER } from './environment.mts';
import { prepareN8n, type RealN8n } from './instance.mts';
import { installPackage, packPackage } from './package.mts';
import { DEBUG, killGroup, spawnN8n, tail } from './processes.mts';
import type { RunningN8n, WebhookRef } from './server.mts';
import {
	type Postgres,
	type QueueBinaries,
	type Service,
	startPostgres,
	startRedis,
} from './services.mts';

export interface QueueClusterOptions {
	binaries: QueueBinaries;
	credentials: CredentialStore;
	credentialNames?: CredentialNames;
	/** Workflow files imported before start. */
	workflows: string[];
	/** Which of them to publish (by file), so their triggers and webhooks are live. */
	publish?: (workflow: ImportedWorkflow) => boolean;
	/** Webhooks the main must serve before start() resolves. */
	webhooks?: (workflows: ImportedWorkflow[]) => WebhookRef[];
	workers?: number;
	/** Jobs per worker (n8n's --concurrency; it warns below 5). */
	concurrency?: number;
}

export interface Worker {
	name: string;
	/** Execution ids this worker started, from its "Worker started execution <id>" log lines. */
	startedExecutions(): string[];
	logs(): string;
	stop(): Promise<void>;
	/** SIGKILL, as when the machine under a worker dies: no job is finished or handed back. */
	kill(): void;
}

export interface ExecutionRow {
	id: string;
	workflowId: string;
	mode: string;
	status: string;
}

export class QueueCluster {
	readonly workers: Worker[] = [];
	main!: RunningN8n;
	private cookie = '';
	private readonly browserId = 'queue-test-browser';

	constructor(
		readonly root: string,
		readonly redis: Service,
		readonly postgres: Postgres,
		readonly n8n: RealN8n,
		readonly workflows: ImportedWorkflow[],
	) {}

	workflow(file: string): ImportedWorkflow {
		const found = this.workflows.find((w) => w.file.endsWith(file));
		if (!found) throw new Error(`${file} was not imported into the queue cluster`);
		return found;
	}

	/** Logs in as the owner (created from env at start) for the REST calls below. */
	async login(): Promise<void> {
		const res = await fetch(`${this.main.baseUrl}/rest/login`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', 'browser-id': this.browserId },
			body: JSON.stringify({ emailOrLdapLoginId: OWNER.email, password: OWNER.password }),
		});
		if (!res.ok) throw new Error(`POST /rest/login -> ${res.status} ${await res.text()}`);
		this.cookie = (res.headers.getSetCookie?.() ?? [])
			.map((c) => c.split(';')[0])
			.filter((c) => c.startsWith('n8n-auth='))
			.join('; ');
		if (!this.cookie) throw new Error('POST /rest/login set no n8n-auth cookie');
	}

	/** What the editor's "Execute workflow" does: starts a manual run at `trigger`; returns the execution id. */
	async runManually(workflowId: string, trigger: string): Promise<string> {
		if (!this.cookie) await this.login();
		const send = async () =>
			await fetch(`${this.main.baseUrl}/rest/workflows/${workflowId}/run`, {
				method: 'POST',
				headers: {
					'content-type': 'application/json',
					cookie: this.cookie,
					'browser-id': this.browserId,
				},
				body: JSON.stringify({ triggerToStartFrom: { name: trigger } }),
			});
		let res = await send();
		// Right after a burst the main's database health check may still fail ("Database is not
		// ready!", 503): a person would click again a little later, and so does this.
		for (let attempt = 1; res.status === 503 && attempt <= 30; attempt++) {
			await res.text();
			await new Promise((resolve) => setTimeout(resolve, 2000));
			res = await send();
		}
		const text = await res.text();
		if (!res.ok) throw new Error(`POST /rest/workflows/${workflowId}/run -> ${res.status} ${text}`);
		const body = JSON.parse(text) as { data?: { executionId?: string } };
		if (!body.data?.executionId)
			throw new Error(`POST /rest/workflows/${workflowId}/run started nothing: ${text}`);
		return String(body.data.executionId);
	}

	/** Every execution in the database, oldest first. */
	executions(): ExecutionRow[] {
		return this.postgres
			.query('SELECT id, "workflowId", mode, status FROM execution_entity ORDER BY id')
			.map(([id, workflowId, mode, status]) => ({ id, workflowId, mode, status }));
	}

	/**
	 * Waits until at least `atLeast` executions exist and none is queued or running, and the
	 * count has not moved for `settleMs` (webhook runs are enqueued a moment after their answer).
	 */
	async waitForIdle({
		atLeast = 0,
		timeoutMs = 300_000,
		settleMs = 2_000,
	}: { atLeast?: number; timeoutMs?: number; settleMs?: number } = {}): Promise<ExecutionRow[]> {
		const until = Date.now() + timeoutMs;
		let last = -1;
		let stableSince = Date.now();
		for (;;) {
			const rows = this.executions();
			const busy = rows.filter((r) => ['new', 'running', 'waiting', 'unknown'].includes(r.status));
			if (rows.length !== last) {
				last = rows.length;
				stableSince = Date.now();
			}
			if (rows.length >= atLeast && busy.length === 0 && Date.now() - stableSince >= settleMs)
				return rows;
			if (Date.now() > until) {
				throw new Error(
					`queue not idle after ${timeoutMs / 1000} s: ${rows.length} executions (wanted >= ${atLeast}), busy ${busy.map((r) => `${r.id}:${r.status}`).join(', ')}\n` +
						this.workers.map((w) => `--- ${w.name} ---\n${tail(w.logs(), 2000)}`).join('\n'),
				);
			}
			await sleep(500);
		}
	}

	/**
	 * Waits until these executions exist and are neither queued nor running (a database that is
	 * restarting is waited out); returns their rows.
	 */
	async waitForExecutions(ids: string[], timeoutMs = 300_000): Promise<ExecutionRow[]> {
		const until = Date.now() + timeoutMs;
		for (;;) {
			let rows: ExecutionRow[] = [];
			try {
				rows = this.executions().filter((r) => ids.includes(r.id));
			} catch {
				// PostgreSQL is down for a moment (a restart under test).
			}
			if (
				rows.length === ids.length &&
				rows.every((r) => !['new', 'running', 'waiting', 'unknown'].includes(r.status))
			)
				return rows;
			if (Date.now() > until)
				throw new Error(
					`executions ${ids.join(', ')} not finished after ${timeoutMs / 1000} s: ${rows.map((r) => `${r.id}:${r.status}`).join(', ')}`,
				);
			await sleep(500);
		}
	}

	/** Stops the workers and the main, then PostgreSQL and Redis; removes every folder. */
	async dispose(): Promise<void> {
		// Workers first: they finish (or give up) their jobs while the main and the stores still answer.
		await Promise.allSettled(this.workers.map((w) => w.stop()));
		await this.n8n.dispose();
		await Promise.allSettled([this.postgres.stop(), this.redis.stop()]);
		if (!process.env.N8N_TEST_KEEP) rmSync(this.root, { recursive: true, force: true });
	}
}

/** The environment shared by main and workers: queue mode on our Redis and PostgreSQL. */
function queueEnv(redis: Service, postgres: Postgres): Record<string, string> {
	return {
		EXECUTIONS_MODE: 'queue',
		OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: '127.0.0.1',
		DB_POSTGRESDB_PORT: String(postgres.port),
		DB_POSTGRESDB_DATABASE: postgres.database,
		DB_POSTGRESDB_USER: postgres.user,
		DB_POSTGRESDB_PASSWORD: postgres.password,
		// n8n's default pool is 2 connections per process: a webhook burst on the main then waits
		// for the database so long that its senders time out and its own health ping fails.
		DB_POSTGRESDB_POOL_SIZE: '10',
		// Binary data (label PDFs) must be readable by whichever process runs the next step.
		N8N_DEFAULT_BINARY_DATA_MODE: 'database',
	};
}

/**
 * Redis, PostgreSQL, the main (owner from env, credentials and workflows imported, `publish`ed
 * ones live) and `workers` workers, each ready. On failure everything started so far is stopped.
 */
export async function startQueueCluster(options: QueueClusterOptions): Promise<QueueCluster> {
	const root = mkdtempSync(join(tmpdir(), 'n8n-queue-'));
	// PostgreSQL runs as `postgres` and must reach its folder inside this one.
	chmodSync(root, 0o711);
	const stops: (() => Promise<void>)[] = [];
	try {
		const redis = await startRedis(options.binaries, join(root, 'redis'));
		stops.push(redis.stop);
		const postgres = await startPostgres(options.binaries, join(root, 'postgres'));
		stops.push(postgres.stop);
		const env = queueEnv(redis, postgres);

		const n8n = await prepareN8n({
			credentials: options.credentials,
			credentialNames: options.credentialNames,
			userFolder: mkdir(join(root, 'main')),
			env,
			owner: true,
		});
		stops.push(() => n8n.dispose());
		const workflows = await n8n.importWorkflows(options.workflows);
		const cluster = new QueueCluster(root, redis, postgres, n8n, workflows);
		stops.length = 0;
		try {
			const publish = workflows.filter((w) => options.publish?.(w)).map((w) => w.id);
			cluster.main = await n8n.start({ publish, webhooks: options.webhooks?.(workflows) ?? [] });

			const tarball = await packPackage(join(root, 'pack'));
			const count = options.workers ?? 2;
			const started = await Promise.all(
				Array.from({ length: count }, async (_, i) => {
					const folder = mkdir(join(root, `worker-${i + 1}`));
					await installPackage(folder, tarball);
					return await startWorker(
						`worker-${i + 1}`,
						n8nEnv(folder, env),
						folder,
						options.concurrency ?? 5,
					);
				}),
			);
			cluster.workers.push(...started);
			return cluster;
		} catch (error) {
			await cluster.dispose();
			throw error;
		}
	} catch (error) {
		for (const stop of stops.reverse()) await stop().catch(() => undefined);
		rmSync(root, { recursive: true, force: true });
		throw error;
	}
}

/** `n8n worker --concurrency=N`, resolved once it says it is ready. */
async function startWorker(
	name: string,
	env: NodeJS.ProcessEnv,
	cwd: string,
	concurrency: number,
	timeoutMs = 120_000,
): Promise<Worker> {
	const child = await spawnN8n(['worker', `--concurrency=${concurrency}`], env, cwd);
	let output = '';
	const onData = (d: Buffer) => {
		output += d.toString();
		if (DEBUG) process.stderr.write(`[${name}] ${d.toString()}`);
	};
	child.stdout!.on('data', onData);
	child.stderr!.on('data', onData);
	let exited = false;
	const exitPromise = new Promise<void>((resolveExit) =>
		child.once('exit', () => ((exited = true), resolveExit())),
	);
	const deadline = Date.now() + timeoutMs;
	while (!/n8n worker is now ready/.test(output)) {
		if (exited) throw new Error(`${name} exited early:\n${tail(output)}`);
		if (Date.now() > deadline) {
			killGroup(child.pid!, 'SIGKILL');
			throw new Error(`${name} not ready after ${timeoutMs / 1000} s:\n${tail(output)}`);
		}
		await sleep(250);
	}
	return {
		name,
		logs: () => output,
		startedExecutions: () =>
			[...output.matchAll(/Worker started execution (\d+)/g)].map((m) => m[1]),
		kill: () => {
			if (!exited) killGroup(child.pid!, 'SIGKILL');
		},
		stop: async () => {
			if (exited) return;
			killGroup(child.pid!, 'SIGTERM');
			const timer = setTimeout(() => killGroup(child.pid!, 'SIGKILL'), 30_000);
			await exitPromise;
			clearTimeout(timer);
		},
	};
}

function mkdir(path: string): string {
	mkdirSync(path, { recursive: true });
	return path;
}

function sleep(ms: number) {
	return new Promise((r) => setTimeout(r, ms));
}
