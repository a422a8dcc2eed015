/**
 * The owner's REST calls to a running n8n (`n8n start`, owner created from env: prepareN8n({ owner:
 * true })), as the editor makes them: start a workflow at a trigger ("Execute workflow", a manual
 * run), wait for the execution to finish and read its run data like `n8n execute --rawOutput`.
 *
 * Workflows with n8n Data Table nodes (the bundled alerts) cannot run in `n8n execute`: the CLI
 * command initialises no modules (n8n/dist/commands/execute.js: no `moduleRegistry.initModules`),
 * so the Data Table node says "the module is disabled". They run here, in a server, instead.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { OWNER } from './environment.mts';
import { n8nHome } from './paths.mts';
import type { CliResult } from './processes.mts';
import { type ExecuteResult, toExecuteResult } from './runData.mts';

// n8n's own `flatted` (it sends run data flattened): CommonJS, loaded as n8n does.
const require = createRequire(import.meta.url);

function flatted(): { parse(text: string): unknown } {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	return require(join(n8nHome(), 'node_modules', 'flatted')) as { parse(text: string): unknown };
}

export interface ExecutionSummary {
	id: string;
	workflowId: string;
	mode: string;
	status: string;
}

export class N8nRest {
	private cookie = '';
	private readonly browserId = 'n8n-test-browser';

	constructor(readonly baseUrl: string) {}

	private headers(): Record<string, string> {
		return {
			'content-type': 'application/json',
			cookie: this.cookie,
			'browser-id': this.browserId,
		};
	}

	/** Logs in as the owner; every call below does it first when needed. */
	async login(): Promise<void> {
		const res = await fetch(`${this.baseUrl}/rest/login`, {
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

	/** The n8n-auth cookie of the owner's session (for a browser). */
	async authCookie(): Promise<string> {
		if (!this.cookie) await this.login();
		return this.cookie.replace(/^n8n-auth=/, '');
	}

	async get<T>(path: string): Promise<T> {
		if (!this.cookie) await this.login();
		const res = await fetch(`${this.baseUrl}${path}`, { headers: this.headers() });
		const text = await res.text();
		if (!res.ok) throw new Error(`GET ${path} -> ${res.status} ${text.slice(0, 500)}`);
		return (JSON.parse(text) as { data: T }).data;
	}

	async post<T>(path: string, body: unknown): Promise<T> {
		if (!this.cookie) await this.login();
		const res = await fetch(`${this.baseUrl}${path}`, {
			method: 'POST',
			headers: this.headers(),
			body: JSON.stringify(body),
		});
		const text = await res.text();
		if (!res.ok) throw new Error(`POST ${path} -> ${res.status} ${text.slice(0, 500)}`);
		return (JSON.parse(text) as { data: T }).data;
	}

	/** The owner's personal project, where imported workflows and their data tables live. */
	async projectId(): Promise<string> {
		return (await this.get<{ id: string }>('/rest/projects/personal')).id;
	}

	/** A data table by its exact name, or undefined. */
	async dataTable(
		name: string,
	): Promise<{ id: string; name: string; projectId: string } | undefined> {
		const found = await this.get<{ data: Array<{ id: string; name: string; projectId: string }> }>(
			`/rest/data-tables-global?filter=${encodeURIComponent(JSON.stringify({ name }))}`,
		);
		return found.data.find((t) => t.name === name);
	}

	/** Rows of a data table (as a person would type them into n8n's Data tables view), creating it with string columns when missing. */
	async insertRows(
		name: string,
		columns: string[],
		rows: Array<Record<string, string | number | boolean | null>>,
	): Promise<void> {
		const projectId = await this.projectId();
		const table =
			(await this.dataTable(name)) ??
			(await this.post<{ id: string }>(`/rest/projects/${projectId}/data-tables`, {
				name,
				columns: columns.map((c) => ({ name: c, type: 'string' })),
			}));
		if (rows.length)
			await this.post(`/rest/projects/${projectId}/data-tables/${table.id}/insert`, {
				data: rows,
				returnType: 'count',
			});
	}

	/** Every row of a data table ([] when it does not exist). */
	async rows(name: string): Promise<Array<Record<string, unknown>>> {
		const table = await this.dataTable(name);
		if (!table) return [];
		const page = await this.get<{ data: Array<Record<string, unknown>> }>(
			`/rest/projects/${table.projectId}/data-tables/${table.id}/rows?take=1000`,
		);
		return page.data;
	}

	/** What the editor's "Execute workflow" does: a manual run from `trigger`; returns the execution id. */
	async runManually(workflowId: string, trigger: string): Promise<string> {
		if (!this.cookie) await this.login();
		const res = await fetch(`${this.baseUrl}/rest/workflows/${workflowId}/run`, {
			method: 'POST',
			headers: this.headers(),
			body: JSON.stringify({ triggerToStartFrom: { name: trigger } }),
		});
		const text = await res.text();
		if (!res.ok) throw new Error(`POST /rest/workflows/${workflowId}/run -> ${res.status} ${text}`);
		const id = (JSON.parse(text) as { data?: { executionId?: string } }).data?.executionId;
		if (!id) throw new Error(`POST /rest/workflows/${workflowId}/run started nothing: ${text}`);
		return String(id);
	}

	/** Executions of a workflow (or all), newest first. */
	async executions(workflowId?: string): Promise<ExecutionSummary[]> {
		const filter = workflowId
			? `?filter=${encodeURIComponent(JSON.stringify({ workflowId }))}`
			: '';
		const page = await this.get<{ results: ExecutionSummary[] }>(`/rest/executions${filter}`);
		return page.results.map((e) => ({ ...e, id: String(e.id) }));
	}

	/** Waits until an execution has finished, then reads its run data as `n8n execute` would print it. */
	async result(executionId: string, timeoutMs = 120_000): Promise<ExecuteResult> {
		const until = Date.now() + timeoutMs;
		for (;;) {
			const execution = await this.get<{ status: string; finished: boolean; data: string }>(
				`/rest/executions/${executionId}`,
			);
			if (!['new', 'running', 'waiting'].includes(execution.status)) {
				const cli: CliResult = {
					code: execution.status === 'success' ? 0 : 1,
					stdout: '',
					stderr: '',
					seconds: 0,
				};
				// The same run data `n8n execute --rawOutput` prints, read the same way.
				return toExecuteResult(
					{ status: execution.status, data: flatted().parse(execution.data) } as Parameters<
						typeof toExecuteResult
					>[0],
					cli,
				);
			}
			if (Date.now() > until)
				throw new Error(
					`execution ${executionId} still ${execution.status} after ${timeoutMs / 1000} s`,
				);
			await new Promise((r) => setTimeout(r, 250));
		}
	}

	/** A manual run from `trigger`, to its end. */
	async run(workflowId: string, trigger = 'Run now'): Promise<ExecuteResult> {
		return await this.result(await this.runManually(workflowId, trigger));
	}
}
