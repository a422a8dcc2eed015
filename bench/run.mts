/**
 * `npm run bench`: the bundled workflows against the sandboxes at Starshipit's two rate tiers
 * (Developer 2/s, Production 20/s), for 1,000 and 10,000 packed sale orders, each flow run twice
 * (the re-run has nothing new), plus the same push built by hand (one call per order) side by side
 * at 1,000 orders and 2/s. Prints one table (wall time against the floor the rate limit sets,
 * calls per endpoint from the sandboxes' request logs, CPU and peak memory of the process that
 * runs the workflow) and writes it to bench/results.json. The push is run twice more at each size
 * and tier for the memory figures (see MEMORY_RUNS).
 *
 *   npm run bench                       the full matrix (about an hour at 2/s)
 *   npm run bench -- --quick            1,000 orders at 20/s, for development
 *   npm run bench -- --quick --n 100    a smoke run
 *   npm run bench -- --profile          also writes bench/profiles/*.cpuprofile and names the top functions
 *   npm run bench -- --hand             with --quick: add the hand-built push at the quick tier
 *   npm run bench -- --variants         the push with each shortcut around n8n replaced by n8n's way (bench/variants.mts);
 *                                       --against <ref> (repeatable) adds the push as built at another commit
 *   npm run bench -- --overrides        only the push with and without its overrides (bench/overrides.mts), 10,000 orders at 20/s (--n to change)
 *   npm run bench -- --history          only issue 22's scenario (bench/history.mts): push costs with
 *                                       and without 60 days of history, at 2/s (20/s with --quick)
 */
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { WorkflowJson } from '../test/harness/index.mts';
import {
	credentialsAtTier,
	measure,
	PROFILE_DIR,
	ROOT,
	startWorld,
	type Measured,
	type World,
} from './measure.mts';
import { summarizeProfile } from './profile.mts';
import { overridesBench } from './overrides.mts';
import { formatTable, type Row } from './table.mts';
import { historyBench, type HistoryRow } from './history.mts';
import { starshipitTierFields } from './tier.mts';
import { runVariants } from './variants.mts';

const { values: args } = parseArgs({
	options: {
		quick: { type: 'boolean', default: false },
		profile: { type: 'boolean', default: false },
		hand: { type: 'boolean', default: false },
		variants: { type: 'boolean', default: false },
		against: { type: 'string', multiple: true },
		overrides: { type: 'boolean', default: false },
		history: { type: 'boolean', default: false },
		n: { type: 'string' },
		out: { type: 'string' },
	},
});

const IMPORT_BATCH = 50;
const LISTING_PAGE = 250;
const tierFields = starshipitTierFields();

function workflow(name: string): WorkflowJson {
	return JSON.parse(
		fs.readFileSync(path.join(ROOT, 'workflows', `${name}.json`), 'utf8'),
	) as WorkflowJson;
}

/** The push as a user wires it by hand: the same search, then one create call per sale order. */
function handBuiltPush(): WorkflowJson {
	const json = workflow('order-push-scheduled');
	const create = json.nodes.find((n) => n.parameters.operation === 'createMany')!;
	create.parameters = {
		resource: 'order',
		operation: 'create',
		inputMode: 'saleOrder',
		saleOrder: '={{ $json }}',
		skipExisting: false,
	};
	return json;
}

interface Floor {
	calls: number;
	what: string;
	/** For the push: the imports alone, the floor the issue's first table used. */
	imports?: number;
}

/**
 * What a push must call at the least (issue 12, target 1: "calls = imports + the listing pages
 * the existence check needs"): one import per 50 orders; before the first import one listing
 * page per tab (unshipped, printed, shipped; the API has no listing across tabs), except that a
 * re-run finds every order in the unshipped tab (a page per 250) and needs no shipped page; after
 * the imports, the unshipped pages holding what was just created (a page per 250) and the printed
 * tab's one page, where copies made by an overlapping run show. The looks for other runs' copies
 * between batches (issue 25) are not in the floor.
 */
function pushFloor(toCreate: number, existing: number): Floor {
	const imports = Math.ceil(toCreate / IMPORT_BATCH);
	const before =
		existing > 0 && toCreate === 0
			? Math.ceil(existing / LISTING_PAGE) + 1
			: 3 + Math.ceil(existing / LISTING_PAGE) - (existing > 0 ? 1 : 0);
	const after = toCreate > 0 ? Math.ceil(toCreate / LISTING_PAGE) + 1 : 0;
	const pages = before + after;
	return imports
		? {
				calls: imports + pages,
				what: `${int.format(imports)} imports + ${pages} listing pages`,
				imports,
			}
		: { calls: pages, what: 'listing pages' };
}

const int = new Intl.NumberFormat('en-US');

const rows: Row[] = [];

/**
 * Peak memory moves with the garbage collector's timing, by 10 MB and more from one run of the same
 * push to the next (whether a collection falls just before the end of a 14-second run at 20/s).
 * So the growth from 1,000 to 10,000 orders is read from the median of three pushes at each size
 * and tier: the table's own and two more, each against fresh sandboxes. All three are printed.
 */
const MEMORY_RUNS = 3;
const pushRuns = new Map<string, Measured[]>();
const runsOf = (n: number, tier: number) => pushRuns.get(`${n}@${tier}`) ?? [];

/** One run of `json` against the world's sandboxes at `tier`, which must succeed. */
async function runIn(
	{ sandboxes, warm }: World,
	what: string,
	tier: number,
	json: WorkflowJson,
	profileName?: string,
): Promise<Measured> {
	const result = await measure(
		sandboxes,
		credentialsAtTier(sandboxes, tier, tierFields.fields),
		json,
		{
			profileName,
			warmUp: credentialsAtTier(warm, tier, tierFields.fields),
		},
	);
	if (result.status !== 'success')
		throw new Error(`${what} ended ${result.status}: ${result.error}`);
	return result;
}

async function measured(
	world: World,
	flow: string,
	n: number,
	tier: number,
	json: WorkflowJson,
	floor: Floor,
): Promise<Row> {
	const slug = `${flow.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}-${n}-${tier}`;
	const result = await runIn(
		world,
		`${flow} (${n} at ${tier}/s)`,
		tier,
		json,
		args.profile ? slug : undefined,
	);
	const floorSeconds = floor.calls / tier;
	const importsRatio = floor.imports ? result.wallMs / 1000 / (floor.imports / tier) : undefined;
	const row: Row = {
		flow,
		n,
		tier,
		floorCalls: floor.calls,
		floorWhat: floor.what,
		floorSeconds,
		ratio: result.wallMs / 1000 / Math.max(floorSeconds, 0.001),
		importsRatio,
		...result,
	};
	rows.push(row);
	if (flow === 'Order push') pushRuns.set(`${n}@${tier}`, [...runsOf(n, tier), result]);
	console.error(
		`  ${flow}, ${n} at ${tier}/s: ${(row.wallMs / 1000).toFixed(1)} s, ${row.starshipitCalls} Starshipit calls`,
	);
	return row;
}

async function withSandboxes<T>(
	n: number,
	tier: number,
	body: (world: World) => Promise<T>,
): Promise<T> {
	const world = await startWorld(n, tier);
	try {
		return await body(world);
	} finally {
		await world.close();
	}
}

/** Push, push again, ship everything, write back, write back again: one sandbox, four rows. */
async function bothFlows(n: number, tier: number): Promise<void> {
	const pages = { calls: Math.ceil(n / LISTING_PAGE), what: 'listing pages' };
	await withSandboxes(n, tier, async (world) => {
		await measured(world, 'Order push', n, tier, workflow('order-push-scheduled'), pushFloor(n, 0));
		await measured(
			world,
			'Order push, re-run',
			n,
			tier,
			workflow('order-push-scheduled'),
			pushFloor(0, n),
		);
		world.sandboxes.starshipit.shipAll();
		world.warm.starshipit.shipAll();
		await measured(
			world,
			'Tracking write-back',
			n,
			tier,
			workflow('tracking-writeback-scheduled'),
			pages,
		);
		await measured(
			world,
			'Tracking write-back, re-run',
			n,
			tier,
			workflow('tracking-writeback-scheduled'),
			pages,
		);
	});
}

/** The push again, against fresh sandboxes, for the memory figures only. */
async function morePushes(n: number, tier: number): Promise<void> {
	for (let run = runsOf(n, tier).length; run < MEMORY_RUNS; run++) {
		await withSandboxes(n, tier, async (world) => {
			const result = await runIn(
				world,
				`order push (${n} at ${tier}/s, memory run)`,
				tier,
				workflow('order-push-scheduled'),
			);
			pushRuns.set(`${n}@${tier}`, [...runsOf(n, tier), result]);
			console.error(
				`  order push, ${n} at ${tier}/s, memory run ${run + 1}: peak RSS ${Math.round(result.peakRssMb)} MB`,
			);
		});
	}
}

async function handBuilt(n: number, tier: number): Promise<void> {
	await withSandboxes(n, tier, async (world) => {
		await measured(
			world,
			'Order push built by hand (one call per order)',
			n,
			tier,
			handBuiltPush(),
			pushFloor(n, 0),
		);
	});
}

function summary(): string[] {
	const lines: string[] = [];
	const push = (n: number, tier: number) =>
		rows.find((r) => r.flow === 'Order push' && r.n === n && r.tier === tier);
	for (const hand of rows.filter((r) => r.flow.startsWith('Order push built by hand'))) {
		const ours = push(hand.n, hand.tier);
		if (ours)
			lines.push(
				`Batched push vs built by hand, ${hand.n} orders at ${hand.tier}/s: ${(hand.wallMs / ours.wallMs).toFixed(1)}x faster, ${(hand.starshipitCalls / ours.starshipitCalls).toFixed(1)}x fewer Starshipit calls`,
			);
	}
	for (const row of rows.filter((r) => r.flow === 'Order push')) {
		const cartonCloudCalls = Object.entries(row.calls)
			.filter(([endpoint]) => endpoint.startsWith('cc '))
			.reduce((sum, [, count]) => sum + count, 0);
		lines.push(
			`Order push, ${int.format(row.n)} at ${row.tier}/s: ${int.format(row.starshipitCalls)} Starshipit calls for a floor of ${int.format(row.floorCalls)} (${row.floorWhat}); wall ${row.ratio.toFixed(2)}x the floor, ${row.importsRatio?.toFixed(2)}x the imports alone`,
			`  of which: ${(row.beforeStarshipitMs / 1000).toFixed(1)} s from the first CartonCloud call to the first Starshipit call (${cartonCloudCalls} CartonCloud calls: the sale orders and their products, read before anything can be imported); the Starshipit calls spanned ${(row.starshipitSpanMs / 1000).toFixed(1)} s, ${(row.starshipitSpanMs / 1000 / row.floorSeconds).toFixed(2)}x the floor (pacing keeps 5% under the limit)`,
		);
	}
	for (const row of rows.filter(
		(r) => r.flow === 'Order push' || r.flow === 'Tracking write-back',
	)) {
		lines.push(
			`CPU per order, ${row.flow.toLowerCase()}, ${row.n} at ${row.tier}/s: ${(row.cpuMs / row.n).toFixed(2)} ms (whole process: n8n's engine and our nodes)`,
		);
	}
	const calls = rows.reduce((sum, r) => sum + Object.values(r.calls).reduce((a, b) => a + b, 0), 0);
	const connections = rows.reduce((sum, r) => sum + r.connections, 0);
	if (rows.length)
		lines.push(
			`TCP connections: ${int.format(connections)} for ${int.format(calls)} calls in all rows. n8n's request helper (httpRequestWithAuthentication) builds a new HTTP agent for every request (@n8n/backend-network, setAxiosAgents), so no connection is reused; a node cannot change that`,
		);
	const median = (values: number[]) =>
		[...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)];
	const mb = (values: number[]) => values.map((v) => Math.round(v)).join(', ');
	for (const tier of new Set(rows.map((r) => r.tier))) {
		const [small, large] = [runsOf(1000, tier), runsOf(10_000, tier)];
		if (!small.length || !large.length) continue;
		const growth = (key: 'peakRssMb' | 'peakHeapMb' | 'peakExternalMb' | 'liveHeapMb') =>
			Math.round(median(large.map((r) => r[key] ?? 0)) - median(small.map((r) => r[key] ?? 0)));
		lines.push(
			`Peak RSS growth from 1,000 to 10,000 orders (order push at ${tier}/s, median of ${Math.min(small.length, large.length)} runs each): ${growth('peakRssMb')} MB (peak RSS at 1,000: ${mb(small.map((r) => r.peakRssMb))} MB; at 10,000: ${mb(large.map((r) => r.peakRssMb))} MB; largest V8 heap in use +${growth('peakHeapMb')} MB, HTTP buffers and other external memory +${growth('peakExternalMb')} MB)`,
			`  the heap still in use after a full collection at the end of the run, with the run's data held: +${growth('liveHeapMb')} MB (${mb(small.map((r) => r.liveHeapMb ?? 0))} MB at 1,000; ${mb(large.map((r) => r.liveHeapMb ?? 0))} MB at 10,000): the rest of the peak is garbage not yet collected`,
		);
	}
	return lines;
}

function profileReport(): string[] {
	const lines: string[] = [];
	for (const row of rows.filter((r) => r.profile && fs.existsSync(r.profile))) {
		const p = summarizeProfile(row.profile!, ROOT);
		lines.push(
			`\n${row.flow}, ${row.n} at ${row.tier}/s (${path.relative(ROOT, row.profile!)}): ${(p.totalMs / 1000).toFixed(1)} s sampled, our code ${(p.oursMs / 1000).toFixed(2)} s self time = ${(p.oursMs / row.n).toFixed(3)} ms per order`,
		);
		lines.push('  top functions (self time):');
		for (const f of p.top)
			lines.push(
				`    ${f.ms.toFixed(0).padStart(7)} ms  ${f.ours ? '[ours] ' : ''}${f.name}  ${f.where}`,
			);
		lines.push('  our top functions:');
		for (const f of p.topOurs)
			lines.push(`    ${f.ms.toFixed(0).padStart(7)} ms  ${f.name}  ${f.where}`);
	}
	return lines;
}

async function main(): Promise<void> {
	const onlyN = args.n ? Number(args.n) : undefined;
	if (args.profile) fs.mkdirSync(PROFILE_DIR, { recursive: true });
	console.error(`bench: ${tierFields.described}`);
	if (args.variants) {
		const { table, rows: variants } = await runVariants(onlyN ?? 10_000, 20, args.against ?? []);
		console.log(table);
		const out =
			args.out ?? path.join(ROOT, 'bench', onlyN ? 'variants-quick.json' : 'variants.json');
		fs.writeFileSync(
			out,
			`${JSON.stringify({ command: `npm run bench -- ${process.argv.slice(2).join(' ')}`, date: new Date().toISOString(), node: process.version, cpus: os.cpus().length, table, variants }, null, '\t')}\n`,
		);
		return;
	}
	// The overrides' cost: on its own with --overrides, and at the end of the full matrix.
	const overrides =
		args.overrides || (!args.quick && !onlyN && !args.history)
			? () => overridesBench(args.overrides ? (onlyN ?? 10_000) : 10_000, 20)
			: undefined;
	if (args.overrides) {
		for (const line of (await overrides!()).lines) console.log(line);
		return;
	}
	let history: { rows: HistoryRow[]; table: string } | undefined;
	if (args.history) {
		history = await historyBench(args.quick ? 20 : 2, tierFields.fields);
	} else if (args.quick) {
		const n = onlyN ?? 1000;
		await bothFlows(n, 20);
		if (args.hand) await handBuilt(n, 20);
	} else {
		for (const n of onlyN ? [onlyN] : [1000, 10_000])
			for (const tier of [2, 20]) await bothFlows(n, tier);
		if (!onlyN)
			for (const n of [1000, 10_000]) for (const tier of [2, 20]) await morePushes(n, tier);
		await handBuilt(onlyN ?? 1000, 2);
	}
	if (!args.history && !onlyN) history = await historyBench(args.quick ? 20 : 2, tierFields.fields);

	const overrideLines = overrides ? (await overrides()).lines : [];
	const table = rows.length ? formatTable(rows) : '';
	const notes = [...summary(), ...overrideLines];
	if (table) console.log(table);
	if (history)
		console.log(
			`\nStarshipit calls per run, with and without history (issue 22):\n\n${history.table}`,
		);
	console.log('');
	for (const line of notes) console.log(line);
	if (args.profile) for (const line of profileReport()) console.log(line);

	const out =
		args.out ??
		path.join(
			ROOT,
			'bench',
			args.history
				? 'results-history.json'
				: args.quick || onlyN
					? 'results-quick.json'
					: 'results.json',
		);
	const commit = (() => {
		try {
			return execSync('git rev-parse --short HEAD', { cwd: ROOT, encoding: 'utf8' }).trim();
		} catch {
			return 'unknown';
		}
	})();
	const results = {
		command: `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
		commit,
		date: new Date().toISOString(),
		node: process.version,
		cpus: os.cpus().length,
		rows: rows.map(({ profile: _profile, ...row }) => row),
		/** Every push run's memory (the table's and the extra runs), by `orders@tier`. */
		memoryRuns: Object.fromEntries(
			[...pushRuns].map(([key, runs]) => [
				key,
				runs.map(({ peakRssMb, peakHeapMb, peakExternalMb, liveHeapMb }) => ({
					peakRssMb,
					peakHeapMb,
					peakExternalMb,
					liveHeapMb,
				})),
			]),
		),
		notes,
		table,
		history,
	};
	fs.writeFileSync(out, `${JSON.stringify(results, null, '\t')}\n`);
	console.error(`written to ${path.relative(ROOT, out)}`);
}

main().catch((error: unknown) => {
	console.error(error);
	process.exitCode = 1;
});
