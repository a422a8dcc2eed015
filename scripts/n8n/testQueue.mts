/**
 * `npm run test:queue`: n8n's queue mode, for real (test/n8n/queueMode.queue.mts, its own vitest
 * config): Redis and PostgreSQL from Debian's packages, a main n8n and two workers with the package
 * installed as n8n installs it. Extra arguments go to vitest.
 *
 * Prints `SKIPPED queue: <reason>` and exits 0 only when redis-server/postgresql cannot be installed
 * (apt-get) or n8n cannot be installed from the registry; any other failure fails.
 * Build dist/ first (`npm run build`; the package script does).
 */
import { ensureN8nOrExit, runVitest } from './runner.mts';
import { ensureQueuePackages } from './services.mts';

const started = Date.now();
const packages = ensureQueuePackages();
if ('skip' in packages) {
	console.log(`SKIPPED queue: ${packages.skip}`);
	process.exit(process.env.N8N_TEST_REQUIRED === '1' ? 3 : 0);
}
console.error(
	`[test:queue] redis-server ${packages.binaries.redisServer}, postgres ${packages.binaries.postgresBin}`,
);
ensureN8nOrExit('queue', started);
const status = runVitest('test/n8n/queue.vitest.config.mts', process.argv.slice(2));
console.error(`[test:queue] took ${((Date.now() - started) / 1000).toFixed(1)} s`);
process.exit(status);
