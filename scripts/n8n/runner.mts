/**
 * The steps `npm run test:n8n` and `npm run test:queue` share: install the pinned n8n when missing
 * (./install.mts, cached outside the package), then run a vitest config.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { EXIT_REGISTRY_UNAVAILABLE, PACKAGE_ROOT } from './paths.mts';

/**
 * Installs (or reuses) n8n. When the registry cannot provide it, prints `SKIPPED <suite>: <reason>`
 * and exits 0 (exit 3 with N8N_TEST_REQUIRED=1); any other install failure exits 1.
 */
export function ensureN8nOrExit(suite: string, started: number): void {
	const install = spawnSync(
		process.execPath,
		[
			join(PACKAGE_ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'),
			join(import.meta.dirname, 'install.mts'),
		],
		{
			cwd: PACKAGE_ROOT,
			stdio: ['ignore', 'pipe', 'inherit'],
			encoding: 'utf8',
		},
	);
	const installOut = install.stdout ?? '';
	if (install.status === EXIT_REGISTRY_UNAVAILABLE) {
		const reason =
			installOut
				.split('\n')
				.find((l) => l.startsWith('SKIPPED real-n8n:'))
				?.replace(/^SKIPPED real-n8n:\s*/, '') ?? 'n8n could not be installed from the registry';
		console.log(`SKIPPED ${suite}: ${reason}`);
		process.exit(process.env.N8N_TEST_REQUIRED === '1' ? EXIT_REGISTRY_UNAVAILABLE : 0);
	}
	if (install.status !== 0) {
		process.stdout.write(installOut);
		console.error(`${suite}: installing n8n failed (exit ${install.status})`);
		process.exit(1);
	}
	console.error(
		`[${suite}] n8n ready in ${installOut.trim().split('\n').pop()} (${((Date.now() - started) / 1000).toFixed(1)} s)`,
	);
}

/** vitest run with `config` (relative to the package root) and extra arguments; returns its exit status. */
export function runVitest(config: string, args: string[]): number {
	const vitest = spawnSync(
		process.execPath,
		[
			join(PACKAGE_ROOT, 'node_modules', 'vitest', 'vitest.mjs'),
			'run',
			'--config',
			join(PACKAGE_ROOT, config),
			...args,
		],
		{
			cwd: PACKAGE_ROOT,
			stdio: 'inherit',
		},
	);
	return vitest.status ?? 1;
}
