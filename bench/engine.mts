/**
 * One measured workflow run, in a process of its own so its CPU time and peak memory are the
 * engine's and our nodes' alone (the sandboxes stay in the parent). Reads the job from
 * BENCH_JOB, prints one `BENCH_RESULT {json}` line. Run under `node --cpu-prof` for a profile.
 *
 * A scheduled push runs in an n8n that has been up for a while, not in a process just started:
 * so the workflow first runs once, unmeasured, against a second, small pair of sandboxes
 * (`warmUp`, 100 orders). What only a first execution pays (the expression engine's and Luxon's
 * first use, the collection of the start-up garbage) then stays out of the figures; the measured
 * run still fetches its own token and makes every call of its own.
 */
import fs from 'node:fs';
import { Session } from 'node:inspector/promises';
import v8 from 'node:v8';
import {
	Harness,
	shutdownEngine,
	type CredentialStore,
	type WorkflowJson,
} from '../test/harness/index.mts';
import { applyVariant } from './variantPatches.mts';

export interface EngineJob {
	workflow: WorkflowJson;
	credentials: CredentialStore;
	/** Credentials of the small sandboxes for the unmeasured first run. */
	warmUp?: CredentialStore;
}

export interface EngineResult {
	status: string;
	error?: string;
	wallMs: number;
	cpuMs: number;
	peakRssMb: number;
	/** The largest V8 heap in use and external (buffer) memory seen, sampled every 50 ms. */
	peakHeapMb?: number;
	peakExternalMb?: number;
	/**
	 * The V8 heap in use after a full collection at the end of the run, while the run's data is
	 * still held (as n8n holds an execution's data until it is saved): what the data really needs,
	 * whatever the garbage collector's timing. The bench starts the engine with --expose-gc for it.
	 */
	liveHeapMb?: number;
	/** Items per output, per node. */
	items: Record<string, number[]>;
}

async function main(): Promise<void> {
	const job = JSON.parse(process.env.BENCH_JOB ?? '') as EngineJob;
	// `npm run bench -- --variants`: one shortcut replaced by what n8n does (bench/variants.mts).
	applyVariant(process.env.BENCH_VARIANT);
	if (job.warmUp) {
		const warm = await new Harness(job.warmUp).run(job.workflow);
		if (warm.status !== 'success')
			throw new Error(`the warm-up run ended ${String(warm.status)}: ${warm.error?.message}`);
	}
	const harness = new Harness(job.credentials);
	const spaces = new Map<string, number>();
	let peakHeap = 0;
	let start = performance.now();
	let peakExternal = 0;
	const sampler = setInterval(() => {
		const memory = process.memoryUsage();
		peakHeap = Math.max(peakHeap, memory.heapUsed);
		peakExternal = Math.max(peakExternal, memory.external);
		if (process.env.BENCH_MEMORY_TRACE) {
			for (const space of v8.getHeapSpaceStatistics())
				spaces.set(space.space_name, Math.max(spaces.get(space.space_name) ?? 0, space.space_size));
			const at = ((performance.now() - start) / 1000).toFixed(2);
			const old = v8.getHeapSpaceStatistics().find((space) => space.space_name === 'old_space');
			process.stderr.write(
				`memory ${at} s: rss ${Math.round(memory.rss / 2 ** 20)} committed ${Math.round(memory.heapTotal / 2 ** 20)} heap ${Math.round(memory.heapUsed / 2 ** 20)} old ${Math.round((old?.physical_space_size ?? 0) / 2 ** 20)} external ${Math.round(memory.external / 2 ** 20)} (array buffers ${Math.round(memory.arrayBuffers / 2 ** 20)}) MB\n`,
			);
		}
	}, 50);
	const allocations = process.env.BENCH_ALLOC_PROFILE ? await startAllocationSampling() : undefined;
	const cpu = process.cpuUsage();
	start = performance.now();
	const run = await harness.run(job.workflow);
	const gc = (globalThis as { gc?: (options?: object) => void }).gc;
	if (allocations && process.env.BENCH_ALLOC_GC === 'minor')
		gc?.({ type: 'minor', execution: 'sync' });
	if (allocations && process.env.BENCH_ALLOC_GC === 'major') gc?.();
	if (allocations)
		fs.writeFileSync(process.env.BENCH_ALLOC_PROFILE!, JSON.stringify(await allocations()));
	// What the run still holds (a snapshot collects garbage first): open it in Chrome's DevTools.
	if (process.env.BENCH_HEAP_SNAPSHOT) v8.writeHeapSnapshot(process.env.BENCH_HEAP_SNAPSHOT);
	const wallMs = performance.now() - start;
	const used = process.cpuUsage(cpu);
	clearInterval(sampler);
	const result: EngineResult = {
		status: String(run.status),
		error: run.error?.message,
		wallMs,
		cpuMs: (used.user + used.system) / 1000,
		peakRssMb: process.resourceUsage().maxRSS / 1024,
		peakHeapMb: peakHeap / 1024 / 1024,
		peakExternalMb: peakExternal / 1024 / 1024,
		items: Object.fromEntries(
			Object.entries(run.nodes).map(([name, node]) => [
				name,
				node.outputs.map((o) => o?.length ?? 0),
			]),
		),
	};
	// After the peak is read: the collection cannot raise it.
	if (gc) {
		gc();
		result.liveHeapMb = process.memoryUsage().heapUsed / 2 ** 20;
	}
	if (process.env.BENCH_MEMORY_TRACE) {
		process.stderr.write(
			`largest committed size per heap space: ${[...spaces].map(([name, size]) => `${name} ${Math.round(size / 2 ** 20)}`).join(', ')} MB\n`,
		);
		if (gc)
			process.stderr.write(
				`retained after the run (full GC): heap ${Math.round(result.liveHeapMb ?? 0)} MB, external ${Math.round(process.memoryUsage().external / 2 ** 20)} MB, rss ${Math.round(process.memoryUsage().rss / 2 ** 20)} MB\n`,
			);
		for (const [name, node] of Object.entries(run.nodes))
			process.stderr.write(
				`output of ${name}: ${Math.round(JSON.stringify(node.outputs).length / 1024)} KB as JSON\n`,
			);
	}
	process.stdout.write(`BENCH_RESULT ${JSON.stringify(result)}\n`);
	await shutdownEngine();
}

/** Samples every allocation, garbage included (what a run allocates, not what it keeps); returns a stop. */
async function startAllocationSampling(): Promise<() => Promise<unknown>> {
	const session = new Session();
	session.connect();
	await session.post('HeapProfiler.startSampling', {
		samplingInterval: 16384,
		includeObjectsCollectedByMajorGC:
			!process.env.BENCH_ALLOC_UNCOLLECTED || process.env.BENCH_ALLOC_UNCOLLECTED === 'promoted',
		includeObjectsCollectedByMinorGC: !process.env.BENCH_ALLOC_UNCOLLECTED,
	});
	return async () => (await session.post('HeapProfiler.stopSampling')).profile;
}

main().catch((error: unknown) => {
	console.error(error);
	process.exitCode = 1;
});
