import { defineConfig } from 'vitest/config';

/**
 * Two tiers, one suite (`npm test` runs both):
 * - `fast` (`npm run test:fast`, about 20 s): every test but the slow ones, files sharing each
 *   worker's loaded modules (n8n-core once per worker, not once per file: 65 s → 19 s); each file
 *   still starts its own sandboxes and engine, and what a module keeps (the pacing of a
 *   credential) carries from file to file as from one execution to the next in one n8n;
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
	// The slow tier gives each file fresh modules (its timings are not to depend on the file before).
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
