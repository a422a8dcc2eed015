/**
 * `npm run test:browser`: the sandbox console clicked through in headless Chromium, against real
 * n8n, and n8n's own editor driven the same way (test/browser/*.browser.mts). Run through
 * ./run.mts, which finds Chromium and n8n first.
 */
import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	root: resolve(import.meta.dirname, '..', '..'),
	test: {
		include: ['test/browser/**/*.browser.mts'],
		testTimeout: 300_000,
		hookTimeout: 300_000,
		pool: 'forks',
		fileParallelism: false,
		reporters: ['default'],
	},
});
