/**
 * Vitest global set-up: gives every test worker one directory to record search violations in
 * (see searchAudit.mts) and, once the whole suite has run, fails the run if any search was sent
 * bare, with an empty list or on an undocumented field. Searches a gentle sandbox tolerated are
 * listed (their owners must fix them) but do not fail the run.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AUDIT_DIR_ENV } from './searchAudit.mts';

export default function setup(): () => void {
	const dir = mkdtempSync(join(tmpdir(), 'cc-search-audit-'));
	process.env[AUDIT_DIR_ENV] = dir;
	return () => {
		const lines = readdirSync(dir).flatMap((file) =>
			readFileSync(join(dir, file), 'utf8').split('\n').filter(Boolean),
		);
		rmSync(dir, { recursive: true, force: true });
		const violations = lines.map(
			(line) =>
				JSON.parse(line) as {
					tolerated: boolean;
					kind: string;
					endpoint: string;
					detail: string;
					test?: string;
					file?: string;
				},
		);
		const tolerated = violations.filter((v) => v.tolerated);
		const refused = violations.filter((v) => !v.tolerated);
		const show = (v: (typeof violations)[number]) =>
			`  ${v.kind} ${v.endpoint} ${v.detail} (${v.file ?? '?'} > ${v.test ?? '?'})`;
		if (tolerated.length > 0) {
			console.warn(
				`CartonCloud search audit: ${tolerated.length} undocumented search field(s) tolerated by a gentle sandbox:\n${[...new Set(tolerated.map(show))].join('\n')}`,
			);
		}
		if (refused.length > 0) {
			throw new Error(
				`CartonCloud search audit: ${refused.length} search(es) the real API refuses were sent:\n${[...new Set(refused.map(show))].join('\n')}`,
			);
		}
		console.log(
			'CartonCloud search audit: no bare search, no empty condition list, no undocumented search field in the whole suite.',
		);
	};
}
