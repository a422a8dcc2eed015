import { defineConfig } from 'vitest/config';

export default defineConfig({
	test: {
		include: ['test/**/*.test.mts'],
		setupFiles: ['test/setup.mts'],
		// Fails the run if any search the real CartonCloud API refuses was sent (issue 13, points 1-2).
		globalSetup: ['test/sandbox/cartoncloud/searchAudit.global.mts'],
		testTimeout: 60_000,
		hookTimeout: 60_000,
		pool: 'forks',
		reporters: ['default'],
	},
});
