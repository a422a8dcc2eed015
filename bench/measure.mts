/**
 * Measures one workflow run: the engine runs in a child process (bench/engine.mts) against the
 * sandboxes in this one, and every call it makes is read back from the sandboxes' request logs.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { startSandboxes, type Sandboxes } from '../test/sandbox/index.mts';
import type { CredentialStore, WorkflowJson } from '../test/harness/index.mts';
import type { EngineJob, EngineResult } from './engine.mts';
import { seedPackedOrders } from './seed.mts';

export const ROOT = path.resolve(import.meta.dirname, '..');
export const PROFILE_DIR = path.join(ROOT, 'bench', 'profiles');

export interface Measured extends EngineResult {
	/** Calls per endpoint, keyed `ss METHOD /path` or `cc METHOD /path`. */
	calls: Record<string, number>;
	/** Starshipit requests answered 429. */
	starshipit429: number;
	starshipitCalls: number;
	/** TCP connections the sandboxes accepted during the run (keep-alive would make it far fewer than calls). */
	connections: number;
	/** From the first Starshipit call to the last (as the sandbox logged them). */
	starshipitSpanMs: number;
	/** From the first CartonCloud call to the first Starshipit call: what a push does before it can import. */
	beforeStarshipitMs: number;
	profile?: string;
}

/** Orders in the warm-up sandboxes (see engine.mts): enough to take every path a measured run takes. */
const WARM_UP_ORDERS = 100;

/** The sandboxes a run is measured against (n packed sale orders), and a small pair at the same tier for its warm-up run. */
export interface World {
	sandboxes: Sandboxes;
	warm: Sandboxes;
	close(): Promise<void>;
}

export async function startWorld(n: number, tier: number): Promise<World> {
	const options = { starshipit: { ratePerSecond: tier, burst: tier } };
	const sandboxes = await startSandboxes(options);
	const warm = await startSandboxes(options);
	seedPackedOrders(sandboxes.cartonCloud, n);
	seedPackedOrders(warm.cartonCloud, WARM_UP_ORDERS);
	return {
		sandboxes,
		warm,
		close: async () => void (await Promise.all([sandboxes.close(), warm.close()])),
	};
}

export interface MeasureOptions {
	/** Writes bench/profiles/<name>.cpuprofile. */
	profileName?: string;
	/** Credentials of a small pair of sandboxes: the engine runs the workflow against them once first (see engine.mts). */
	warmUp?: CredentialStore;
}

export async function measure(
	sandboxes: Sandboxes,
	credentials: CredentialStore,
	workflow: WorkflowJson,
	{ profileName, warmUp }: MeasureOptions = {},
): Promise<Measured> {
	const servers = { ss: sandboxes.starshipit.server, cc: sandboxes.cartonCloud.server };
	for (const server of Object.values(servers)) server.clearLog();
	const openedBefore = servers.ss.connectionsOpened + servers.cc.connectionsOpened;
	const job: EngineJob = { workflow, credentials, warmUp };
	const profileArgs = profileName
		? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`, `--cpu-prof-name=${profileName}.cpuprofile`]
		: [];
	const result = await runEngine(job, [
		'--expose-gc',
		...profileArgs,
		...(process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? []),
	]);
	const calls: Record<string, number> = {};
	for (const [system, server] of Object.entries(servers)) {
		for (const [endpoint, count] of Object.entries(server.counts()))
			calls[`${system} ${endpoint}`] = count;
	}
	const ssLog = servers.ss.log;
	const at = (entry: { time: string } | undefined) => (entry ? Date.parse(entry.time) : Number.NaN);
	const starshipitSpanMs = ssLog.length ? at(ssLog.at(-1)) - at(ssLog[0]) : 0;
	const beforeStarshipitMs =
		ssLog.length && servers.cc.log.length ? Math.max(0, at(ssLog[0]) - at(servers.cc.log[0])) : 0;
	return {
		...result,
		calls,
		starshipit429: ssLog.filter((entry) => entry.status === 429).length,
		starshipitCalls: ssLog.length,
		connections: servers.ss.connectionsOpened + servers.cc.connectionsOpened - openedBefore,
		starshipitSpanMs,
		beforeStarshipitMs,
		profile: profileName ? path.join(PROFILE_DIR, `${profileName}.cpuprofile`) : undefined,
	};
}

function runEngine(job: EngineJob, nodeArgs: string[]): Promise<EngineResult> {
	return new Promise((resolve, reject) => {
		const child = spawn(
			process.execPath,
			['--import', 'tsx', ...nodeArgs, path.join(ROOT, 'bench', 'engine.mts')],
			{
				cwd: ROOT,
				env: { ...process.env, BENCH_JOB: JSON.stringify(job) },
				stdio: ['ignore', 'pipe', 'inherit'],
			},
		);
		let out = '';
		child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
		child.on('error', reject);
		child.on('close', (code) => {
			const lines = out.split('\n');
			// Anything else the engine printed (e.g. --trace-gc via BENCH_NODE_ARGS) goes to stderr.
			for (const other of lines)
				if (other && !other.startsWith('BENCH_RESULT ')) process.stderr.write(`${other}\n`);
			const line = lines.find((l) => l.startsWith('BENCH_RESULT '));
			if (!line) return reject(new Error(`bench engine exited ${code} without a result:\n${out}`));
			resolve(JSON.parse(line.slice('BENCH_RESULT '.length)) as EngineResult);
		});
	});
}

/** Credentials for the sandboxes, with Starshipit's rate tier set wherever the credential has one. */
export function credentialsAtTier(
	sandboxes: Sandboxes,
	tier: number,
	tierFields: (tier: number) => Record<string, unknown>,
): CredentialStore {
	const store = sandboxes.credentials();
	for (const credential of Object.values(store)) {
		if (credential.type === 'starshipitApi') Object.assign(credential.data, tierFields(tier));
	}
	return store;
}

export type { CredentialStore };
