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
		// Each file starts its own sandboxes and n8n engine; files must not share module state. Set
		// explicitly, so vitest's end-of-run hint ("faster with isolate: false") does not print.
		isolate: true,
		reporters: ['default'],
		// n8n-core logs every node error through its own logger (winston, to stdout), so a passing
		// run that tests error paths would print them; tests assert errors, they need no log.
		env: { N8N_LOG_LEVEL: 'silent' },
	},
});
