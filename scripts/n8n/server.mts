/**
 * `n8n start`: a running n8n on a port, ready once its editor and the wanted production webhooks
 * answer, stopped by signalling its process group.
 */
import {
	DEBUG,
	freePort,
	isPortClash,
	killGroup,
	PORT_CLASH_ATTEMPTS,
	spawnN8n,
	tail,
} from './processes.mts';

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

export interface StartOptions {
	port?: number;
	webhooks?: WebhookRef[];
	timeoutMs?: number;
	echo?: boolean;
}

/**
 * `n8n start` with the instance's `env` in `cwd`, on `port` or a free one; resolves once n8n says the
 * editor is accessible and every `webhooks` entry is served. The server is in `live` from then on
 * (also while waiting for the webhooks) until stopped, so its owner can stop whatever still runs.
 */
export async function startServer(
	env: NodeJS.ProcessEnv,
	cwd: string,
	live: Set<RunningN8n>,
	options: StartOptions = {},
): Promise<RunningN8n> {
	for (let attempt = 1; ; attempt++) {
		try {
			return await startServerOnce(env, cwd, live, options);
		} catch (error) {
			if (!(error instanceof PortClash) || attempt >= PORT_CLASH_ATTEMPTS) throw error;
		}
	}
}

class PortClash extends Error {}

async function startServerOnce(
	env: NodeJS.ProcessEnv,
	cwd: string,
	live: Set<RunningN8n>,
	{ port, webhooks = [], timeoutMs = 120_000, echo = false }: StartOptions,
): Promise<RunningN8n> {
	const p = port ?? (await freePort());
	const baseUrl = `http://127.0.0.1:${p}`;
	const serverEnv = {
		...env,
		N8N_PORT: String(p),
		N8N_WEBHOOK_URL: `${baseUrl}/`,
		N8N_EDITOR_BASE_URL: `${baseUrl}/`,
	};
	const child = await spawnN8n(['start'], serverEnv, cwd);
	let output = '';
	const onData = (d: Buffer) => {
		output += d.toString();
		if (echo || DEBUG) process.stdout.write(d);
	};
	child.stdout!.on('data', onData);
	child.stderr!.on('data', onData);
	let exited = false;
	const exitPromise = new Promise<void>((resolveExit) =>
		child.once('exit', () => ((exited = true), resolveExit())),
	);

	const deadline = Date.now() + timeoutMs;
	while (!/Editor is now accessible via/.test(output)) {
		if (exited)
			throw new (isPortClash(output) ? PortClash : Error)(
				`n8n start exited early:\n${tail(output)}`,
			);
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
				if (exited)
					throw new Error(
						`n8n exited while waiting for webhook ${method} ${path}:\n${tail(output)}`,
					);
				if (Date.now() > until)
					throw new Error(
						`webhook ${method} ${path} not registered after ${waitMs / 1000} s:\n${tail(output)}`,
					);
				await sleep(200);
			}
		},
		stop: async () => {
			live.delete(running);
			if (exited) return;
			killGroup(child.pid!, 'SIGTERM');
			const timer = setTimeout(() => killGroup(child.pid!, 'SIGKILL'), 20_000);
			await exitPromise;
			clearTimeout(timer);
		},
	};
	live.add(running);
	try {
		for (const webhook of webhooks) await running.waitForWebhook(webhook);
	} catch (error) {
		await running.stop();
		throw error;
	}
	return running;
}

function sleep(ms: number) {
	return new Promise((r) => setTimeout(r, ms));
}
