/**
 * `npm run bench`: what batching buys, measured in one run against the sandbox at Starshipit's
 * production tier (20 requests/s), reported as ratios (calls and wall time), never as absolute
 * promises.
 *
 * 1. 120 CartonCloud sale orders into Starshipit: Create Many (import, 50 per call, Skip Existing)
 *    against Create (one call per order, Skip Existing), the way a hand-built HTTP flow would.
 * 2. Tracking write-back for every seeded sale order with a consignment (87): one batched node
 *    run against one single-item run per order.
 */
import type { IDataObject } from 'n8n-workflow';
import { Harness, shutdownEngine, type WorkflowJson } from '../test/harness/index.mts';
import { startSandboxes, CREDENTIALS } from '../test/sandbox/index.mts';

const PKG = 'n8n-nodes-cartoncloud-starshipit';

function oneNode(type: string, parameters: IDataObject, credentials: IDataObject): WorkflowJson {
	return {
		name: 'bench',
		nodes: [
			{ id: 'a', name: 'Start', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [0, 0], parameters: {} },
			{ id: 'b', name: 'Node', type, typeVersion: 1, position: [200, 0], parameters: parameters as never, credentials: credentials as never },
		],
		connections: { Start: { main: [[{ node: 'Node', type: 'main', index: 0 }]] } },
	};
}

async function timed<T>(run: () => Promise<T>): Promise<{ ms: number; result: T }> {
	const start = performance.now();
	const result = await run();
	return { ms: performance.now() - start, result };
}

async function main(): Promise<void> {
	const sandboxes = await startSandboxes({ starshipit: { ratePerSecond: 20, burst: 20 } });
	const harness = new Harness(sandboxes.credentials());
	const starshipitCreds = { starshipitApi: CREDENTIALS.starshipit };
	const cartonCloudCreds = { cartonCloudApi: CREDENTIALS.cartonCloud };
	try {
		// 120 distinct, valid sale orders: the seed's good orders, renumbered.
		const seed = sandboxes.cartonCloud.state().outboundOrders.filter((o) => o.status === 'PACKED' && !o.references.customer.startsWith('KOA-19'));
		const saleOrders = (prefix: string) =>
			Array.from({ length: 120 }, (_, i) => {
				const order = structuredClone(seed[i % seed.length]) as unknown as IDataObject & { references: IDataObject };
				order.references = { ...order.references, customer: `${prefix}-${String(i + 1).padStart(4, '0')}` };
				return { json: order };
			});
		const createParams = (operation: string) => ({ resource: 'order', operation, inputMode: 'saleOrder', saleOrder: '={{ $json }}', skipExisting: true });

		const ss = sandboxes.starshipit.server;
		ss.clearLog();
		const batched = await timed(() => harness.run(oneNode(`${PKG}.starshipit`, createParams('createMany'), starshipitCreds), { startNode: 'Start', items: saleOrders('BATCH') }));
		const batchedCalls = ss.log.length;
		ss.clearLog();
		const single = await timed(() => harness.run(oneNode(`${PKG}.starshipit`, createParams('create'), starshipitCreds), { startNode: 'Start', items: saleOrders('SINGLE') }));
		const singleCalls = ss.log.length;
		for (const run of [batched.result, single.result]) if (run.error) throw new Error(run.error.message);

		console.log('1. 120 sale orders into Starshipit (sandbox at 20 requests/s)');
		console.log(`   Create Many: ${batchedCalls} calls, ${(batched.ms / 1000).toFixed(2)} s`);
		console.log(`   Create, one per order: ${singleCalls} calls, ${(single.ms / 1000).toFixed(2)} s`);
		console.log(`   ratio: ${(singleCalls / batchedCalls).toFixed(1)}x fewer calls, ${(single.ms / batched.ms).toFixed(1)}x faster`);

		// Write-back: every sale order that has a consignment.
		const cc = sandboxes.cartonCloud.server;
		const withConsignment = new Set(sandboxes.cartonCloud.state().consignments.map((c) => (c as { generatedFromTask?: { id: string } }).generatedFromTask?.id));
		const targets = sandboxes.cartonCloud
			.state()
			.outboundOrders.filter((o) => withConsignment.has(o.id));
		const writeBack = (suffix: string) => ({
			resource: 'tracking',
			operation: 'writeBack',
			saleOrderBy: 'customerReference',
			customerReference: '={{ $json.reference }}',
			trackingNumber: `={{ 'TN' + $json.reference + '${suffix}' }}`,
			carrierName: 'Australia Post',
			trackingUrl: '',
			options: {},
		});
		const input = targets.map((o) => ({ json: { reference: o.references.customer } }));
		cc.clearLog();
		const batchedBack = await timed(() => harness.run(oneNode(`${PKG}.cartonCloud`, writeBack('A'), cartonCloudCreds), { startNode: 'Start', items: input }));
		const batchedBackCalls = cc.log.length;
		cc.clearLog();
		const singleBack = await timed(async () => {
			for (const item of input) await harness.run(oneNode(`${PKG}.cartonCloud`, writeBack('B'), cartonCloudCreds), { startNode: 'Start', items: [item] });
		});
		const singleBackCalls = cc.log.length;
		if (batchedBack.result.error) throw new Error(batchedBack.result.error.message);

		console.log(`\n2. Tracking write-back for ${input.length} sale orders`);
		console.log(`   one batched run: ${batchedBackCalls} calls, ${(batchedBack.ms / 1000).toFixed(2)} s`);
		console.log(`   one run per order: ${singleBackCalls} calls, ${(singleBack.ms / 1000).toFixed(2)} s`);
		console.log(`   ratio: ${(singleBackCalls / batchedBackCalls).toFixed(1)}x fewer calls, ${(singleBack.ms / batchedBack.ms).toFixed(1)}x faster`);
	} finally {
		await sandboxes.close();
		await shutdownEngine();
	}
}

main().catch((error: unknown) => {
	console.error(error);
	process.exitCode = 1;
});
