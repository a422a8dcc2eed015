/**
 * One measured workflow run, in a process of its own so its CPU time and peak memory are the
 * engine's and our nodes' alone (the sandboxes stay in the parent). Reads the job from
 * BENCH_JOB, prints one `BENCH_RESULT {json}` line. Run under `node --cpu-prof` for a profile.
 */
import { Harness, shutdownEngine, type CredentialStore, type WorkflowJson } from '../test/harness/index.mts';

export interface EngineJob {
	workflow: WorkflowJson;
	credentials: CredentialStore;
}

export interface EngineResult {
	status: string;
	error?: string;
	wallMs: number;
	cpuMs: number;
	peakRssMb: number;
	/** Items per output, per node. */
	items: Record<string, number[]>;
}

async function main(): Promise<void> {
	const job = JSON.parse(process.env.BENCH_JOB ?? '') as EngineJob;
	const harness = new Harness(job.credentials);
	const cpu = process.cpuUsage();
	const start = performance.now();
	const run = await harness.run(job.workflow);
	const wallMs = performance.now() - start;
	const used = process.cpuUsage(cpu);
	const result: EngineResult = {
		status: String(run.status),
		error: run.error?.message,
		wallMs,
		cpuMs: (used.user + used.system) / 1000,
		peakRssMb: process.resourceUsage().maxRSS / 1024,
		items: Object.fromEntries(Object.entries(run.nodes).map(([name, node]) => [name, node.outputs.map((o) => o?.length ?? 0)])),
	};
	process.stdout.write(`BENCH_RESULT ${JSON.stringify(result)}\n`);
	await shutdownEngine();
}

main().catch((error: unknown) => {
	console.error(error);
	process.exitCode = 1;
});
