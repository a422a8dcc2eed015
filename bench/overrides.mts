/**
 * `npm run bench -- --overrides` (and part of the full bench): what the bundled push's two
 * overrides cost (issue 24). The same push is run as shipped (Reference from the Customer PO custom
 * field, Shipping Method from Values per Customer) and with its Order Fields and Values per Customer
 * emptied, alternately, each against fresh sandboxes of N packed sale orders at one tier, and the
 * medians are compared: CPU time of the process that runs the workflow, and wall time. The target
 * is within 10% of the push without overrides.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { WorkflowJson } from '../test/harness/index.mts';
import { credentialsAtTier, measure, ROOT, startWorld, type Measured } from './measure.mts';
import { starshipitTierFields } from './tier.mts';

/** Alternating runs of each variant: the medians of three damp the shared machine's noise. */
const RUNS_EACH = 3;

function bundledPush(): WorkflowJson {
	return JSON.parse(
		fs.readFileSync(path.join(ROOT, 'workflows', 'order-push-scheduled.json'), 'utf8'),
	) as WorkflowJson;
}

/** The bundled push with nothing overridden: every field takes its default. */
function withoutOverrides(): WorkflowJson {
	const json = bundledPush();
	const create = json.nodes.find((n) => n.parameters.operation === 'createMany')!;
	const {
		overrides,
		customerValues: _customerValues,
		...rest
	} = create.parameters as Record<string, unknown> & {
		overrides: { schema: Array<{ removed: boolean }> };
	};
	create.parameters = {
		...rest,
		overrides: {
			...overrides,
			value: {},
			schema: overrides.schema.map((f) => ({ ...f, removed: true })),
		},
	} as never;
	return json;
}

/** How many overrides the bundled push sets, as the bench's row names it. */
function overridesSet(): string {
	const create = bundledPush().nodes.find((n) => n.parameters.operation === 'createMany')!;
	const fields = Object.keys((create.parameters.overrides as { value: object }).value);
	const rows = (
		(create.parameters.customerValues as { value?: Array<{ field: string }> }).value ?? []
	).map((r) => r.field);
	return `Order Fields: ${fields.join(', ')}; Values per Customer: ${[...new Set(rows)].join(', ')} (${rows.length} rows)`;
}

const median = (values: number[]) =>
	[...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)];

export interface OverridesResult {
	lines: string[];
	runs: { without: Measured[]; with: Measured[] };
}

export async function overridesBench(n: number, tier: number): Promise<OverridesResult> {
	const tierFields = starshipitTierFields().fields;
	const runs: OverridesResult['runs'] = { without: [], with: [] };
	const variants: Array<[keyof OverridesResult['runs'], () => WorkflowJson]> = [
		['without', withoutOverrides],
		['with', bundledPush],
	];
	for (let round = 0; round < RUNS_EACH; round++) {
		for (const [name, workflow] of variants) {
			const world = await startWorld(n, tier);
			try {
				const result = await measure(
					world.sandboxes,
					credentialsAtTier(world.sandboxes, tier, tierFields),
					workflow(),
					{ warmUp: credentialsAtTier(world.warm, tier, tierFields) },
				);
				if (result.status !== 'success')
					throw new Error(`order push ${name} overrides ended ${result.status}: ${result.error}`);
				runs[name].push(result);
				console.error(
					`  order push ${name} overrides, ${n} at ${tier}/s, run ${round + 1}: ${(result.wallMs / 1000).toFixed(1)} s, CPU ${(result.cpuMs / 1000).toFixed(2)} s`,
				);
			} finally {
				await world.close();
			}
		}
	}
	const cpu = (list: Measured[]) => median(list.map((r) => r.cpuMs));
	const wall = (list: Measured[]) => median(list.map((r) => r.wallMs));
	const seconds = (list: Measured[], of: (r: Measured) => number) =>
		list.map((r) => (of(r) / 1000).toFixed(2)).join(', ');
	const lines = [
		`Order push with overrides (${overridesSet()}) vs without, ${n.toLocaleString('en-US')} orders at ${tier}/s, median of ${RUNS_EACH} alternating runs each: CPU ${(cpu(runs.with) / cpu(runs.without)).toFixed(3)}x, wall ${(wall(runs.with) / wall(runs.without)).toFixed(3)}x (target: within 1.10x)`,
		`  CPU s without: ${seconds(runs.without, (r) => r.cpuMs)}; with: ${seconds(runs.with, (r) => r.cpuMs)}. Wall s without: ${seconds(runs.without, (r) => r.wallMs)}; with: ${seconds(runs.with, (r) => r.wallMs)}`,
	];
	return { lines, runs };
}
