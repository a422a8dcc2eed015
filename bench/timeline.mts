/**
 * `npm run bench:timeline -- --n 1000 --tier 20`: one run of a bundled workflow (the order push
 * unless `--flow <workflow file name>`; a write-back runs after an unmeasured push, with every order
 * shipped, as in the bench) against fresh sandboxes, then where its wall time went: the first and
 * last call of each endpoint, relative to the first call. For finding what a run waits on; the
 * figures that count are `npm run bench`'s.
 *
 *   --profile <name>        also writes bench/profiles/<name>.cpuprofile
 *   BENCH_MEMORY_TRACE=1    the engine prints its memory every 50 ms and per heap space
 *   BENCH_NODE_ARGS="..."   extra node flags for the engine process (e.g. --trace-gc; the bench always adds --expose-gc)
 *   BENCH_HEAP_SNAPSHOT=f   the engine writes a heap snapshot to f after the run (what it still holds)
 *   BENCH_ALLOC_PROFILE=f   the engine samples every allocation of the run, garbage included, into f
 *                           (a .heapprofile: what the run allocates, where)
 *   BENCH_ALLOC_GC=minor|major  collects (young generation only, or all) before the sampling stops,
 *                           so with BENCH_ALLOC_UNCOLLECTED=promoted the profile holds what was
 *                           promoted (minor) or what the run still holds (major)
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { credentialsAtTier, measure, ROOT, startWorld } from './measure.mts';
import { starshipitTierFields } from './tier.mts';

const { values: args } = parseArgs({
	options: {
		n: { type: 'string', default: '1000' },
		tier: { type: 'string', default: '20' },
		flow: { type: 'string', default: 'order-push-scheduled' },
		profile: { type: 'string' },
	},
});
const n = Number(args.n);
const tier = Number(args.tier);
const world = await startWorld(n, tier);
const { sandboxes, warm } = world;
try {
	const workflow = JSON.parse(
		fs.readFileSync(path.join(ROOT, 'workflows', `${args.flow}.json`), 'utf8'),
	);
	const timeline: Array<{ at: number; what: string }> = [];
	const servers = { ss: sandboxes.starshipit.server, cc: sandboxes.cartonCloud.server };
	const { fields } = starshipitTierFields();
	if (args.flow.startsWith('tracking-writeback')) {
		const push = JSON.parse(
			fs.readFileSync(path.join(ROOT, 'workflows', 'order-push-scheduled.json'), 'utf8'),
		);
		await measure(sandboxes, credentialsAtTier(sandboxes, tier, fields), push, {
			warmUp: credentialsAtTier(warm, tier, fields),
		});
		sandboxes.starshipit.shipAll();
		warm.starshipit.shipAll();
	}
	const result = await measure(sandboxes, credentialsAtTier(sandboxes, tier, fields), workflow, {
		profileName: args.profile,
		warmUp: credentialsAtTier(warm, tier, fields),
	});
	for (const [system, server] of Object.entries(servers))
		for (const e of server.log)
			timeline.push({ at: Date.parse(e.time), what: `${system} ${e.endpoint}` });
	timeline.sort((a, b) => a.at - b.at);
	const t0 = timeline[0]?.at ?? 0;
	const spans = new Map<string, { first: number; last: number; count: number }>();
	for (const { at, what } of timeline) {
		const span = spans.get(what) ?? { first: at - t0, last: at - t0, count: 0 };
		span.last = at - t0;
		span.count++;
		spans.set(what, span);
	}
	console.log(
		`${args.flow}, ${n} at ${tier}/s: wall ${(result.wallMs / 1000).toFixed(2)} s, engine CPU ${(result.cpuMs / 1000).toFixed(2)} s, peak RSS ${Math.round(result.peakRssMb)} MB (heap ${Math.round(result.peakHeapMb ?? 0)}, external ${Math.round(result.peakExternalMb ?? 0)}), ${result.starshipit429} x 429`,
	);
	console.log(
		`TCP connections opened: Starshipit ${servers.ss.connectionsOpened}, CartonCloud ${servers.cc.connectionsOpened}`,
	);
	console.log(`calls span ${((timeline.at(-1)!.at - t0) / 1000).toFixed(2)} s`);
	for (const [what, s] of spans)
		console.log(
			`  ${(s.first / 1000).toFixed(2).padStart(7)} → ${(s.last / 1000).toFixed(2).padStart(7)} s  ${String(s.count).padStart(5)}  ${what}`,
		);
} finally {
	await world.close();
}
