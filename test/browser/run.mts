/**
 * `npm run test:browser`: finds Debian's Chromium (CHROMIUM_PATH, default /usr/bin/chromium; never
 * a downloaded browser), makes sure the pinned n8n is installed (scripts/n8n/install.mts), then
 * runs the browser suite (test/browser, own vitest config). Extra arguments go to vitest.
 *
 * Prints `SKIPPED browser: <reason>` and exits 0 only when Chromium is missing (`.ci/run` installs
 * the `chromium` package first) or n8n cannot be installed from the registry.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { EXIT_REGISTRY_UNAVAILABLE, PACKAGE_ROOT } from '../../scripts/n8n/paths.mts';
import { chromiumPath } from './chromium.mts';

const chromium = chromiumPath();
if (!existsSync(chromium)) {
	console.log(
		`SKIPPED browser: no Chromium at ${chromium} (apt-get install chromium, or set CHROMIUM_PATH)`,
	);
	process.exit(0);
}
const install = spawnSync(
	process.execPath,
	[
		join(PACKAGE_ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'),
		join(PACKAGE_ROOT, 'scripts', 'n8n', 'install.mts'),
	],
	{
		cwd: PACKAGE_ROOT,
		stdio: ['ignore', 'pipe', 'inherit'],
		encoding: 'utf8',
	},
);
if (install.status === EXIT_REGISTRY_UNAVAILABLE) {
	console.log(
		`SKIPPED browser: n8n could not be installed from the registry (${(install.stdout ?? '').trim().split('\n').pop()})`,
	);
	process.exit(0);
}
if (install.status !== 0) {
	process.stdout.write(install.stdout ?? '');
	console.error(`test:browser: installing n8n failed (exit ${install.status})`);
	process.exit(1);
}
const vitest = spawnSync(
	process.execPath,
	[
		join(PACKAGE_ROOT, 'node_modules', 'vitest', 'vitest.mjs'),
		'run',
		'--config',
		join(PACKAGE_ROOT, 'test', 'browser', 'vitest.config.mts'),
		...process.argv.slice(2),
	],
	{ cwd: PACKAGE_ROOT, stdio: 'inherit', env: { ...process.env, CHROMIUM_PATH: chromium } },
);
process.exit(vitest.status ?? 1);
