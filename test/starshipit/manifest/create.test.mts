/**
 * Issue 21, point 3: Manifest Create against the documented reply `{label_type, pdf, success,
 * errors}` (rknell/starshipit_dart manifest_orders_response.dart), which carries no manifest
 * number, and which for some carriers has no PDF (the Odoo connector: "Starshipit API doesn't
 * return a PDF for TNT service"). A manifest cannot be undone, so whatever is missing after
 * Starshipit said yes is a warning on the successful item. The last test (the label tests' two
 * orders, printed) checks the one manifest PDF made for the orders of all items.
 */
import { describe, expect, it } from 'vitest';
import type { IDataObject } from 'n8n-workflow';
import type { Harness } from '../../harness/index.mts';
import type { StarshipitSandbox } from '../../sandbox/starshipit/index.mts';
import {
	outputOf,
	pdf,
	runNode,
	runWithErrorOutput,
	uiCreateParameters,
	uiOrderItem,
	useLabelOrders,
} from '../fixtures.mts';
import { reasonOf } from '../../harness/outcome.mts';

let sandbox: StarshipitSandbox;
let harness: Harness;

const { createOrders } = useLabelOrders((started, startedHarness) => {
	sandbox = started;
	harness = startedHarness;
});

const MANIFEST = 'POST /api/orders/manifest';

/** Creates and prints `numbers` with `carrier`; their order JSON as the node returned it. */
async function printed(numbers: string[], carrier?: string): Promise<IDataObject[]> {
	const out: IDataObject[] = [];
	for (const number of numbers) {
		const [created] = outputOf(
			await runNode(harness, uiCreateParameters('create'), [uiOrderItem(number)]),
		);
		const stored = sandbox.state.findByNumber(sandbox.state.accountByKey(), number)!;
		if (carrier) stored.order.carrier = carrier;
		sandbox.printOrder(number);
		out.push(created.json);
	}
	return out;
}

const manifest = { resource: 'manifest', operation: 'create', orderIds: '={{ $json.order_id }}' };

describe('Manifest Create', () => {
	it('gives the manifest PDF and takes the manifest number from the orders, as the reply has none', async () => {
		const orders = await printed(['M-1', 'M-2']);
		const [out] = outputOf(await runNode(harness, manifest, orders));
		const number = sandbox.state.findByNumber(sandbox.state.accountByKey(), 'M-1')!.order
			.manifest_number;
		expect(number).toEqual(expect.any(Number));
		expect(out.json).toMatchObject({
			outcome: { status: 'manifested' },
			manifest_number: number,
			order_ids: orders.map((o) => o.order_id),
			label_type: 'PDF',
		});
		expect((out.json.outcome as IDataObject).warning).toBeUndefined();
		expect(out.binary?.manifest?.fileName).toBe(`manifest-${number}.pdf`);
		expect(
			Buffer.from(out.binary!.manifest!.data, 'base64').subarray(0, 4).toString('latin1'),
		).toBe('%PDF');
	});

	it('a manifest without a PDF (TNT) is a success with a warning, never an error that would invite a second manifest', async () => {
		const orders = await printed(['T-1', 'T-2'], 'TNT');
		sandbox.server.clearLog();
		const { success, errors } = await runWithErrorOutput(harness, manifest, orders);
		expect(errors).toEqual([]);
		expect(success).toHaveLength(1);
		const [out] = success;
		expect(out.binary).toBeUndefined();
		expect(out.json.outcome).toEqual({
			status: 'manifested',
			warning: expect.stringMatching(
				/^Manifested 2 order\(s\), but Starshipit returned no manifest PDF/,
			),
		});
		expect(out.json.manifest_number).toEqual(expect.any(Number));
		expect(sandbox.server.count(MANIFEST)).toBe(1);
		for (const number of ['T-1', 'T-2'])
			expect(sandbox.state.findByNumber(sandbox.state.accountByKey(), number)!.order).toMatchObject(
				{ manifested: true, tracking_status: 'Manifested' },
			);
	});

	it('the manifest stands when the manifest number cannot be read afterwards: a warning, one manifest', async () => {
		const orders = await printed(['N-1']);
		sandbox.server.injectFaults('GET /api/orders', [
			{
				kind: 'status',
				status: 404,
				body: { success: false, errors: [{ message: 'Order not found', details: 'injected' }] },
			},
		]);
		const { success, errors } = await runWithErrorOutput(harness, manifest, orders);
		expect(errors).toEqual([]);
		expect(success[0].json.outcome).toEqual({
			status: 'manifested',
			warning: expect.stringMatching(/manifest number could not be read/),
		});
		expect(success[0].binary?.manifest?.fileName).toBe('manifest-starshipit.pdf');
		expect(sandbox.server.count(MANIFEST)).toBe(1);
	});

	it('an order that cannot be manifested fails every item that named it, and nothing is manifested', async () => {
		const [good] = await printed(['F-1']);
		const [unprinted] = outputOf(
			await runNode(harness, uiCreateParameters('create'), [uiOrderItem('F-2')]),
		);
		const { success, errors } = await runWithErrorOutput(harness, manifest, [good, unprinted.json]);
		expect(success).toEqual([]);
		expect(errors).toHaveLength(2);
		expect(reasonOf(errors[0])).toMatch(/F-2/);
		expect(sandbox.state.findByNumber(sandbox.state.accountByKey(), 'F-1')!.order.manifested).toBe(
			false,
		);
	});
});

describe('Manifest and Tracking', () => {
	it('Manifest Create returns the manifest PDF for the printed orders of all items', async () => {
		const { l1, l2 } = await createOrders();
		sandbox.printOrder('L-1');
		sandbox.printOrder('L-2');
		const out = outputOf(
			await runNode(
				harness,
				{ resource: 'manifest', operation: 'create', orderIds: '={{ $json.order_id }}' },
				[l1, l2],
			),
		);
		expect(out).toHaveLength(1);
		expect(out[0].pairedItem).toEqual([{ item: 0 }, { item: 1 }]);
		expect(out[0].json.order_ids).toEqual([l1.order_id, l2.order_id]);
		const manifest = pdf(out[0], 'manifest');
		expect(manifest.fileName).toBe(`manifest-${out[0].json.manifest_number}.pdf`);
		expect(manifest.bytes.subarray(0, 4).toString('latin1')).toBe('%PDF');
	});
});
