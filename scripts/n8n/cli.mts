/**
 * One-shot n8n CLI commands against a user folder: import credentials and workflows, publish a
 * workflow, `n8n execute` one. `n8n start` is ./server.mts.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import {
	type CliResult,
	DEBUG,
	isPortClash,
	PORT_CLASH_ATTEMPTS,
	spawnN8n,
	tail,
} from './processes.mts';
import { type ExecuteResult, parseRunOutput, savedRun, toExecuteResult } from './runData.mts';
import { WEBHOOK_SECRETS, withCartonCloudSecret } from '../../test/sandbox/webhookSecrets.mts';

/**
 * The shared secret the CartonCloud Webhook Trigger requires. Since its version 2 it lives in the
 * sandbox credential `cartonCloudWebhookApi` (imported like the others), not in the workflows,
 * which are imported as they are; CartonCloud's webhook URL carries it as `?secret=`
 * (`withCartonCloudSecret`), as staff would configure it.
 */
export const CARTONCLOUD_WEBHOOK_SECRET = WEBHOOK_SECRETS.cartonCloud;
export { withCartonCloudSecret };

/** `{ [credentialId]: { type, data } }`, as test/sandbox's `credentials()` returns it. */
export type CredentialStore = Record<string, { type: string; data: Record<string, unknown> }>;
/** Display names for credential ids (e.g. test/sandbox's CREDENTIALS); the id is used when missing. */
export type CredentialNames = Record<string, string>;

/** `{ id: name }` from test/sandbox's CREDENTIALS shape. */
export function credentialNames(
	credentials: Record<string, { id: string; name: string }>,
): CredentialNames {
	return Object.fromEntries(Object.values(credentials).map((c) => [c.id, c.name]));
}

export interface ImportedWorkflow {
	id: string;
	name: string;
	file: string;
	json: WorkflowJson;
}

export interface WorkflowNode {
	name: string;
	type: string;
	parameters?: Record<string, unknown>;
	webhookId?: string;
	[key: string]: unknown;
}

export interface WorkflowJson {
	id?: string;
	name?: string;
	nodes: WorkflowNode[];
	connections: Record<string, unknown>;
	active?: boolean;
	[key: string]: unknown;
}

/** A stable workflow id (n8n accepts 1-21 characters, utils.js isWorkflowIdValid) from a file name. */
export function workflowIdFor(file: string): string {
	const stem = basename(file, '.json')
		.replace(/[^A-Za-z0-9]/g, '')
		.slice(0, 12);
	const hash = createHash('sha1').update(basename(file)).digest('hex').slice(0, 8);
	return `${stem}${hash}`.slice(0, 21);
}

export class N8nCliError extends Error {
	constructor(
		readonly args: string[],
		readonly result: CliResult,
	) {
		super(
			`n8n ${args.join(' ')} exited ${result.code}\n--- stdout ---\n${tail(result.stdout)}\n--- stderr ---\n${tail(result.stderr)}`,
		);
	}
}

/** Runs one n8n CLI command to completion; throws N8nCliError on a non-zero exit when `check`. */
export async function runN8nCli(
	args: string[],
	env: NodeJS.ProcessEnv,
	cwd: string,
	{ check = true }: { check?: boolean } = {},
): Promise<CliResult> {
	for (let attempt = 1; ; attempt++) {
		const result = await runN8nCliOnce(args, env, cwd);
		if (
			result.code !== 0 &&
			isPortClash(result.stdout + result.stderr) &&
			attempt < PORT_CLASH_ATTEMPTS
		)
			continue;
		if (check && result.code !== 0) throw new N8nCliError(args, result);
		return result;
	}
}

async function runN8nCliOnce(
	args: string[],
	env: NodeJS.ProcessEnv,
	cwd: string,
): Promise<CliResult> {
	const started = Date.now();
	const child = await spawnN8n(args, env, cwd);
	let stdout = '';
	let stderr = '';
	child.stdout!.on('data', (d: Buffer) => {
		stdout += d.toString();
		if (DEBUG) process.stderr.write(`[n8n ${args[0]}] ${d.toString()}`);
	});
	child.stderr!.on('data', (d: Buffer) => {
		stderr += d.toString();
		if (DEBUG) process.stderr.write(`[n8n ${args[0]}!] ${d.toString()}`);
	});
	const code = await new Promise<number | null>((resolveCode, reject) => {
		child.once('error', reject);
		child.once('close', (c) => resolveCode(c));
	});
	const result = { code, stdout, stderr, seconds: (Date.now() - started) / 1000 };
	return result;
}

/** What the commands below run against: an instance's user folder and its CLI (RealN8n). */
export interface N8nCli {
	readonly userFolder: string;
	cli(args: string[], options?: { check?: boolean }): Promise<CliResult>;
}

/** Where importWorkflows stages its files; must exist (RealN8n creates it). */
export function workflowImportDir(userFolder: string): string {
	return join(userFolder, 'import');
}

/** `n8n import:credentials` of plain data (n8n encrypts object `data` on import: commands/import/credentials.js). */
export async function importCredentials(
	n8n: N8nCli,
	store: CredentialStore,
	names: CredentialNames = {},
): Promise<void> {
	const file = join(n8n.userFolder, 'credentials.json');
	const now = new Date().toISOString();
	const list = Object.entries(store).map(([id, { type, data }]) => ({
		id,
		name: names[id] ?? id,
		type,
		data,
		createdAt: now,
		updatedAt: now,
	}));
	writeFileSync(file, JSON.stringify(list, null, 2));
	try {
		await n8n.cli(['import:credentials', `--input=${file}`]);
	} finally {
		rmSync(file, { force: true });
	}
}

/**
 * `n8n import:workflow --separate` of the given files (one CLI call), each under a stable id
 * derived from its file name unless the JSON has an id. Imported workflows are unpublished.
 */
export async function importWorkflows(n8n: N8nCli, files: string[]): Promise<ImportedWorkflow[]> {
	const dir = mkdtempSync(join(workflowImportDir(n8n.userFolder), 'batch-'));
	const imported = files.map((file) => {
		const json = JSON.parse(readFileSync(file, 'utf8')) as WorkflowJson;
		const id =
			typeof json.id === 'string' && json.id.length > 0 && json.id.length <= 21
				? json.id
				: workflowIdFor(file);
		const withId = { ...json, id, active: false };
		writeFileSync(join(dir, `${id}.json`), JSON.stringify(withId, null, 2));
		return { id, name: json.name ?? id, file: resolve(file), json: withId };
	});
	if (imported.length) await n8n.cli(['import:workflow', '--separate', `--input=${dir}`]);
	rmSync(dir, { recursive: true, force: true });
	return imported;
}

/** `n8n publish:workflow` (2.x activation; takes effect at the next `n8n start`). */
export async function publishWorkflow(n8n: N8nCli, id: string): Promise<void> {
	await n8n.cli(['publish:workflow', `--id=${id}`]);
}

/**
 * `n8n execute --id --rawOutput`; resolves with the parsed run data also when the run failed.
 * A failed run's data is printed through n8n's logger, whose console transport writes
 * asynchronously, and the command exits right after it: a large run (a push whose failed items
 * carry their sale orders) can lose its tail on a busy machine. The run is saved in the user
 * folder's database either way, so that is where it is read when the output is cut.
 */
export async function executeWorkflow(n8n: N8nCli, id: string): Promise<ExecuteResult> {
	const cli = await n8n.cli(['execute', `--id=${id}`, '--rawOutput'], { check: false });
	return toExecuteResult(parseRunOutput(cli.stdout) ?? (await savedRun(n8n.userFolder, id)), cli);
}
