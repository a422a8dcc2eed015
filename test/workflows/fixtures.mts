/**
 * Shared set-up for the bundled-workflow tests: both sandboxes, a harness whose credentials
 * point at them, the workflow files exactly as shipped, and readers of the sandboxes' end state.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { Harness, type WorkflowJson } from '../harness/index.mts';
import { type Sandboxes, startSandboxes, type SandboxesOptions } from '../sandbox/index.mts';
import type { OutboundOrder } from '../sandbox/cartoncloud/index.mts';

const WORKFLOWS = path.resolve(import.meta.dirname, '../../workflows');

/** A bundled workflow, read from `workflows/` unmodified. */
export function loadWorkflow(name: string): WorkflowJson {
	return JSON.parse(fs.readFileSync(path.join(WORKFLOWS, `${name}.json`), 'utf8')) as WorkflowJson;
}

export interface Env {
	sandboxes: Sandboxes;
	harness: Harness;
}

export async function startEnv(options: SandboxesOptions = {}): Promise<Env> {
	const sandboxes = await startSandboxes({ ...options, starshipit: { ratePerSecond: 1000, burst: 1000, ...options.starshipit } });
	return { sandboxes, harness: new Harness(sandboxes.credentials()) };
}

interface StarshipitOrderView {
	order_number: string;
	order_id: number;
	tracking_numbers: string[];
	carrier_name?: string;
	reference?: string;
	shipping_method?: string;
}

/** Order numbers held by each Starshipit account, by API key. */
export function starshipitOrders(env: Env, apiKey = 'sandbox-api-key'): StarshipitOrderView[] {
	const snapshot = env.sandboxes.starshipit.snapshot() as { accounts: Array<{ apiKey: string; orders: StarshipitOrderView[] }> };
	return snapshot.accounts.find((a) => a.apiKey === apiKey)?.orders ?? [];
}

export function saleOrders(env: Env, status?: string): OutboundOrder[] {
	return env.sandboxes.cartonCloud.state().outboundOrders.filter((o) => !status || o.status === status);
}

export interface ConsignmentView {
	id: string;
	version: number;
	references: { customer: string; tracking?: string };
	details: { tracking?: { companyName?: string; url?: string } };
	generatedFromTask?: { id: string };
}

export function consignments(env: Env): ConsignmentView[] {
	return env.sandboxes.cartonCloud.state().consignments as ConsignmentView[];
}

/** Requests per endpoint since the last `clearLogs`. */
export function count(env: Env, api: 'starshipit' | 'cartonCloud', endpoint: string): number {
	return env.sandboxes[api].server.count(endpoint);
}

export function clearLogs(env: Env): void {
	env.sandboxes.starshipit.server.clearLog();
	env.sandboxes.cartonCloud.server.clearLog();
}

/** A local HTTP endpoint that records what the sandboxes' webhooks send, bytes and headers. */
export async function webhookReceiver(): Promise<{ url: string; received: Array<{ headers: Record<string, string>; rawBody: Buffer }>; close(): Promise<void> }> {
	const received: Array<{ headers: Record<string, string>; rawBody: Buffer }> = [];
	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			received.push({ headers: req.headers as Record<string, string>, rawBody: Buffer.concat(chunks) });
			res.end('ok');
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
		received,
		close: () => new Promise<void>((resolve) => server.close(() => resolve())),
	};
}
