/**
 * `npm run test:n8n`: installs the pinned n8n when missing (scripts/n8n/install.mts, cached outside
 * the package), then runs the real-n8n suite (test/n8n, its own vitest config). Extra arguments go
 * to vitest (e.g. `npm run test:n8n -- --reporter=json --outputFile.json=.cache/n8n-report.json`).
 *
 * When n8n itself cannot be installed from the registry it prints `SKIPPED real-n8n: <reason>` as
 * its own line and exits 0 (exit 3 with N8N_TEST_REQUIRED=1); any failure after a successful
 * install fails. Build dist/ first (`npm run build`; the package script does).
 */
import { ensureN8nOrExit, runVitest } from './runner.mts';

const started = Date.now();
ensureN8nOrExit('real-n8n', started);
const status = runVitest('test/n8n/vitest.config.mts', process.argv.slice(2));
console.error(`[test:n8n] took ${((Date.now() - started) / 1000).toFixed(1)} s`);
process.exit(status);
