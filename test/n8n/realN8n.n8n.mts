/**
 * Proves the package in a real n8n (pinned, installed by scripts/n8n/install.mts): packed with
 * `npm pack`, installed into the community nodes folder of a fresh user folder, credentials
 * imported with n8n's CLI pointing at the in-process sandboxes, then every case in ./cases.mts run
 * (in `n8n start` as the editor runs a workflow, or `n8n execute`; webhook workflows published and
 * called over HTTP). The alert workflow every push and write-back calls is imported with them.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PACKAGE_NAME, PACKAGE_ROOT } from '../../scripts/n8n/paths.mts';
import {
	credentialNames,
	type ExecuteResult,
	prepareN8n,
	type RealN8n,
	type RunningN8n,
} from '../../scripts/n8n/realN8n.mts';
import { N8nRest } from '../../scripts/n8n/rest.mts';
import { CREDENTIALS, type Sandboxes, startSandboxes } from '../sandbox/index.mts';
import { ORDER_ALERTS_FILE, RUN_FAILED_NODE, PROVEN_BY_ALERTS_SUITE } from './alertFiles.mts';
import {
	type ArrangeContext,
	BUNDLED_CASES,
	type RealN8nCase,
	SMOKE_CASES,
	type WebhookResponse,
} from './cases.mts';

const CASES: RealN8nCase[] = [...SMOKE_CASES, ...BUNDLED_CASES];

let sb: Sandboxes;
let n8n: RealN8n;
const ids = new Map<string, string>();

beforeAll(async () => {
	// Starshipit's developer-tier rate (2/s) is the sandbox default; the in-process workflow tests lift it too.
	sb = await startSandboxes({ starshipit: { ratePerSecond: 1000, burst: 1000 } });
	n8n = await prepareN8n({
		credentials: sb.credentials(),
		credentialNames: credentialNames(CREDENTIALS),
		owner: true,
	});
	const files = [...new Set([...CASES.map((c) => c.file), ORDER_ALERTS_FILE])];
	const imported = await n8n.importWorkflows(files.map((f) => join(PACKAGE_ROOT, f)));
	files.forEach((f, i) => ids.set(f, imported[i].id));
});

afterAll(async () => {
	await n8n?.dispose();
	await sb?.close();
});

function resetSandboxes() {
	sb.cartonCloud.reset();
	sb.cartonCloud.configure({ webhookUrl: undefined });
	sb.cartonCloud.server.clearLog();
	sb.starshipit.reset();
}

function idOf(file: string): string {
	const id = ids.get(file);
	if (!id) throw new Error(`${file} is not in the case table, so it was not imported`);
	return id;
}

/** Runs a workflow file as the editor does ("Execute workflow" from "Run now") in the running n8n, or with `n8n execute`. */
async function execute(
	file: string,
	rest: N8nRest | undefined,
	runner: 'editor' | 'cli' = 'editor',
): Promise<ExecuteResult> {
	if (runner === 'cli') return await n8n.execute(idOf(file));
	if (!rest) throw new Error(`${file}: no running n8n to run it in`);
	return await rest.run(idOf(file), 'Run now');
}

async function executeOk(
	file: string,
	rest: N8nRest | undefined,
	runner: 'editor' | 'cli' = 'editor',
): Promise<ExecuteResult> {
	const run = await execute(file, rest, runner);
	// A run with failed orders fails on purpose once the alerts have run (test/n8n/alerts.n8n.mts).
	if (run.error?.node?.name === RUN_FAILED_NODE) return run;
	expect(
		run.error,
		`${file} failed: ${run.error?.message}\n${run.cli.stdout.slice(-4000)}\n${run.cli.stderr.slice(-2000)}`,
	).toBeUndefined();
	expect(run.status).toBe('success');
	return run;
}

async function arrange(c: RealN8nCase, rest: N8nRest | undefined) {
	resetSandboxes();
	const ctx: ArrangeContext = {
		sb,
		execute: async (file) => await executeOk(file, rest),
		insertRows: async (table, columns, rows) => {
			if (!rest) throw new Error('no running n8n to hold the data table');
			await rest.insertRows(table, columns, rows);
		},
	};
	await c.arrange?.(ctx);
	// Arranging may have run workflows; the case's own requests start from here.
	sb.cartonCloud.server.clearLog();
	sb.starshipit.server.clearLog();
}

async function toResponse(res: Response): Promise<WebhookResponse> {
	const bytes = Buffer.from(await res.arrayBuffer());
	const text = bytes.toString('utf8');
	let body: unknown = undefined;
	try {
		body = JSON.parse(text);
	} catch {
		/* not JSON */
	}
	return { status: res.status, headers: res.headers, text, bytes, body };
}

describe('the package as n8n installs it', () => {
	const pkg = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as Record<
		string,
		Record<string, string> | undefined
	>;

	it('has no runtime dependencies', () => {
		expect(Object.keys(pkg.dependencies ?? {})).toEqual([]);
		expect(pkg.bundledDependencies ?? pkg.bundleDependencies).toBeUndefined();
		expect(Object.keys(pkg.optionalDependencies ?? {})).toEqual([]);
		// The install brought nothing along: no nested node_modules, nothing beside our package.
		expect(existsSync(join(n8n.packagePath, 'node_modules'))).toBe(false);
		expect(
			readdirSync(join(n8n.userFolder, '.n8n', 'nodes', 'node_modules')).filter(
				(d) => !d.startsWith('.'),
			),
		).toEqual([PACKAGE_NAME]);
	});

	it('imports nothing at run time but n8n-workflow and zod (both provided by n8n) and Node built-ins', () => {
		// zod is on n8n's list of imports a community node may use (@n8n/eslint-plugin-community-nodes
		// no-restricted-imports); the package has no dependency of its own, so at run time
		// `zod/v4/mini` is n8n's copy (n8n 2.41 ships zod 3.25, which carries zod 4). The workflows
		// below map every sale order through it, in this n8n.
		expect(externalImports()).toEqual(['n8n-workflow', 'zod']);
	});

	it('every bundled workflow has a real-n8n case', () => {
		const dir = join(PACKAGE_ROOT, 'workflows');
		const bundled = existsSync(dir)
			? readdirSync(dir)
					.filter((f) => f.endsWith('.json'))
					.map((f) => `workflows/${f}`)
			: [];
		expect([...BUNDLED_CASES.map((c) => c.file), ...PROVEN_BY_ALERTS_SUITE].sort()).toEqual(
			bundled.sort(),
		);
	});
});

/** Packages the installed dist files require, other than Node's built-in modules. */
function externalImports(): string[] {
	const found = new Set<string>();
	const walk = (dir: string) => {
		for (const entry of readdirSync(dir, { withFileTypes: true })) {
			const full = join(dir, entry.name);
			if (entry.isDirectory()) walk(full);
			else if (entry.name.endsWith('.js')) {
				for (const [, name] of readFileSync(full, 'utf8').matchAll(/require\("([^".][^"]*)"\)/g)) {
					if (!isBuiltin(name))
						found.add(
							name.startsWith('@') ? name.split('/').slice(0, 2).join('/') : name.split('/')[0],
						);
				}
			}
		}
	};
	walk(join(n8n.packagePath, 'dist'));
	return [...found].sort();
}

describe('workflows run as the editor runs them (`n8n start`), or with `n8n execute`', () => {
	let server: RunningN8n | undefined;
	let rest: N8nRest | undefined;
	beforeAll(async () => {
		server = await n8n.start();
		rest = new N8nRest(server.baseUrl);
	});
	afterAll(async () => {
		await server?.stop();
	});

	for (const c of CASES) {
		if (c.kind !== 'execute') continue;
		it(c.title ?? c.file, async () => {
			await arrange(c, rest);
			const run =
				c.expectSuccess === false
					? await execute(c.file, rest, c.runner)
					: await executeOk(c.file, rest, c.runner);
			try {
				await c.assert({ sb, run });
			} catch (error) {
				if (server)
					(error as Error).message += `\n--- n8n log (tail) ---\n${server.logs().slice(-4000)}`;
				throw error;
			}
		});
	}
});

describe('webhook workflows, published and called over HTTP in `n8n start`', () => {
	for (const c of CASES) {
		if (c.kind !== 'webhook') continue;
		it(c.title ?? c.file, async () => {
			// The alert workflow is published with it: a published workflow runs only published sub-workflows.
			const server = await n8n.start({
				publish: [idOf(c.file), idOf(ORDER_ALERTS_FILE)],
				webhooks: [c.webhook],
			});
			try {
				await arrange(c, new N8nRest(server.baseUrl));
				expect(server.logs()).not.toMatch(
					/Unrecognized node type|is not a known node type|Failed to load/i,
				);
				const url = server.webhookUrl(c.webhook.path);
				const post = async (body: unknown, headers: Record<string, string> = {}) =>
					await toResponse(
						await fetch(url, {
							method: c.webhook.method ?? 'POST',
							headers: {
								...(typeof body === 'string' ? {} : { 'content-type': 'application/json' }),
								...headers,
							},
							body: typeof body === 'string' ? body : JSON.stringify(body ?? {}),
						}),
					);
				const response = c.call ? await c.call({ sb, n8n: server, url, post }) : await post(c.body);
				await c.assert({ sb, n8n: server, response });
			} catch (error) {
				(error as Error).message += `\n--- n8n log (tail) ---\n${server.logs().slice(-4000)}`;
				throw error;
			} finally {
				await server.stop();
			}
		});
	}
});
