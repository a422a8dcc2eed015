/**
 * `npm run test:n8n`: the real-n8n suite (test/n8n/*.n8n.mts), kept out of the main `npm test`
 * (whose include is test/**\/*.test.mts). Needs n8n installed by scripts/n8n/install.mts, which
 * scripts/n8n/test.mts runs first.
 */
import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	root: resolve(import.meta.dirname, '..', '..'),
	test: {
		include: ['test/n8n/**/*.n8n.mts'],
		testTimeout: 300_000,
		hookTimeout: 300_000,
		pool: 'forks',
		// One n8n at a time: the machine has 2 cores and each n8n process takes ~1 core while booting.
		fileParallelism: false,
		reporters: ['default'],
	},
});
