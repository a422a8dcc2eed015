/**
 * n8n child processes: each one leads its own process group, and every group still alive is
 * killed when this process exits, so no n8n (or task runner) is left behind.
 *
 * Every n8n CLI call is an async child process: the sandboxes run in the caller's event loop, so a
 * synchronous spawn would deadlock them.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { n8nBin } from './paths.mts';

/** N8N_TEST_DEBUG echoes n8n's output. */
export const DEBUG = !!process.env.N8N_TEST_DEBUG;

/** A command run to completion. */
export interface CliResult {
	code: number | null;
	stdout: string;
	stderr: string;
	seconds: number;
}

/** The end of a long output, for error messages. */
export function tail(text: string, max = 6000): string {
	return text.length > max ? `...${text.slice(-max)}` : text;
}

const liveGroups = new Set<number>();

export function killGroup(pid: number, signal: NodeJS.Signals) {
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
// nobody else handles the signal (start.mts does, and stops n8n gracefully), kill the groups and
// die of the signal as Node would have.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
	process.once(signal, () => {
		if (process.listenerCount(signal) > 0) return;
		for (const pid of liveGroups) killGroup(pid, 'SIGKILL');
		process.kill(process.pid, signal);
	});
}

/**
 * Any long-running helper process (Redis, PostgreSQL) in its own process group, killed with the
 * others when this process exits. The caller stops it earlier by signalling the group.
 */
export function spawnGroup(
	cmd: string,
	args: string[],
	env: NodeJS.ProcessEnv,
	cwd: string,
): ChildProcess {
	const child = spawn(cmd, args, { env, cwd, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
	track(child);
	return child;
}

function track(child: ChildProcess): void {
	if (!child.pid) return;
	const pid = child.pid;
	liveGroups.add(pid);
	child.once('exit', () => {
		// The group may still hold children (a task runner, a database backend); they go with their parent.
		killGroup(pid, 'SIGKILL');
		liveGroups.delete(pid);
	});
}

/**
 * Every n8n process (also `execute`) starts a task broker on N8N_RUNNERS_BROKER_PORT (default 5679),
 * so concurrent instances need their own port.
 */
export async function spawnN8n(
	args: string[],
	env: NodeJS.ProcessEnv,
	cwd: string,
): Promise<ChildProcess> {
	const brokerPort = String(await freePort());
	const child = spawn(process.execPath, [n8nBin(), ...args], {
		env: { ...env, N8N_RUNNERS_BROKER_PORT: brokerPort },
		cwd,
		detached: true,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	track(child);
	return child;
}

/**
 * A port from `freePort` is free when asked for, not when n8n binds it a moment later: another
 * process (a parallel CI run, another n8n) can take it in between. n8n then fails at start-up,
 * before it has run anything, so the caller may simply start it again.
 */
export function isPortClash(output: string): boolean {
	return /EADDRINUSE|port \d+ is already in use/i.test(output);
}

/** How often a start-up that lost its port race is tried again. */
export const PORT_CLASH_ATTEMPTS = 3;

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
