/**
 * Our package, packed from dist/ and installed into an n8n user folder as a community package.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { PACKAGE_NAME, PACKAGE_ROOT } from './paths.mts';
import type { CliResult } from './processes.mts';

/** `npm pack` of the package as built in dist/, into `dir`; returns the tarball path. */
export async function packPackage(dir: string): Promise<string> {
	if (!existsSync(join(PACKAGE_ROOT, 'dist')))
		throw new Error('dist/ is missing: run `npm run build` first');
	mkdirSync(dir, { recursive: true });
	const { code, stdout, stderr } = await run(
		'npm',
		['pack', '--ignore-scripts', '--json', '--pack-destination', dir],
		PACKAGE_ROOT,
		process.env,
	);
	if (code !== 0) throw new Error(`npm pack failed: ${stderr}`);
	const [info] = JSON.parse(stdout) as { filename: string }[];
	return join(dir, info.filename);
}

/**
 * Installs the tarball into `<userFolder>/.n8n/nodes` the way n8n's community package installer
 * does (`npm install` in that folder), so the package sits in `.n8n/nodes/node_modules/` and its
 * node types are `n8n-nodes-cartoncloud-starshipit.<node>`. No registry access: the package has
 * no dependencies and its peer (n8n-workflow) is provided by n8n.
 */
export async function installPackage(userFolder: string, tarball: string): Promise<string> {
	const nodesDir = join(userFolder, '.n8n', 'nodes');
	mkdirSync(nodesDir, { recursive: true });
	writeFileSync(
		join(nodesDir, 'package.json'),
		JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }, null, 2),
	);
	const args = [
		'install',
		tarball,
		'--ignore-scripts',
		'--omit=dev',
		'--omit=peer',
		'--legacy-peer-deps',
		'--no-audit',
		'--no-fund',
		'--loglevel=error',
		'--offline',
	];
	const { code, stderr } = await run('npm', args, nodesDir, process.env);
	if (code !== 0)
		throw new Error(`npm install of ${basename(tarball)} into ${nodesDir} failed: ${stderr}`);
	const installed = join(nodesDir, 'node_modules', PACKAGE_NAME);
	if (!existsSync(join(installed, 'package.json')))
		throw new Error(`package not found at ${installed} after install`);
	return installed;
}

/** Runs `cmd` to completion (async, like the n8n calls: the sandboxes share the event loop). */
async function run(
	cmd: string,
	args: string[],
	cwd: string,
	env: NodeJS.ProcessEnv,
): Promise<CliResult> {
	const started = Date.now();
	return await new Promise((resolveRun, reject) => {
		const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
		child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
		child.once('error', reject);
		child.once('close', (code) =>
			resolveRun({ code, stdout, stderr, seconds: (Date.now() - started) / 1000 }),
		);
	});
}
