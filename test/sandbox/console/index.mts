/**
 * The sandbox console: a plain HTML page (./console.html, ./console.js, no framework) served by
 * the CartonCloud sandbox under /_sandbox/console, showing both systems side by side with buttons
 * that drive them as people would (pack and dispatch in CartonCloud, print and ship in Starshipit,
 * inject a fault). Every button goes through the sandboxes' own control APIs over HTTP, so the
 * real webhooks fire exactly as they do when a test drives the control API.
 *
 * The page talks to its own origin only: the routes below read and drive both sandboxes and the
 * mail catcher for it (the Starshipit sandbox is on another port and sends no CORS headers).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HttpError, type SandboxRequest, type SandboxServer } from '../core/server.mts';
import type { SmtpSink } from '../mail/smtpSink.mts';

export const CONSOLE_PATH = '/_sandbox/console';

export interface ConsoleTargets {
	/** Base URLs of the two sandboxes (their control APIs live under /_sandbox/). */
	cartonCloudUrl: string;
	starshipitUrl: string;
	mail: SmtpSink;
	/** Shown as a link when n8n runs beside the sandboxes (`npm run n8n`). */
	n8nUrl?: string;
}

type Json = Record<string, unknown>;

async function control(base: string, method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> {
	const res = await fetch(`${base}/_sandbox/${path}`, {
		method,
		headers: body === undefined ? {} : { 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await res.text();
	const parsed: unknown = text ? JSON.parse(text) : undefined;
	if (!res.ok) throw new HttpError(res.status, parsed ?? { message: `${method} ${path} answered ${res.status}` });
	return parsed;
}

function input(req: SandboxRequest): Json {
	if (req.rawBody.length === 0) return {};
	const parsed = req.json<unknown>();
	if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new HttpError(400, { message: 'body must be a JSON object' });
	return parsed as Json;
}

function text(value: unknown, name: string): string {
	if (typeof value !== 'string' || value === '') throw new HttpError(400, { message: `${name} is required` });
	return value;
}

/** Registers the console's page and its routes on `server` (the CartonCloud sandbox's). */
export function registerConsole(server: SandboxServer, targets: ConsoleTargets): string {
	const page = (file: string, type: string) => () => ({
		status: 200,
		headers: { 'content-type': type, 'cache-control': 'no-store' },
		// Read per request, so editing the page needs no restart.
		body: readFileSync(join(import.meta.dirname, file)),
	});
	const cc = (method: 'GET' | 'POST', path: string, body?: unknown) => control(targets.cartonCloudUrl, method, path, body);
	const ss = (method: 'GET' | 'POST', path: string, body?: unknown) => control(targets.starshipitUrl, method, path, body);
	const ok = (body: unknown = { ok: true }) => ({ status: 200, body });

	server.control('GET', CONSOLE_PATH, page('console.html', 'text/html; charset=utf-8'));
	server.control('GET', `${CONSOLE_PATH}/console.js`, page('console.js', 'text/javascript; charset=utf-8'));

	server.control('GET', `${CONSOLE_PATH}/state`, async () => {
		const [cartonCloud, starshipit, ccLog, ssLog] = await Promise.all([cc('GET', 'state'), ss('GET', 'state'), cc('GET', 'log'), ss('GET', 'log')]);
		const { webhookDeliveries, ...starshipitRest } = starshipit as Json;
		return ok({
			urls: { cartonCloud: targets.cartonCloudUrl, starshipit: targets.starshipitUrl, n8n: targets.n8nUrl },
			cartonCloud,
			starshipit: { ...starshipitRest, webhookDeliveries: (webhookDeliveries as unknown[] | undefined)?.length ?? 0 },
			requests: { cartonCloud: (ccLog as { log: unknown[] }).log.length, starshipit: (ssLog as { log: unknown[] }).log.length },
			mail: targets.mail.messages.map(({ raw: _raw, ...m }) => m),
		});
	});

	// CartonCloud: a warehouse person packs (picked, then packed) or dispatches a sale order; the
	// status-change webhooks go out (to n8n's order push when it runs beside the sandbox).
	const setStatus = async (id: string, statuses: string[]) => {
		for (const status of statuses) await cc('POST', `outbound-orders/${encodeURIComponent(id)}/status`, { status });
		return await cc('GET', 'webhooks');
	};
	server.control('POST', `${CONSOLE_PATH}/pack`, async (req) => ok({ deliveries: await setStatus(text(input(req).id, 'id'), ['PICKED', 'PACKED']) }));
	server.control('POST', `${CONSOLE_PATH}/dispatch`, async (req) => ok({ deliveries: await setStatus(text(input(req).id, 'id'), ['DISPATCHED']) }));

	// Starshipit: print the label (tracking number, webhook), ship (carrier picks it up: Dispatched).
	const order = (req: SandboxRequest) => {
		const b = input(req);
		return { order_number: text(b.order_number, 'order_number'), ...(typeof b.apiKey === 'string' ? { apiKey: b.apiKey } : {}) };
	};
	server.control('POST', `${CONSOLE_PATH}/print`, async (req) => ok(await ss('POST', 'orders/print', order(req))));
	server.control('POST', `${CONSOLE_PATH}/ship`, async (req) => {
		const target = order(req);
		const { status } = input(req);
		if (status !== 'Shipped') await ss('POST', 'orders/print', target).catch(() => undefined); // already printed: fine
		return ok(await ss('POST', 'orders/advance', { ...target, tracking_status: 'Dispatched' }));
	});

	// Faults: the next N responses of an endpoint fail (the sandboxes' own fault injection), or the
	// mail server refuses the next e-mails.
	server.control('POST', `${CONSOLE_PATH}/fault`, async (req) => {
		const b = input(req);
		const count = Math.max(1, Math.min(100, Number(b.count ?? 1)));
		if (b.system === 'mail') {
			targets.mail.refuseNext(count);
			return ok();
		}
		const status = Number(b.status ?? 500);
		const base = b.system === 'starshipit' ? targets.starshipitUrl : b.system === 'cartonCloud' ? targets.cartonCloudUrl : undefined;
		if (!base) throw new HttpError(400, { message: 'system must be cartonCloud, starshipit or mail' });
		const faults = Array.from({ length: count }, () => ({ kind: 'status', status, body: { message: `Injected fault (HTTP ${status}) from the sandbox console` } }));
		await control(base, 'POST', 'faults', { endpoint: text(b.endpoint, 'endpoint'), faults });
		return ok();
	});
	server.control('POST', `${CONSOLE_PATH}/reset`, async () => {
		// Starshipit's reset restores its start-up config; keep where its webhooks go (n8n, when running).
		const { config } = (await ss('GET', 'state')) as { config: { webhookUrl?: string; webhookSecret?: string } };
		await Promise.all([cc('POST', 'reset'), ss('POST', 'reset')]);
		await ss('POST', 'config', { webhookUrl: config.webhookUrl, webhookSecret: config.webhookSecret });
		targets.mail.clear();
		return ok();
	});

	return `${targets.cartonCloudUrl}${CONSOLE_PATH}`;
}
