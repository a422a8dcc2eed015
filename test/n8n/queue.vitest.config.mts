/**
 * `npm run test:queue`: the queue-mode suite (test/n8n/*.queue.mts), out of `npm test` and
 * `npm run test:n8n`. scripts/n8n/testQueue.mts installs what it needs first.
 */
import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	root: resolve(import.meta.dirname, '..', '..'),
	test: {
		include: ['test/n8n/**/*.queue.mts'],
		testTimeout: 600_000,
		hookTimeout: 600_000,
		pool: 'forks',
		fileParallelism: false,
		reporters: ['default'],
	},
});
