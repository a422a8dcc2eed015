import { defineConfig } from 'vitest/config';

export default defineConfig({
	test: {
		include: ['test/**/*.test.mts'],
		setupFiles: ['test/setup.mts'],
		testTimeout: 60_000,
		hookTimeout: 60_000,
		pool: 'forks',
		// Each file starts its own sandboxes and n8n engine; files must not share module state. Set
		// explicitly, so vitest's end-of-run hint ("faster with isolate: false") does not print.
		isolate: true,
		reporters: ['default'],
	},
});
