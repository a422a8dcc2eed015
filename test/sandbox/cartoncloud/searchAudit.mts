/**
 * The search audit: every search the real API refuses (or may refuse) is recorded, so the whole
 * test suite can prove that the nodes never send one (issue 13, points 1 and 2).
 *
 * The sandbox refuses such searches by default, so a node that sends one already fails its own
 * test loudly; the audit also catches a refusal that a test swallowed (an error-branch test) and
 * the searches a gentle sandbox let through. Each sandbox keeps its own list; when the suite's
 * global set-up (searchAudit.global.mts) has set CC_SEARCH_AUDIT_DIR, every violation is also
 * appended to a file there, one JSON line each, and the global teardown fails the run on any.
 */
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SearchViolation } from './search.mts';

export const AUDIT_DIR_ENV = 'CC_SEARCH_AUDIT_DIR';

/** Requests carrying this header are a test's deliberate violations and are not audited. */
export const EXPECT_REFUSAL_HEADER = 'x-sandbox-expect-refusal';

export function recordViolation(list: SearchViolation[], violation: SearchViolation): void {
	list.push(violation);
	const dir = process.env[AUDIT_DIR_ENV];
	if (!dir) return;
	const where = process.env.VITEST_POOL_ID
		? `pool ${process.env.VITEST_POOL_ID}`
		: `pid ${process.pid}`;
	const testName = (
		globalThis as { expect?: { getState?: () => { currentTestName?: string; testPath?: string } } }
	).expect?.getState?.();
	const line = { ...violation, test: testName?.currentTestName, file: testName?.testPath, where };
	appendFileSync(join(dir, `violations-${process.pid}.jsonl`), `${JSON.stringify(line)}\n`);
}
