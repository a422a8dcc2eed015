/**
 * The run data `n8n execute --rawOutput` prints, found in its output and read per node.
 */
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
