import { defineConfig } from 'vitest/config';

export default defineConfig({
	test: {
		include: ['test/**/*.test.mts'],
		setupFiles: ['test/setup.mts'],
		testTimeout: 60_000,
		hookTimeout: 60_000,
		pool: 'forks',
		reporters: ['default'],
	},
});
