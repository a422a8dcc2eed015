/**
 * Drives a real, pinned n8n (installed by ./install.ts) with our package installed the way n8n
 * installs community packages, for `npm run test:n8n` (test/n8n) and `npm run n8n` (./start.ts).
 *
 *   const n8n = await prepareN8n({ credentials: sandboxes.credentials() });   // fresh user folder
 *   const [wf] = await n8n.importWorkflows(['workflows/x.json']);
 *   const run = await n8n.execute(wf.id);                                    // `n8n execute --rawOutput`
 *   const server = await n8n.start({ publish: [webhookWf.id] });              // `n8n start`
 *   await fetch(server.webhookUrl('my-path'), { method: 'POST', body: ... });
 *   await server.stop(); await n8n.dispose();
 *
 * Every n8n CLI call is an async child process: the sandboxes run in the caller's event loop, so a
 * synchronous spawn would deadlock them. n8n runs in its own process group, which stop()/dispose()
 * and an exit hook kill, so no n8n (or task runner) is left behind.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { isInstalled, N8N_VERSION, n8nBin, n8nHome, PACKAGE_NAME, PACKAGE_ROOT } from './paths.mts';
import { createRequire } from 'node:module';

// n8n-core and the built package are CommonJS: load them as n8n does, through require.
const require = createRequire(import.meta.url);

/** `{ [credentialId]: { type, data } }`, as test/sandbox's `credentials()` returns it. */
export type CredentialStore = Record<string, { type: string; data: Record<string, unknown> }>;
/** Display names for credential ids (e.g. test/sandbox's CREDENTIALS); the id is used when missing. */
export type CredentialNames = Record<string, string>;

/** A fixed test key: credentials are imported encrypted with it. */
export const TEST_ENCRYPTION_KEY = 'n8n-nodes-cartoncloud-starshipit-test-encryption-key';

export const OWNER = { email: 'owner@example.com', password: 'Sandbox-Owner-1', firstName: 'Sandbox', lastName: 'Owner' } as const;

const DEBUG = !!process.env.N8N_TEST_DEBUG;

// ---------------------------------------------------------------------------------------------
// Process hygiene: every n8n child is a process-group leader; kill the groups on exit.

const liveGroups = new Set<number>();
function killGroup(pid: number, signal: NodeJS.Signals) {
	try {
		process.kill(-pid, signal);
	} catch {
		/* already gone */
	}
}
process.once('exit', () => {
	for (const pid of liveGroups) killGroup(pid, 'SIGKILL');
});
// n8n runs detached (its own group), so a Ctrl+C or kill of this process does not reach it. When
// nobody else handles the signal (start.ts does, and stops n8n gracefully), kill the groups and
// die of the signal as Node would have.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
	process.once(signal, () => {
		if (process.listenerCount(signal) > 0) return;
		for (const pid of liveGroups) killGroup(pid, 'SIGKILL');
		process.kill(process.pid, signal);
	});
}

/**
 * Every n8n process (also `execute`) starts a task broker on N8N_RUNNERS_BROKER_PORT (default 5679),
 * so concurrent instances need their own port.
 */
async function spawnN8n(args: string[], env: NodeJS.ProcessEnv, cwd: string): Promise<ChildProcess> {
	const brokerPort = String(await freePort());
	const child = spawn(process.execPath, [n8nBin(), ...args], {
		env: { ...env, N8N_RUNNERS_BROKER_PORT: brokerPort },
		cwd,
		detached: true,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	if (child.pid) {
		const pid = child.pid;
		liveGroups.add(pid);
		child.once('exit', () => {
			// The group may still hold a task runner; make sure it goes with its parent.
			killGroup(pid, 'SIGKILL');
			liveGroups.delete(pid);
		});
	}
	return child;
}

export interface CliResult {
	code: number | null;
	stdout: string;
	stderr: string;
	seconds: number;
}

export class N8nCliError extends Error {
	constructor(
		readonly args: string[],
		readonly result: CliResult,
	) {
		super(`n8n ${args.join(' ')} exited ${result.code}\n--- stdout ---\n${tail(result.stdout)}\n--- stderr ---\n${tail(result.stderr)}`);
	}
}

function tail(text: string, max = 6000): string {
	return text.length > max ? `...${text.slice(-max)}` : text;
}

export async function freePort(): Promise<number> {
	return await new Promise((resolvePort, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as { port: number };
			server.close(() => resolvePort(port));
		});
	});
}

// ---------------------------------------------------------------------------------------------
// Our package, packed and installed as a community package.

/** `npm pack` of the package as built in dist/, into `dir`; returns the tarball path. */
export async function packPackage(dir: string): Promise<string> {
	if (!existsSync(join(PACKAGE_ROOT, 'dist'))) throw new Error('dist/ is missing: run `npm run build` first');
	mkdirSync(dir, { recursive: true });
	const { code, stdout, stderr } = await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], PACKAGE_ROOT, process.env);
	if (code !== 0) throw new Error(`npm pack failed: ${stderr}`);
	const [info] = JSON.parse(stdout) as { filename: string }[];
	return join(dir, info.filename);
}

/**
 * Installs the tarball into `<userFolder>/.n8n/nodes` the way n8n's community package installer
 * does (`npm install` in that folder), so the package sits in `.n8n/nodes/node_modules/` and its
 * node types are `n8n-nodes-cartoncloud-starshipit.<node>`. No registry access: the package has
 * no dependencies and its peer (n8n-workflow) is provided by n8n.
 */
export async function installPackage(userFolder: string, tarball: string): Promise<string> {
	const nodesDir = join(userFolder, '.n8n', 'nodes');
	mkdirSync(nodesDir, { recursive: true });
	writeFileSync(join(nodesDir, 'package.json'), JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }, null, 2));
	const args = ['install', tarball, '--ignore-scripts', '--omit=dev', '--omit=peer', '--legacy-peer-deps', '--no-audit', '--no-fund', '--loglevel=error', '--offline'];
	const { code, stderr } = await run('npm', args, nodesDir, process.env);
	if (code !== 0) throw new Error(`npm install of ${basename(tarball)} into ${nodesDir} failed: ${stderr}`);
	const installed = join(nodesDir, 'node_modules', PACKAGE_NAME);
	if (!existsSync(join(installed, 'package.json'))) throw new Error(`package not found at ${installed} after install`);
	return installed;
}

async function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<CliResult> {
	const started = Date.now();
	return await new Promise((resolveRun, reject) => {
		const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
		child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
		child.once('error', reject);
		child.once('close', (code) => resolveRun({ code, stdout, stderr, seconds: (Date.now() - started) / 1000 }));
	});
}

// ---------------------------------------------------------------------------------------------
// Workflow ids and run data

/** A stable workflow id (n8n accepts 1-21 characters, utils.js isWorkflowIdValid) from a file name. */
export function workflowIdFor(file: string): string {
	const stem = basename(file, '.json').replace(/[^A-Za-z0-9]/g, '').slice(0, 12);
	const hash = createHash('sha1').update(basename(file)).digest('hex').slice(0, 8);
	return `${stem}${hash}`.slice(0, 21);
}

export interface ImportedWorkflow {
	id: string;
	name: string;
	file: string;
	json: WorkflowJson;
}

export interface WorkflowNode {
	name: string;
	type: string;
	parameters?: Record<string, unknown>;
	webhookId?: string;
	[key: string]: unknown;
}

export interface WorkflowJson {
	id?: string;
	name?: string;
	nodes: WorkflowNode[];
	connections: Record<string, unknown>;
	active?: boolean;
	[key: string]: unknown;
}

export interface ExecutionItem {
	json: Record<string, unknown>;
	binary?: Record<string, unknown>;
	pairedItem?: unknown;
}

export interface NodeRunData {
	/** Items per output of the node's last run (index 0 is the main output). */
	outputs: ExecutionItem[][];
	error?: { message: string; description?: string; [key: string]: unknown };
	executionStatus?: string;
	runs: number;
}

export interface ExecuteResult {
	/** `success`/`error`/... from the run data; `error` also when n8n printed no run data. */
	status: string;
	error?: { message: string; node?: { name?: string }; [key: string]: unknown };
	nodes: Record<string, NodeRunData>;
	/** Items of a node's output (default main). Throws when the node did not run. */
	output(nodeName: string, outputIndex?: number): ExecutionItem[];
	/** Item json of a node's main output. */
	json(nodeName: string, outputIndex?: number): Record<string, unknown>[];
	raw?: unknown;
	cli: CliResult;
}

type RawRun = {
	status?: string;
	data?: {
		resultData?: {
			error?: ExecuteResult['error'];
			runData?: Record<string, { data?: { main?: (ExecutionItem[] | null)[] }; error?: NodeRunData['error']; executionStatus?: string }[]>;
		};
	};
};

/**
 * Finds the run-data JSON in `n8n execute` output: `JSON.stringify(data, null, 2)` printed alone on
 * success (commands/execute.js, `this.log`), or through the logger after "Execution error:" on
 * failure; both start with a line `{` and end with a line `}`.
 */
export function parseRunOutput(stdout: string): RawRun | undefined {
	const lines = stdout.split('\n');
	for (let start = 0; start < lines.length; start++) {
		if (lines[start].trimEnd() !== '{') continue;
		for (let end = lines.length - 1; end > start; end--) {
			if (lines[end].trimEnd() !== '}') continue;
			try {
				const parsed = JSON.parse(lines.slice(start, end + 1).join('\n')) as RawRun;
				if (parsed && typeof parsed === 'object' && 'data' in parsed) return parsed;
			} catch {
				/* try a shorter block */
			}
		}
	}
	return undefined;
}

export function toExecuteResult(raw: RawRun | undefined, cli: CliResult): ExecuteResult {
	const nodes: Record<string, NodeRunData> = {};
	for (const [name, runs] of Object.entries(raw?.data?.resultData?.runData ?? {})) {
		const last = runs[runs.length - 1];
		nodes[name] = {
			outputs: (last?.data?.main ?? []).map((items) => items ?? []),
			error: last?.error,
			executionStatus: last?.executionStatus,
			runs: runs.length,
		};
	}
	const output = (nodeName: string, outputIndex = 0) => {
		const node = nodes[nodeName];
		if (!node) throw new Error(`node "${nodeName}" did not run in real n8n; ran: ${Object.keys(nodes).join(', ') || '(none)'}\n${tail(cli.stdout, 3000)}`);
		return node.outputs[outputIndex] ?? [];
	};
	const error = raw?.data?.resultData?.error;
	return {
		status: raw?.status ?? (error || cli.code !== 0 ? 'error' : 'unknown'),
		error: error ?? (raw ? undefined : { message: `n8n execute printed no run data (exit ${cli.code})` }),
		nodes,
		output,
		json: (nodeName, outputIndex) => output(nodeName, outputIndex).map((i) => i.json),
		raw,
		cli,
	};
}

// ---------------------------------------------------------------------------------------------
// The instance

export interface PrepareOptions {
	credentials: CredentialStore;
	credentialNames?: CredentialNames;
	/** Default: a fresh temp folder, removed by dispose() unless N8N_TEST_KEEP is set. */
	userFolder?: string;
	/** Extra environment for every n8n process. */
	env?: Record<string, string>;
	/** Create the instance owner from env (needed to log into the editor; see start.ts). */
	owner?: boolean;
}

export interface WebhookRef {
	path: string;
	/** Default POST. */
	method?: string;
}

export interface RunningN8n {
	port: number;
	baseUrl: string;
	webhookUrl(path: string): string;
	/**
	 * Waits until n8n serves a production webhook. In 2.41 published workflows are registered
	 * asynchronously after start by the workflow publication service (n8n/dist/commands/start.js,
	 * `useWorkflowPublicationService`, default true), so "Editor is now accessible" is not enough.
	 * Probes with a CORS preflight, which never runs the workflow (webhooks/webhook-request-handler.js).
	 */
	waitForWebhook(webhook: WebhookRef, timeoutMs?: number): Promise<void>;
	/** Everything n8n printed so far. */
	logs(): string;
	stop(): Promise<void>;
}

export class RealN8n {
	readonly env: NodeJS.ProcessEnv;
	private readonly running = new Set<RunningN8n>();
	private readonly workflowDir: string;

	constructor(
		readonly userFolder: string,
		readonly packagePath: string,
		env: NodeJS.ProcessEnv,
		private readonly removeOnDispose: boolean,
	) {
		this.env = env;
		this.workflowDir = join(userFolder, 'import');
		mkdirSync(this.workflowDir, { recursive: true });
	}

	/** Runs one n8n CLI command to completion. */
	async cli(args: string[], { check = true }: { check?: boolean } = {}): Promise<CliResult> {
		const started = Date.now();
		const child = await spawnN8n(args, this.env, this.userFolder);
		let stdout = '';
		let stderr = '';
		child.stdout!.on('data', (d: Buffer) => {
			stdout += d.toString();
			if (DEBUG) process.stderr.write(`[n8n ${args[0]}] ${d.toString()}`);
		});
		child.stderr!.on('data', (d: Buffer) => {
			stderr += d.toString();
			if (DEBUG) process.stderr.write(`[n8n ${args[0]}!] ${d.toString()}`);
		});
		const code = await new Promise<number | null>((resolveCode, reject) => {
			child.once('error', reject);
			child.once('close', (c) => resolveCode(c));
		});
		const result = { code, stdout, stderr, seconds: (Date.now() - started) / 1000 };
		if (check && code !== 0) throw new N8nCliError(args, result);
		return result;
	}

	/** `n8n import:credentials` of plain data (n8n encrypts object `data` on import: commands/import/credentials.js). */
	async importCredentials(store: CredentialStore, names: CredentialNames = {}): Promise<void> {
		const file = join(this.userFolder, 'credentials.json');
		const now = new Date().toISOString();
		const list = Object.entries(store).map(([id, { type, data }]) => ({ id, name: names[id] ?? id, type, data, createdAt: now, updatedAt: now }));
		writeFileSync(file, JSON.stringify(list, null, 2));
		try {
			await this.cli(['import:credentials', `--input=${file}`]);
		} finally {
			rmSync(file, { force: true });
		}
	}

	/**
	 * `n8n import:workflow --separate` of the given files (one CLI call), each under a stable id
	 * derived from its file name unless the JSON has an id. Imported workflows are unpublished.
	 */
	async importWorkflows(files: string[]): Promise<ImportedWorkflow[]> {
		const dir = mkdtempSync(join(this.workflowDir, 'batch-'));
		const imported = files.map((file) => {
			const json = JSON.parse(readFileSync(file, 'utf8')) as WorkflowJson;
			const id = typeof json.id === 'string' && json.id.length > 0 && json.id.length <= 21 ? json.id : workflowIdFor(file);
			const withId = { ...json, id, active: false };
			writeFileSync(join(dir, `${id}.json`), JSON.stringify(withId, null, 2));
			return { id, name: json.name ?? id, file: resolve(file), json: withId };
		});
		if (imported.length) await this.cli(['import:workflow', '--separate', `--input=${dir}`]);
		rmSync(dir, { recursive: true, force: true });
		return imported;
	}

	/** `n8n publish:workflow` (2.x activation; takes effect at the next `n8n start`). */
	async publish(id: string): Promise<void> {
		await this.cli(['publish:workflow', `--id=${id}`]);
	}

	/** `n8n execute --id --rawOutput`; resolves with the parsed run data also when the run failed. */
	async execute(id: string): Promise<ExecuteResult> {
		const cli = await this.cli(['execute', `--id=${id}`, '--rawOutput'], { check: false });
		return toExecuteResult(parseRunOutput(cli.stdout), cli);
	}

	/** `n8n start` on a free port; resolves once n8n says the editor is accessible (after webhook registration). */
	async start({
		port,
		publish = [],
		webhooks = [],
		timeoutMs = 120_000,
		echo = false,
	}: { port?: number; publish?: string[]; webhooks?: WebhookRef[]; timeoutMs?: number; echo?: boolean } = {}): Promise<RunningN8n> {
		for (const id of publish) await this.publish(id);
		const p = port ?? (await freePort());
		const baseUrl = `http://127.0.0.1:${p}`;
		const env = { ...this.env, N8N_PORT: String(p), N8N_WEBHOOK_URL: `${baseUrl}/`, N8N_EDITOR_BASE_URL: `${baseUrl}/` };
		const child = await spawnN8n(['start'], env, this.userFolder);
		let output = '';
		const onData = (d: Buffer) => {
			output += d.toString();
			if (echo || DEBUG) process.stdout.write(d);
		};
		child.stdout!.on('data', onData);
		child.stderr!.on('data', onData);
		let exited = false;
		const exitPromise = new Promise<void>((resolveExit) => child.once('exit', () => ((exited = true), resolveExit())));

		const deadline = Date.now() + timeoutMs;
		while (!/Editor is now accessible via/.test(output)) {
			if (exited) throw new Error(`n8n start exited early:\n${tail(output)}`);
			if (Date.now() > deadline) {
				killGroup(child.pid!, 'SIGKILL');
				throw new Error(`n8n start not ready after ${timeoutMs / 1000} s:\n${tail(output)}`);
			}
			await sleep(250);
		}
		const health = await fetch(`${baseUrl}/healthz`);
		if (!health.ok) throw new Error(`GET /healthz -> ${health.status}`);

		const running: RunningN8n = {
			port: p,
			baseUrl,
			webhookUrl: (path) => `${baseUrl}/webhook/${path.replace(/^\//, '')}`,
			logs: () => output,
			waitForWebhook: async ({ path, method = 'POST' }, waitMs = 60_000) => {
				const until = Date.now() + waitMs;
				for (;;) {
					const res = await fetch(running.webhookUrl(path), {
						method: 'OPTIONS',
						headers: { origin: baseUrl, 'access-control-request-method': method },
					}).catch(() => undefined);
					const allowed = res?.headers.get('access-control-allow-methods') ?? '';
					if (res?.status === 204 && allowed.split(/,\s*/).includes(method.toUpperCase())) return;
					if (exited) throw new Error(`n8n exited while waiting for webhook ${method} ${path}:\n${tail(output)}`);
					if (Date.now() > until) throw new Error(`webhook ${method} ${path} not registered after ${waitMs / 1000} s:\n${tail(output)}`);
					await sleep(200);
				}
			},
			stop: async () => {
				this.running.delete(running);
				if (exited) return;
				killGroup(child.pid!, 'SIGTERM');
				const timer = setTimeout(() => killGroup(child.pid!, 'SIGKILL'), 20_000);
				await exitPromise;
				clearTimeout(timer);
			},
		};
		this.running.add(running);
		try {
			for (const webhook of webhooks) await running.waitForWebhook(webhook);
		} catch (error) {
			await running.stop();
			throw error;
		}
		return running;
	}

	/** Stops any running n8n and removes the user folder (kept when N8N_TEST_KEEP is set). */
	async dispose(): Promise<void> {
		for (const r of [...this.running]) await r.stop();
		if (this.removeOnDispose && !process.env.N8N_TEST_KEEP) rmSync(this.userFolder, { recursive: true, force: true });
	}
}

function sleep(ms: number) {
	return new Promise((r) => setTimeout(r, ms));
}

/** bcrypt hash for N8N_INSTANCE_OWNER_PASSWORD_HASH, computed with n8n's own bcryptjs. */
function ownerPasswordHash(): string {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const bcrypt = require(join(n8nHome(), 'node_modules', 'bcryptjs')) as { hashSync(s: string, rounds: number): string };
	return bcrypt.hashSync(OWNER.password, 10);
}

/** Environment for every n8n process: isolated user folder, fixed key, offline and quiet. */
export function n8nEnv(userFolder: string, extra: Record<string, string> = {}, owner = false): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = {};
	// Keep PATH/HOME/locale etc. but none of the caller's N8N_* / DB_* settings.
	for (const [k, v] of Object.entries(process.env)) if (!/^(N8N_|DB_|EXECUTIONS_|WEBHOOK_URL|QUEUE_|GENERIC_TIMEZONE|NODE_OPTIONS|VITEST|TSX)/.test(k)) env[k] = v;
	Object.assign(env, {
		N8N_USER_FOLDER: userFolder,
		N8N_ENCRYPTION_KEY: TEST_ENCRYPTION_KEY,
		DB_TYPE: 'sqlite',
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PROTOCOL: 'http',
		N8N_SECURE_COOKIE: 'false',
		// Offline and quiet: no telemetry, version checks, templates, banners, license renewals.
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_DIAGNOSTICS_CONFIG_FRONTEND: '',
		N8N_DIAGNOSTICS_CONFIG_BACKEND: '',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_WHATS_NEW_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_DYNAMIC_BANNERS_ENABLED: 'false',
		N8N_LICENSE_AUTO_RENEW_ENABLED: 'false',
		N8N_AI_ENABLED: 'false',
		// Community packages come from .n8n/nodes; never reinstall or fetch them.
		N8N_REINSTALL_MISSING_PACKAGES: 'false',
		N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		// Network: the MCP server registry module fetches https://api.n8n.io at start.
		N8N_DISABLED_MODULES: 'mcp-registry',
		N8N_BLOCK_ENV_ACCESS_IN_NODE: 'true',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '10',
		N8N_LOG_LEVEL: process.env.N8N_TEST_LOG_LEVEL ?? 'info',
		N8N_LOG_OUTPUT: 'console',
		GENERIC_TIMEZONE: 'UTC',
		TZ: 'UTC',
		NODE_ENV: 'production',
	});
	if (owner) {
		Object.assign(env, {
			N8N_INSTANCE_OWNER_MANAGED_BY_ENV: 'true',
			N8N_INSTANCE_OWNER_EMAIL: OWNER.email,
			N8N_INSTANCE_OWNER_FIRST_NAME: OWNER.firstName,
			N8N_INSTANCE_OWNER_LAST_NAME: OWNER.lastName,
			N8N_INSTANCE_OWNER_PASSWORD_HASH: ownerPasswordHash(),
		});
	}
	Object.assign(env, extra);
	return env;
}

/**
 * A fresh n8n user folder with our packed package installed as a community package and the
 * given credentials imported. Needs ./install.ts to have run.
 */
export async function prepareN8n(options: PrepareOptions): Promise<RealN8n> {
	if (!isInstalled()) throw new Error(`n8n ${N8N_VERSION} is not installed at ${n8nHome()}: run \`npx tsx scripts/n8n/install.mts\` (npm run test:n8n does)`);
	const userFolder = options.userFolder ?? mkdtempSync(join(tmpdir(), 'n8n-user-'));
	let packagePath: string;
	try {
		packagePath = await installPackage(userFolder, await packPackage(join(userFolder, 'pack')));
	} catch (error) {
		if (!options.userFolder) rmSync(userFolder, { recursive: true, force: true });
		throw error;
	}
	const n8n = new RealN8n(userFolder, packagePath, n8nEnv(userFolder, options.env, options.owner), !options.userFolder);
	try {
		await n8n.importCredentials(options.credentials, options.credentialNames);
	} catch (error) {
		await n8n.dispose();
		throw error;
	}
	return n8n;
}

/** `{ id: name }` from test/sandbox's CREDENTIALS shape. */
export function credentialNames(credentials: Record<string, { id: string; name: string }>): CredentialNames {
	return Object.fromEntries(Object.values(credentials).map((c) => [c.id, c.name]));
}
