/**
 * `npm run scan`: n8n's verification scanner (@n8n/scan-community-package, pinned) over this
 * package, the way `analyzePackageByName` runs it before n8n lists a community package:
 * `analyzePackage` over the packed tarball's contents (`['**\/*.js', 'package.json']`) and over the
 * source (`SOURCE_FILE_PATTERNS`: package.json and `{nodes,credentials}/**\/*.{js,ts,json}`).
 * Inline `eslint-disable` comments do not count there (`allowInlineConfig: false`).
 *
 * What n8n does besides (the npm provenance check, downloading the published tarball and the
 * attested GitHub source) needs a published version, so the tarball is `npm pack` of dist/ and
 * the source is this checkout. Exits 1 when either leg finds an error, printing ESLint's report.
 * `--report <file>` writes `{numPassedTests, numFailedTests}` (one per leg) for .ci/run's totals.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packPackage } from './n8n/package.mts';
import { PACKAGE_ROOT } from './n8n/paths.mts';

interface Analysis {
	passed: boolean;
	message?: string;
	details?: string;
}

interface Scanner {
	analyzePackage(packageDir: string, filePatterns?: string[]): Promise<Analysis>;
	SOURCE_FILE_PATTERNS: string[];
}

/** The tarball leg's patterns, as in scanner.mjs `analyzePackageByName`. */
const TARBALL_FILE_PATTERNS = ['**/*.js', 'package.json'];

const reportIndex = process.argv.indexOf('--report');
const reportFile = reportIndex > 0 ? process.argv[reportIndex + 1] : undefined;

const started = Date.now();
const work = mkdtempSync(join(tmpdir(), 'n8n-scan-'));
// scanner.mjs makes a temp folder of its own when loaded (for downloads we do not use): inside ours.
process.env.TMPDIR = work;
const specifier = '@n8n/scan-community-package/scanner/scanner.mjs';
const scanner = (await import(specifier)) as Scanner;

let failed = 0;
let passed = 0;
try {
	const tarball = await packPackage(work);
	const unpacked = join(work, 'package');
	mkdirSync(unpacked);
	const tar = spawnSync('tar', ['-xzf', tarball, '-C', unpacked, '--strip-components=1'], {
		encoding: 'utf8',
	});
	if (tar.status !== 0) throw new Error(`tar could not unpack ${tarball}: ${tar.stderr}`);

	for (const [leg, dir, patterns] of [
		['tarball', unpacked, TARBALL_FILE_PATTERNS],
		['source', PACKAGE_ROOT, scanner.SOURCE_FILE_PATTERNS],
	] as const) {
		const result = await scanner.analyzePackage(dir, [...patterns]);
		const summary = /✖ \d+ problems? \((\d+) errors?, (\d+) warnings?\)/.exec(
			result.details ?? '',
		);
		const counts = summary
			? `${summary[1]} errors, ${summary[2]} warnings`
			: result.passed
				? '0 errors'
				: 'failed';
		console.log(
			`${result.passed ? 'PASS' : 'FAIL'} ${leg} (${patterns.join(', ')}): ${counts}${result.message ? ` (${result.message})` : ''}`,
		);
		if (result.details) console.log(result.details);
		if (result.passed) passed++;
		else failed++;
	}
} catch (error) {
	console.error(error);
	failed++;
} finally {
	rmSync(work, { recursive: true, force: true });
}

console.log(
	`scan took ${((Date.now() - started) / 1000).toFixed(1)} s: ${passed} passed, ${failed} failed`,
);
if (reportFile)
	writeFileSync(reportFile, JSON.stringify({ numPassedTests: passed, numFailedTests: failed }));
process.exitCode = failed === 0 ? 0 : 1;
