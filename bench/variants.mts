/**
 * `npm run bench -- --variants`: what each shortcut around n8n's own machinery saves, measured on
 * the order push (`workflows/order-push-scheduled.json`, 10,000 packed sale orders at 20/s unless
 * `--n` says otherwise), the push run as it ships and with one shortcut at a time replaced by what
 * n8n does (bench/variantPatches.mts swaps the built module's function in the engine process):
 *
 * - `n8n parameters`: every `itemParameter` read goes through n8n's `getNodeParameter` (its
 *   expression engine for `={{ $json.x }}` and `={{ $json }}`, a copy per read for constants);
 * - `replies read whole`: `readJson` and `readRows` collect a reply's chunks and parse it once at
 *   the end, as n8n's request helper does with `json: true`, keeping whole listing pages.
 *
 * - `--against <git ref>` (repeatable): the push as built from another commit (its own dist/ and
 *   workflow file, built in a git worktree in the system's temp folder), to weigh a change in the same run, e.g.
 *   zod against the checker it replaced: `--against 030f1ea --against 030f1ea~1`.
 *
 * Each variant runs three times against fresh sandboxes; the table gives the medians of CPU time
 * and peak RSS, and each as a change from the push as it ships. A shortcut stays only where that
 * change matters; its differential test (test/shared/*.differential.test.mts) holds it to n8n's
 * answers.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { credentialsAtTier, measure, ROOT, startWorld, type Measured } from './measure.mts';
import { starshipitTierFields } from './tier.mts';
import { VARIANTS, type VariantName } from './variantPatches.mts';

const RUNS = 3;

export interface VariantRow {
	variant: VariantName | `against ${string}`;
	what: string;
	runs: Array<Pick<Measured, 'wallMs' | 'cpuMs' | 'peakRssMb' | 'liveHeapMb' | 'starshipitCalls'>>;
}

const median = (values: number[]) =>
	[...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)];

/** The package built at `ref` in a worktree of its own (in the temp folder), reusing this checkout's node_modules. */
function buildAt(ref: string): { root: string; what: string } {
	const git = (...args: string[]) =>
		execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).trim();
	const sha = git('rev-parse', '--short', ref);
	// Outside the checkout, so neither lint nor the test runner finds a second copy of the package.
	const root = path.join(os.tmpdir(), 'n8n-nodes-cartoncloud-starshipit-bench', sha);
	if (!fs.existsSync(path.join(root, 'package.json'))) {
		fs.mkdirSync(path.dirname(root), { recursive: true });
		git('worktree', 'add', '--detach', '--force', root, sha);
	}
	if (!fs.existsSync(path.join(root, 'node_modules')))
		fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(root, 'node_modules'));
	execFileSync(path.join(ROOT, 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.json'], {
		cwd: root,
		stdio: 'inherit',
	});
	return { root, what: `Commit ${sha} (${git('log', '-1', '--format=%s', sha).slice(0, 70)}…)` };
}

export async function runVariants(
	n: number,
	tier: number,
	against: string[] = [],
): Promise<{ table: string; rows: VariantRow[] }> {
	const tierFields = starshipitTierFields();
	const workflowAt = (root: string) =>
		JSON.parse(fs.readFileSync(path.join(root, 'workflows', 'order-push-scheduled.json'), 'utf8'));
	const rows: VariantRow[] = [];
	const plans: Array<{ variant: VariantRow['variant']; what: string; root?: string }> = (
		Object.entries(VARIANTS) as Array<[VariantName, string]>
	).map(([variant, what]) => ({ variant, what }));
	for (const ref of against) plans.push({ variant: `against ${ref}`, ...buildAt(ref) });
	for (const { variant, what, root } of plans) {
		const row: VariantRow = { variant, what, runs: [] };
		const json = workflowAt(root ?? ROOT);
		for (let run = 0; run < RUNS; run++) {
			const world = await startWorld(n, tier);
			try {
				if (root) process.env.BENCH_PACKAGE_ROOT = root;
				else process.env.BENCH_VARIANT = variant;
				const result = await measure(
					world.sandboxes,
					credentialsAtTier(world.sandboxes, tier, tierFields.fields),
					json,
					{
						warmUp: credentialsAtTier(world.warm, tier, tierFields.fields),
					},
				);
				if (result.status !== 'success')
					throw new Error(`the push (${variant}) ended ${result.status}: ${result.error}`);
				row.runs.push(result);
				console.error(
					`  variant ${variant}, run ${run + 1}: CPU ${(result.cpuMs / 1000).toFixed(2)} s, peak RSS ${Math.round(result.peakRssMb)} MB`,
				);
			} finally {
				delete process.env.BENCH_VARIANT;
				delete process.env.BENCH_PACKAGE_ROOT;
				await world.close();
			}
		}
		rows.push(row);
	}
	return { table: variantTable(rows, n, tier), rows };
}

function variantTable(rows: VariantRow[], n: number, tier: number): string {
	const base = rows.find((r) => r.variant === 'asShipped')!;
	const cpu = (r: VariantRow) => median(r.runs.map((x) => x.cpuMs)) / 1000;
	const rss = (r: VariantRow) => median(r.runs.map((x) => x.peakRssMb));
	const wall = (r: VariantRow) => median(r.runs.map((x) => x.wallMs)) / 1000;
	const change = (value: number, of: number) =>
		`${value >= of ? '+' : ''}${(((value - of) / of) * 100).toFixed(1)}%`;
	const lines = [
		`Order push, ${n.toLocaleString('en-US')} orders at ${tier}/s, median of ${RUNS} runs per variant:`,
		'',
		'| Variant | CPU s | vs as shipped | Peak RSS MB | vs as shipped | Wall s | Runs (CPU s / peak RSS MB) |',
		'|---|---|---|---|---|---|---|',
	];
	for (const row of rows) {
		const runs = row.runs
			.map((x) => `${(x.cpuMs / 1000).toFixed(2)}/${Math.round(x.peakRssMb)}`)
			.join(', ');
		lines.push(
			`| ${row.what} | ${cpu(row).toFixed(2)} | ${row === base ? '–' : change(cpu(row), cpu(base))} | ${Math.round(rss(row))} | ${row === base ? '–' : change(rss(row), rss(base))} | ${wall(row).toFixed(1)} | ${runs} |`,
		);
	}
	return lines.join('\n');
}
