import { defineConfig } from 'vitest/config';

/**
 * Two tiers, one suite (`npm test` runs both):
 * - `fast` (`npm run test:fast`, about 20 s): every test but the slow ones, files sharing each
 *   worker's loaded modules (n8n-core once per worker, not once per file: 65 s → 19 s); each file
 *   still starts its own sandboxes and engine, and none keeps state in a module;
 * - `slow`: the tests that take seconds each by design (overlapping runs, retry storms at the
 *   developer tier's 2 requests/s, 100,000-order polls, 20,000-order histories), named
 *   `*.slow.test.mts`.
 */
const common = {
	setupFiles: ['test/setup.mts'],
	// Fails the run if any search the real CartonCloud API refuses was sent (issue 13, points 1-2).
	globalSetup: ['test/sandbox/cartoncloud/searchAudit.global.mts'],
	testTimeout: 60_000,
	hookTimeout: 60_000,
	pool: 'forks' as const,
	// Each file starts its own sandboxes and n8n engine; files must not share module state. Set
	// explicitly, so vitest's end-of-run hint ("faster with isolate: false") does not print.
	isolate: true,
	// n8n-core logs every node error through its own logger (winston, to stdout), so a passing
	// run that tests error paths would print them; tests assert errors, they need no log.
	env: { N8N_LOG_LEVEL: 'silent' },
};

export default defineConfig({
	test: {
		reporters: ['default'],
		projects: [
			{
				test: {
					...common,
					name: 'fast',
					include: ['test/**/*.test.mts'],
					exclude: ['test/**/*.slow.test.mts'],
					isolate: false,
				},
			},
			{ test: { ...common, name: 'slow', include: ['test/**/*.slow.test.mts'] } },
		],
	},
});
