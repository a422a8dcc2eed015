/**
 * The run data `n8n execute --rawOutput` prints, found in its output and read per node.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { n8nHome } from './paths.mts';
import { type CliResult, tail } from './processes.mts';

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
			runData?: Record<
				string,
				{
					data?: { main?: (ExecutionItem[] | null)[] };
					error?: NodeRunData['error'];
					executionStatus?: string;
				}[]
			>;
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

/**
 * The newest saved execution of a workflow, read from the user folder's SQLite database with n8n's
 * own sqlite3 and flatted (how n8n stores execution data), as `n8n execute` would have printed it.
 */
export async function savedRun(
	userFolder: string,
	workflowId: string,
): Promise<RawRun | undefined> {
	const require = createRequire(join(n8nHome(), 'node_modules', 'n8n', 'package.json'));
	const sqlite3 = require('sqlite3') as {
		Database: new (file: string, mode: number, done: (error: Error | null) => void) => SqliteDb;
		OPEN_READONLY: number;
	};
	const { parse } = require('flatted') as { parse(text: string): unknown };
	const db = await new Promise<SqliteDb>((resolve, reject) => {
		const opened = new sqlite3.Database(
			join(userFolder, '.n8n', 'database.sqlite'),
			sqlite3.OPEN_READONLY,
			(error) => (error ? reject(error) : resolve(opened)),
		);
	});
	try {
		const rows = await new Promise<Array<{ status: string; data: string }>>((resolve, reject) =>
			db.all(
				'SELECT e.status AS status, d.data AS data FROM execution_entity e JOIN execution_data d ON d.executionId = e.id WHERE e.workflowId = ? ORDER BY e.id DESC LIMIT 1',
				[workflowId],
				(error, found) =>
					error ? reject(error) : resolve(found as Array<{ status: string; data: string }>),
			),
		);
		return rows[0]
			? { status: rows[0].status, data: parse(rows[0].data) as RawRun['data'] }
			: undefined;
	} finally {
		db.close();
	}
}

interface SqliteDb {
	all(sql: string, params: unknown[], done: (error: Error | null, rows: unknown[]) => void): void;
	close(): void;
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
		if (!node)
			throw new Error(
				`node "${nodeName}" did not run in real n8n; ran: ${Object.keys(nodes).join(', ') || '(none)'}\n${tail(cli.stdout, 3000)}`,
			);
		return node.outputs[outputIndex] ?? [];
	};
	const error = raw?.data?.resultData?.error;
	return {
		status: raw?.status ?? (error || cli.code !== 0 ? 'error' : 'unknown'),
		error:
			error ??
			(raw ? undefined : { message: `n8n execute printed no run data (exit ${cli.code})` }),
		nodes,
		output,
		json: (nodeName, outputIndex) => output(nodeName, outputIndex).map((i) => i.json),
		raw,
		cli,
	};
}
