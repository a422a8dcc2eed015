/**
 * One real n8n: a user folder with our package installed and the credentials imported, the CLI
 * commands run against it, and the `n8n start` servers it owns until dispose().
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
	type CredentialNames,
	type CredentialStore,
	executeWorkflow,
	type ImportedWorkflow,
	importCredentials,
	importWorkflows,
	publishWorkflow,
	runN8nCli,
	workflowImportDir,
} from './cli.mts';
import { n8nEnv } from './environment.mts';
import { installPackage, packPackage } from './package.mts';
import { isInstalled, N8N_VERSION, n8nHome } from './paths.mts';
import type { CliResult } from './processes.mts';
import type { ExecuteResult } from './runData.mts';
import { type RunningN8n, startServer, type WebhookRef } from './server.mts';

export interface PrepareOptions {
	credentials: CredentialStore;
	credentialNames?: CredentialNames;
	/** Default: a fresh temp folder, removed by dispose() unless N8N_TEST_KEEP is set. */
	userFolder?: string;
	/** Extra environment for every n8n process. */
	env?: Record<string, string>;
	/** Create the instance owner from env (needed to log into the editor; see start.mts). */
	owner?: boolean;
}

export class RealN8n {
	readonly env: NodeJS.ProcessEnv;
	private readonly running = new Set<RunningN8n>();

	constructor(
		readonly userFolder: string,
		readonly packagePath: string,
		env: NodeJS.ProcessEnv,
		private readonly removeOnDispose: boolean,
	) {
		this.env = env;
		mkdirSync(workflowImportDir(userFolder), { recursive: true });
	}

	/** Runs one n8n CLI command to completion. */
	async cli(args: string[], { check = true }: { check?: boolean } = {}): Promise<CliResult> {
		return await runN8nCli(args, this.env, this.userFolder, { check });
	}

	/** `n8n import:credentials` of plain data (n8n encrypts object `data` on import: commands/import/credentials.js). */
	async importCredentials(store: CredentialStore, names: CredentialNames = {}): Promise<void> {
		await importCredentials(this, store, names);
	}

	/**
	 * `n8n import:workflow --separate` of the given files (one CLI call), each under a stable id
	 * derived from its file name unless the JSON has an id. Imported workflows are unpublished.
	 */
	async importWorkflows(files: string[]): Promise<ImportedWorkflow[]> {
		return await importWorkflows(this, files);
	}

	/** `n8n publish:workflow` (2.x activation; takes effect at the next `n8n start`). */
	async publish(id: string): Promise<void> {
		await publishWorkflow(this, id);
	}

	/** `n8n execute --id --rawOutput`; resolves with the parsed run data also when the run failed. */
	async execute(id: string): Promise<ExecuteResult> {
		return await executeWorkflow(this, id);
	}

	/** `n8n start` on a free port; resolves once n8n says the editor is accessible (after webhook registration). */
	async start({
		port,
		publish = [],
		webhooks = [],
		timeoutMs = 120_000,
		echo = false,
	}: {
		port?: number;
		publish?: string[];
		webhooks?: WebhookRef[];
		timeoutMs?: number;
		echo?: boolean;
	} = {}): Promise<RunningN8n> {
		for (const id of publish) await this.publish(id);
		return await startServer(this.env, this.userFolder, this.running, {
			port,
			webhooks,
			timeoutMs,
			echo,
		});
	}

	/** Stops any running n8n and removes the user folder (kept when N8N_TEST_KEEP is set). */
	async dispose(): Promise<void> {
		for (const r of [...this.running]) await r.stop();
		if (this.removeOnDispose && !process.env.N8N_TEST_KEEP)
			rmSync(this.userFolder, { recursive: true, force: true });
	}
}

/**
 * A fresh n8n user folder with our packed package installed as a community package and the
 * given credentials imported. Needs ./install.mts to have run.
 */
export async function prepareN8n(options: PrepareOptions): Promise<RealN8n> {
	if (!isInstalled())
		throw new Error(
			`n8n ${N8N_VERSION} is not installed at ${n8nHome()}: run \`npx tsx scripts/n8n/install.mts\` (npm run test:n8n does)`,
		);
	const userFolder = options.userFolder ?? mkdtempSync(join(tmpdir(), 'n8n-user-'));
	let packagePath: string;
	try {
		packagePath = await installPackage(userFolder, await packPackage(join(userFolder, 'pack')));
	} catch (error) {
		if (!options.userFolder) rmSync(userFolder, { recursive: true, force: true });
		throw error;
	}
	const n8n = new RealN8n(
		userFolder,
		packagePath,
		n8nEnv(userFolder, options.env, options.owner),
		!options.userFolder,
	);
	try {
		await n8n.importCredentials(options.credentials, options.credentialNames);
	} catch (error) {
		await n8n.dispose();
		throw error;
	}
	return n8n;
}
