/**
 * Redis and PostgreSQL for n8n's queue mode, from Debian's packages, each started for one test run
 * in a temp folder on a free loopback port and stopped (and removed) afterwards.
 *
 * - ensureQueuePackages(): the binaries, installed with apt-get when missing (`apt-get update` once,
 *   then `apt-get install -y redis-server postgresql`); a reason when they cannot be had, which the
 *   runner prints as `SKIPPED queue: <reason>`.
 * - PostgreSQL refuses to run as root, so initdb and the server run as the `postgres` user (runuser)
 *   in a temp data folder that user owns; its unix socket lives there too, never in /run/postgresql.
 * - Both run in the foreground in their own process group (./processes.mts), so a crashed test
 *   cannot leave them behind the way a daemonized `pg_ctl start` would.
 */
import { type ChildProcess, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, killGroup, spawnGroup, tail } from './processes.mts';

const POSTGRES_LIB = '/usr/lib/postgresql';
const APT_PACKAGES = ['redis-server', 'postgresql'];

export interface QueueBinaries {
	redisServer: string;
	/** e.g. /usr/lib/postgresql/15/bin */
	postgresBin: string;
}

function log(message: string) {
	console.error(`[queue services] ${message}`);
}

function findBinaries(): QueueBinaries | undefined {
	const redisServer = ['/usr/bin/redis-server', '/usr/local/bin/redis-server'].find((p) =>
		existsSync(p),
	);
	const versions = existsSync(POSTGRES_LIB)
		? readdirSync(POSTGRES_LIB)
				.filter(
					(v) =>
						existsSync(join(POSTGRES_LIB, v, 'bin', 'initdb')) &&
						existsSync(join(POSTGRES_LIB, v, 'bin', 'postgres')),
				)
				.sort((a, b) => Number(b) - Number(a))
		: [];
	if (!redisServer || versions.length === 0) return undefined;
	return { redisServer, postgresBin: join(POSTGRES_LIB, versions[0], 'bin') };
}

function userExists(name: string): boolean {
	return spawnSync('id', ['-u', name], { encoding: 'utf8' }).status === 0;
}

/**
 * The Redis and PostgreSQL binaries, installed from Debian's packages when missing.
 * `{ skip }` only when they cannot be installed (no apt-get, not root, apt failed).
 */
export function ensureQueuePackages(): { binaries: QueueBinaries } | { skip: string } {
	let found = findBinaries();
	if (!found) {
		if (spawnSync('sh', ['-c', 'command -v apt-get'], { encoding: 'utf8' }).status !== 0)
			return { skip: 'redis-server/postgresql missing and no apt-get to install them' };
		if (process.getuid?.() !== 0)
			return { skip: 'redis-server/postgresql missing and apt-get needs root' };
		const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
		for (const args of [
			['update'],
			['install', '-y', '--no-install-recommends', ...APT_PACKAGES],
		]) {
			log(`$ apt-get ${args.join(' ')}`);
			const started = Date.now();
			const result = spawnSync('apt-get', args, {
				env,
				encoding: 'utf8',
				stdio: ['ignore', 'pipe', 'pipe'],
				maxBuffer: 64 * 1024 * 1024,
			});
			log(`  -> exit ${result.status} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
			if (result.status !== 0) {
				const why =
					`${result.stderr}\n${result.stdout}`
						.split('\n')
						.map((l) => l.trim())
						.filter((l) => /^E:|error/i.test(l))[0] ?? `exit ${result.status}`;
				return { skip: `apt-get ${args[0]} failed: ${why}` };
			}
		}
		found = findBinaries();
		if (!found)
			return {
				skip: `apt-get install ${APT_PACKAGES.join(' ')} succeeded but the binaries are not where Debian puts them`,
			};
	}
	if (!userExists('postgres'))
		return { skip: 'the postgresql package left no `postgres` user to run the server as' };
	return { binaries: found };
}

export interface Service {
	port: number;
	logs(): string;
	stop(): Promise<void>;
	/** Stops the service, leaves it down for `downMs`, starts it again on the same port (and data): a restart as ops meet it. */
	restart(downMs: number): Promise<void>;
}

/** Collects a child's output; resolves `ready` once `pattern` appears, rejects if it exits first. */
function watch(
	child: ChildProcess,
	name: string,
	pattern: RegExp,
	timeoutMs: number,
): { ready: Promise<void>; logs(): string; exited: Promise<void> } {
	let output = '';
	let onData: (() => void) | undefined;
	const collect = (d: Buffer) => {
		output += d.toString();
		onData?.();
	};
	child.stdout!.on('data', collect);
	child.stderr!.on('data', collect);
	const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()));
	const ready = new Promise<void>((resolveReady, reject) => {
		const timer = setTimeout(
			() => reject(new Error(`${name} not ready after ${timeoutMs / 1000} s:\n${tail(output)}`)),
			timeoutMs,
		);
		onData = () => {
			if (pattern.test(output)) {
				clearTimeout(timer);
				resolveReady();
			}
		};
		void exited.then(() => {
			clearTimeout(timer);
			reject(new Error(`${name} exited before it was ready:\n${tail(output)}`));
		});
	});
	return { ready, logs: () => output, exited };
}

async function stopChild(
	child: ChildProcess,
	exited: Promise<void>,
	signal: NodeJS.Signals,
): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null) return;
	killGroup(child.pid!, signal);
	const timer = setTimeout(() => killGroup(child.pid!, 'SIGKILL'), 15_000);
	await exited;
	clearTimeout(timer);
}

/** redis-server on 127.0.0.1 only, nothing persisted. */
export async function startRedis(binaries: QueueBinaries, dir: string): Promise<Service> {
	mkdirSync(dir, { recursive: true });
	const port = await freePort();
	const args = [
		'--port',
		String(port),
		'--bind',
		'127.0.0.1',
		'--save',
		'',
		'--appendonly',
		'no',
		'--dir',
		dir,
		'--protected-mode',
		'yes',
	];
	const launch = async () => {
		const child = spawnGroup(binaries.redisServer, args, process.env, dir);
		const watched = watch(child, 'redis-server', /Ready to accept connections/, 30_000);
		await watched.ready;
		return { child, watched };
	};
	let running = await launch();
	let earlier = '';
	const stop = () => stopChild(running.child, running.watched.exited, 'SIGTERM');
	return {
		port,
		logs: () => earlier + running.watched.logs(),
		stop,
		restart: async (downMs) => {
			await stop();
			earlier += running.watched.logs();
			await new Promise((resolve) => setTimeout(resolve, downMs));
			running = await launch();
		},
	};
}

export interface Postgres extends Service {
	database: string;
	user: string;
	password: string;
	/** psql -At against the database; rows as arrays of columns. */
	query(sql: string): string[][];
}

/** A throw-away PostgreSQL cluster owned by `postgres`, listening on 127.0.0.1:<free port> and a socket in `dir`. */
export async function startPostgres(binaries: QueueBinaries, dir: string): Promise<Postgres> {
	const user = 'postgres';
	const password = 'n8n-queue-test';
	const database = 'n8n';
	mkdirSync(dir, { recursive: true });
	chownSync(dir, uid(user), gid(user));
	const data = join(dir, 'data');
	const pwfile = join(dir, 'pwfile');
	writeFileSync(pwfile, `${password}\n`);
	chownSync(pwfile, uid(user), gid(user));
	// TCP needs the password (as n8n would use it); the unix socket in `dir` is for our psql calls.
	const initdb = spawnSync(
		'runuser',
		[
			'-u',
			user,
			'--',
			join(binaries.postgresBin, 'initdb'),
			'-D',
			data,
			'-U',
			user,
			`--pwfile=${pwfile}`,
			'--auth-host=scram-sha-256',
			'--auth-local=trust',
			'-E',
			'UTF8',
			'--locale=C',
		],
		{
			cwd: dir,
			encoding: 'utf8',
		},
	);
	if (initdb.status !== 0)
		throw new Error(
			`initdb failed (exit ${initdb.status}):\n${tail(initdb.stdout + initdb.stderr)}`,
		);
	rmSync(pwfile, { force: true });

	const launch = async (port: number) => {
		const args = [
			'-u',
			user,
			'--',
			join(binaries.postgresBin, 'postgres'),
			'-D',
			data,
			'-p',
			String(port),
			'-c',
			'listen_addresses=127.0.0.1',
			'-c',
			`unix_socket_directories=${dir}`,
			'-c',
			'max_connections=100',
			'-c',
			'fsync=off',
		];
		const child = spawnGroup('runuser', args, process.env, dir);
		const watched = watch(
			child,
			'postgres',
			/database system is ready to accept connections/,
			60_000,
		);
		await watched.ready.catch((error: unknown) => {
			(error as { logs?: string }).logs = watched.logs();
			throw error;
		});
		return { child, watched };
	};
	for (let attempt = 1; ; attempt++) {
		const port = await freePort();
		let running: Awaited<ReturnType<typeof launch>>;
		try {
			running = await launch(port);
		} catch (error) {
			if (
				attempt < 3 &&
				/could not bind|Address already in use/.test((error as { logs?: string }).logs ?? '')
			)
				continue;
			throw error;
		}
		let earlier = '';
		// SIGINT is PostgreSQL's "fast shutdown": roll back, close connections, exit.
		const stop = () => stopChild(running.child, running.watched.exited, 'SIGINT');
		const psql = (sql: string, db: string) =>
			spawnSync(
				'runuser',
				[
					'-u',
					user,
					'--',
					join(binaries.postgresBin, 'psql'),
					'-h',
					dir,
					'-p',
					String(port),
					'-d',
					db,
					'-At',
					'-F',
					'\t',
					'-v',
					'ON_ERROR_STOP=1',
					'-c',
					sql,
				],
				{ cwd: dir, encoding: 'utf8' },
			);
		const created = psql(`CREATE DATABASE ${database}`, 'postgres');
		if (created.status !== 0) throw new Error(`CREATE DATABASE failed: ${created.stderr}`);
		return {
			port,
			user,
			password,
			database,
			logs: () => earlier + running.watched.logs(),
			query: (sql) => {
				// A query made while the server restarts (a fault test), or a spawn the loaded machine
				// refuses once, is tried again a few times before it counts.
				let result = psql(sql, database);
				for (let attempt = 1; result.status !== 0 && attempt < 5; attempt++) {
					Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 500 * attempt);
					result = psql(sql, database);
				}
				if (result.status !== 0)
					throw new Error(
						`psql failed (exit ${result.status}): ${result.error?.message ?? result.stderr}`,
					);
				return result.stdout
					.split('\n')
					.filter(Boolean)
					.map((line) => line.split('\t'));
			},
			stop,
			restart: async (downMs) => {
				await stop();
				earlier += running.watched.logs();
				await new Promise((resolve) => setTimeout(resolve, downMs));
				running = await launch(port);
			},
		};
	}
}

function uid(name: string): number {
	return Number(spawnSync('id', ['-u', name], { encoding: 'utf8' }).stdout.trim());
}
function gid(name: string): number {
	return Number(spawnSync('id', ['-g', name], { encoding: 'utf8' }).stdout.trim());
}
