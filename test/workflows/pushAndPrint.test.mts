/** A whole flow from a workflow file: sale orders → Create Many → Label Print, chained by the engine. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { WorkflowJson } from '../harness/index.mts';
import type { StarshipitSandbox } from '../sandbox/starshipit/index.mts';
import { harnessFor, saleOrder, startSandbox } from '../starshipit/fixtures.mts';
import workflowFile from './fixtures/push-and-print.workflow.json';
import { reasonOf } from '../harness/outcome.mts';

let sandbox: StarshipitSandbox;
beforeAll(async () => {
	sandbox = await startSandbox();
});
afterAll(async () => sandbox.close());

it('pushes sale orders and prints a label per order; a bad order fails alone', async () => {
	const json = structuredClone(workflowFile) as unknown as WorkflowJson;
	const items = [saleOrder('WF-1'), saleOrder('WF-2', { address: { postcode: '12345678901' } }), saleOrder('WF-3')].map((j) => ({ json: j }));
	const run = await harnessFor(sandbox).run(json, { startNode: 'Sale Orders', items });
	expect(run.status).toBe('success');
	const created = run.output('Create Orders');
	expect(created.map((c) => reasonOf(c) ?? c.json.order_number)).toEqual(['WF-1', expect.stringMatching(/WF-2.*postcode/), 'WF-3']);
	expect(created[0].json).toMatchObject({ carrier: 'PlainLabel', signature_required: true });
	const printed = run.output('Print Labels');
	expect(printed).toHaveLength(3);
	expect(printed[0].json).toMatchObject({ order_number: 'WF-1', carrier_name: 'Plain Label' });
	expect(printed[0].binary?.label.fileName).toBe('label-WF-1.pdf');
	expect(Buffer.from(printed[0].binary!.label.data, 'base64').subarray(0, 4).toString('latin1')).toBe('%PDF');
	expect(reasonOf(printed[1])).toBeDefined(); // the item without an order has nothing to print
	expect(printed[2].json.order_number).toBe('WF-3');
	expect(sandbox.server.count('POST /api/orders/import')).toBe(1);
});
