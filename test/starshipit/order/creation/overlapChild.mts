/**
 * Order pushes in a process of its own, for the two-process overlap test. Loading n8n takes
 * seconds, so the process stays up: it prints `ready`, then reads one JSON request per line,
 * `{"url", "rateTier", "refs"}`, runs one Create Many push of those sale orders and prints one
 * JSON line with every item's outcome status.
 */
import { createInterface } from 'node:readline';
import { Harness } from '../../../harness/index.mts';
import { DEFAULT_SUBSCRIPTION_KEY } from '../../../sandbox/starshipit/index.mts';
import { API_KEY, nodeWorkflow, saleOrder } from '../../fixtures.mts';

const parameters = {
	resource: 'order',
	operation: 'createMany',
	inputMode: 'saleOrder',
	saleOrder: '={{ $json }}',
	skipExisting: true,
};

async function push(url: string, rateTier: string, refs: string[]): Promise<string[]> {
	const harness = new Harness({
		ss: {
			type: 'starshipitApi',
			data: {
				apiKey: API_KEY,
				subscriptionKey: DEFAULT_SUBSCRIPTION_KEY,
				baseUrl: url,
				rateTier,
			} as never,
		},
	});
	const run = await harness.run(nodeWorkflow(parameters, { continueOnFail: true }), {
		startNode: 'Orders',
		items: refs.map((r) => ({ json: saleOrder(r) })),
	});
	return run
		.output('Starshipit')
		.map((item) => (item.json.outcome as { status?: string } | undefined)?.status ?? 'failed');
}

process.stdout.write('ready\n');
for await (const line of createInterface({ input: process.stdin })) {
	if (!line.trim()) continue;
	const { url, rateTier, refs } = JSON.parse(line) as {
		url: string;
		rateTier: string;
		refs: string[];
	};
	const statuses = await push(url, rateTier, refs).catch((error: Error) => [
		`error: ${error.message}`,
	]);
	process.stdout.write(`${JSON.stringify({ statuses })}\n`);
}
process.exit(0); // n8n leaves timers behind
