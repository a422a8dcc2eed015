/**
 * `npm run test:n8n`: installs the pinned n8n when missing (scripts/n8n/install.mts, cached outside
 * the package), then runs the real-n8n suite (test/n8n, its own vitest config). Extra arguments go
 * to vitest (e.g. `npm run test:n8n -- --reporter=json --outputFile.json=.cache/n8n-report.json`).
 *
 * When n8n itself cannot be installed from the registry it prints `SKIPPED real-n8n: <reason>` as
 * its own line and exits 0 (exit 3 with N8N_TEST_REQUIRED=1); any failure after a successful
 * install fails. Build dist/ first (`npm run build`; the package script does).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { EXIT_REGISTRY_UNAVAILABLE, PACKAGE_ROOT } from './paths.mts';

const started = Date.now();
const install = spawnSync(process.execPath, [join(PACKAGE_ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(import.meta.dirname, 'install.mts')], {
	cwd: PACKAGE_ROOT,
	stdio: ['ignore', 'pipe', 'inherit'],
	encoding: 'utf8',
});
const installOut = install.stdout ?? '';
if (install.status === EXIT_REGISTRY_UNAVAILABLE) {
	const line = installOut.split('\n').find((l) => l.startsWith('SKIPPED real-n8n:')) ?? 'SKIPPED real-n8n: n8n could not be installed from the registry';
	console.log(line);
	process.exit(process.env.N8N_TEST_REQUIRED === '1' ? EXIT_REGISTRY_UNAVAILABLE : 0);
}
if (install.status !== 0) {
	process.stdout.write(installOut);
	console.error(`real-n8n: installing n8n failed (exit ${install.status})`);
	process.exit(1);
}
console.error(`[test:n8n] n8n ready in ${installOut.trim().split('\n').pop()} (${((Date.now() - started) / 1000).toFixed(1)} s)`);

const vitest = spawnSync(
	process.execPath,
	[join(PACKAGE_ROOT, 'node_modules', 'vitest', 'vitest.mjs'), 'run', '--config', join(PACKAGE_ROOT, 'test', 'n8n', 'vitest.config.mts'), ...process.argv.slice(2)],
	{ cwd: PACKAGE_ROOT, stdio: 'inherit' },
);
console.error(`[test:n8n] took ${((Date.now() - started) / 1000).toFixed(1)} s`);
process.exit(vitest.status ?? 1);
