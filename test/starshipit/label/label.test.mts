import { describe, expect, it } from 'vitest';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import type { Harness } from '../../harness/index.mts';
import type { StarshipitSandbox } from '../../sandbox/starshipit/index.mts';
import { configurePrinting, labelsBought } from '../../sandbox/starshipit/lifecycle.mts';
import { harnessFor, outputOf, runNode, runWithErrorOutput, uiCreateParameters, uiOrderItem, useSandbox } from '../fixtures.mts';
import { outcomeOf, reasonOf } from '../../harness/outcome.mts';

let sandbox: StarshipitSandbox;
let harness: Harness;

useSandbox((started, startedHarness) => {
	sandbox = started;
	harness = startedHarness;
});

function pdf(item: INodeExecutionData, key: string): { bytes: Buffer; fileName?: string; mimeType: string } {
	const binary = item.binary?.[key];
	expect(binary, `binary ${key}`).toBeDefined();
	return { bytes: Buffer.from(binary!.data, 'base64'), fileName: binary!.fileName, mimeType: binary!.mimeType };
}

const outcome = (json: IDataObject) => outcomeOf({ json }) as IDataObject;

/** Labels bought for an order so far (each print is a carrier charge). */
function bought(orderNumber: string): number {
	const stored = sandbox.state.findByNumber(sandbox.state.accountByKey(), orderNumber)!;
	return labelsBought(stored);
}

/** Two orders: L-1 with two packages (two labels), L-2 with the default package. */
async function createOrders() {
	const twoPackages = { packages: { package: [{ weight: 1.2, length: 0.3, width: 0.2, height: 0.1 }, { weight: 0.8, length: 0.2, width: 0.2, height: 0.1 }] } };
	const [l1] = outputOf(await runNode(harness, uiCreateParameters('create', twoPackages), [uiOrderItem('L-1')]));
	const [l2] = outputOf(await runNode(harness, uiCreateParameters('create'), [uiOrderItem('L-2')]));
	return { l1: l1.json, l2: l2.json };
}

describe('Label', () => {
	it('Print creates the shipment: tracking numbers, carrier and one PDF per label named from the order number', async () => {
		await createOrders();
		const [out] = outputOf(await runNode(harness, { resource: 'label', operation: 'print', orderBy: 'orderNumber', orderNumber: 'L-1' }));
		expect(out.json).toMatchObject({ order_number: 'L-1', carrier_name: 'Plain Label', label_count: 2 });
		expect(Object.keys(out.json)[0]).toBe('outcome');
		expect(out.json.outcome).toEqual({ status: 'printed', order_number: 'L-1' });
		expect(out.json.tracking_numbers).toHaveLength(2);
		expect(typeof out.json.order_id).toBe('number');
		const first = pdf(out, 'label');
		const second = pdf(out, 'label_2');
		expect(first.fileName).toBe('label-L-1.pdf');
		expect(second.fileName).toBe('label-L-1-2.pdf');
		for (const file of [first, second]) {
			expect(file.mimeType).toBe('application/pdf');
			expect(file.bytes.length).toBeGreaterThan(200);
			expect(file.bytes.subarray(0, 4).toString('latin1')).toBe('%PDF');
		}
	});

	it('Reprint returns the same labels and tracking numbers without printing again', async () => {
		await createOrders();
		const [printed] = outputOf(await runNode(harness, { resource: 'label', operation: 'print', orderBy: 'orderNumber', orderNumber: 'L-2' }));
		const [again] = outputOf(await runNode(harness, { resource: 'label', operation: 'reprint', orderBy: 'orderNumber', orderNumber: 'L-2', binaryPropertyName: 'pdf' }));
		expect(again.json.tracking_numbers).toEqual(printed.json.tracking_numbers);
		expect(again.json.outcome).toEqual({ status: 'reprinted', order_number: 'L-2' });
		expect(bought('L-2')).toBe(1);
		expect(pdf(again, 'pdf').bytes.subarray(0, 4).toString('latin1')).toBe('%PDF');
	});

	it('printing twice buys one label, although the sandbox (like nothing documented against it) accepts a second print', async () => {
		await createOrders();
		const print = { resource: 'label', operation: 'print', orderBy: 'orderNumber', orderNumber: 'L-1' };
		const [first] = outputOf(await runNode(harness, print));
		sandbox.server.clearLog();
		const [again] = outputOf(await runNode(harness, print));
		expect(again.json).toMatchObject({ order_number: 'L-1', reprinted: true, tracking_numbers: first.json.tracking_numbers });
		expect(again.json.outcome).toEqual({ status: 'reprinted', order_number: 'L-1' });
		expect(pdf(again, 'label').bytes.subarray(0, 5).toString()).toBe('%PDF-');
		expect(bought('L-1')).toBe(1);
		// One read of the order's state, one reprint: no second print.
		expect(sandbox.server.counts()).toEqual({ 'GET /api/orders': 1, 'POST /api/orders/shipment': 1 });

		// An order printed in Starshipit's own screen is not printed again either.
		sandbox.printOrder('L-2');
		const [ui] = outputOf(await runNode(harness, { ...print, orderNumber: 'L-2' }));
		expect(ui.json.outcome).toMatchObject({ status: 'reprinted' });
		expect(bought('L-2')).toBe(1);

		const strict = await runNode(harness, { ...print, printOptions: { ifPrinted: 'error' } }, [{}], { continueOnFail: true });
		expect(String(reasonOf(outputOf(strict)[0]))).toMatch(/Order "L-1" already has labels/);
		expect(bought('L-1')).toBe(1);
	});

	it('with a sandbox that refuses a second print, a print that lost the race to another printer answers the existing labels', async () => {
		await createOrders();
		configurePrinting(sandbox.state, { refuseSecondPrint: true });
		// Another printer gets in right after our read: the order we read is still unprinted.
		const original = sandbox.state.full.bind(sandbox.state);
		let armed = true;
		sandbox.state.full = (stored) => {
			const view = original(stored);
			if (armed && stored.order.order_number === 'L-2') {
				armed = false;
				sandbox.printOrder('L-2');
			}
			return view;
		};
		try {
			const [out] = outputOf(await runNode(harness, { resource: 'label', operation: 'print', orderBy: 'orderNumber', orderNumber: 'L-2' }));
			expect(out.json.outcome).toMatchObject({ status: 'reprinted', order_number: 'L-2' });
		} finally {
			sandbox.state.full = original;
		}
		expect(bought('L-2')).toBe(1);
	});

	it('Print of an unknown order fails on that item only (Continue On Fail)', async () => {
		await createOrders();
		const out = outputOf(
			await runNode(harness, { resource: 'label', operation: 'print', orderBy: 'orderNumber', orderNumber: '={{ $json.n }}' }, [{ n: 'NOPE' }, { n: 'L-2' }], { continueOnFail: true }),
		);
		expect(outcomeOf(out[0])).toMatchObject({ order_number: 'NOPE' });
		expect(reasonOf(out[0])).toMatch(/Order not found/);
		expect(outcome(out[0].json)).toMatchObject({ status: 'failed', order_number: 'NOPE' });
		expect(out[1].json.order_number).toBe('L-2');
		expect(out[1].pairedItem).toEqual({ item: 1 });
	});

	for (const camelCase of [false, true]) {
		it(`Print Many prints all items in one bulk call and, as the reply does not say whose each file is, returns them once for the batch (${camelCase ? 'labelBase64String' : 'label_base64_string'})`, async () => {
			const { l1, l2 } = await createOrders();
			configurePrinting(sandbox.state, { bulkLabelsCamelCase: camelCase });
			sandbox.server.clearLog();
			const out = outputOf(await runNode(harness, { resource: 'label', operation: 'printMany', orderIds: '={{ $json.order_id }}' }, [l1, l2]));
			expect(sandbox.server.count('POST /api/orders/shipments')).toBe(1);
			expect(out).toHaveLength(1);
			expect(out[0].pairedItem).toEqual([{ item: 0 }, { item: 1 }]);
			expect(out[0].json.outcome).toMatchObject({ status: 'printed', order_number: 'L-1, L-2' });
			expect(out[0].json).toMatchObject({ order_ids: [l1.order_id, l2.order_id], order_numbers: ['L-1', 'L-2'], label_count: 2, files_per_order_known: false });
			expect(out[0].json.tracking_numbers).toBeUndefined();
			for (const key of ['label', 'label_2']) {
				const file = pdf(out[0], key);
				expect(file.bytes.subarray(0, 4).toString('latin1')).toBe('%PDF');
				// Never named after one order: the files' owners are unknown.
				expect(file.fileName).not.toMatch(/L-1|L-2/);
			}
		});
	}

	it('Print Many looks before printing: an order printed meanwhile gets its existing labels, never a second label', async () => {
		const { l1, l2 } = await createOrders();
		expect(typeof l1.order_date).toBe('string');
		sandbox.printOrder('L-1');
		sandbox.server.clearLog();
		const out = outputOf(await runNode(harness, { resource: 'label', operation: 'printMany', orderIds: '={{ $json.order_id }}' }, [l1, l2]));
		expect(bought('L-1')).toBe(1);
		expect(bought('L-2')).toBe(1);
		expect(out.map((i) => i.json.outcome)).toEqual([
			expect.objectContaining({ status: 'printed', order_number: 'L-2' }),
			expect.objectContaining({ status: 'reprinted', order_number: 'L-1' }),
		]);
		// Two orders: one look-up each (cheaper than listing three tabs), then one print and one reprint.
		const counts = sandbox.server.counts();
		expect(counts['GET /api/orders']).toBe(2);
		expect(counts['POST /api/orders/shipments']).toBe(2);
		expect((counts['GET /api/orders/unshipped'] ?? 0) + (counts['GET /api/orders/shipments'] ?? 0) + (counts['GET /api/orders/shipped'] ?? 0)).toBe(0);

		// Items without a date are read one by one; printing all of them again buys nothing.
		sandbox.server.clearLog();
		const again = outputOf(await runNode(harness, { resource: 'label', operation: 'printMany', orderIds: '={{ $json.id }}' }, [{ id: l1.order_id }, { id: l2.order_id }]));
		expect(again.map((i) => (i.json.outcome as IDataObject).status)).toEqual(['reprinted']);
		expect(sandbox.server.count('GET /api/orders')).toBe(2);
		expect(bought('L-1') + bought('L-2')).toBe(2);
	});

	it('Print Many prints nothing when it cannot check which orders already have labels', async () => {
		const { l1, l2 } = await createOrders();
		sandbox.server.clearLog();
		// A 503 asking to come back after the retry budget (reads are retried for the whole budget).
		const down = { kind: 'status' as const, status: 503, headers: { 'Retry-After': '600' }, body: { statusCode: 503, message: 'injected 503' } };
		sandbox.server.injectFaults('GET /api/orders', [down]);
		const { success, errors } = await runWithErrorOutput(harness, { resource: 'label', operation: 'printMany', orderIds: '={{ $json.order_id }}' }, [l1, l2]);
		expect(success).toHaveLength(0);
		expect(errors).toHaveLength(2);
		expect(String(reasonOf(errors[0]))).toMatch(/Nothing was printed: could not check which orders already have labels/);
		expect(sandbox.server.count('POST /api/orders/shipments')).toBe(0);
		expect(bought('L-1') + bought('L-2')).toBe(0);
	});

	it('Print Many: an order Starshipit refuses fails on its own item; the batch item names only the orders printed', async () => {
		const { l1, l2 } = await createOrders();
		sandbox.state.findByNumber(sandbox.state.accountByKey(), 'L-1')!.order.archived = true;
		const out = outputOf(await runNode(harness, { resource: 'label', operation: 'printMany', orderIds: '={{ $json.order_id }}' }, [l1, l2], { continueOnFail: true }));
		expect(out).toHaveLength(2);
		const failed = out.find((i) => reasonOf(i))!;
		expect(failed.pairedItem).toEqual({ item: 0 });
		expect(outcome(failed.json)).toMatchObject({ status: 'failed', order_number: 'L-1' });
		expect(String(reasonOf(failed))).toMatch(/archived/i);
		const printed = out.find((i) => !reasonOf(i))!;
		expect(printed.pairedItem).toEqual([{ item: 1 }]);
		expect(printed.json).toMatchObject({ order_ids: [l2.order_id], order_numbers: ['L-2'], label_count: 1 });
	});
});

describe('a failure that hits the whole batch puts every item on the error output', () => {
	it('Print with a revoked key', async () => {
		await createOrders();
		const revoked = harnessFor(sandbox, { apiKey: 'revoked-key' });
		const { success, errors } = await runWithErrorOutput(revoked, { resource: 'label', operation: 'print', orderBy: 'orderNumber', orderNumber: '={{ $json.n }}' }, [{ n: 'L-1' }, { n: 'L-2' }]);
		expect(success).toHaveLength(0);
		expect(errors.map((e) => outcome(e.json))).toEqual([
			expect.objectContaining({ status: 'failed', order_number: 'L-1' }),
			expect.objectContaining({ status: 'failed', order_number: 'L-2' }),
		]);
		expect(String(reasonOf(errors[0]))).toMatch(/API key/);
		expect(bought('L-1') + bought('L-2')).toBe(0);
	});

	it('Print Many with a 5xx on the bulk call', async () => {
		const { l1, l2 } = await createOrders();
		sandbox.server.injectFaults('POST /api/orders/shipments', [{ kind: 'status', status: 500, body: { message: 'Internal error' } }]);
		const { success, errors } = await runWithErrorOutput(harness, { resource: 'label', operation: 'printMany', orderIds: '={{ $json.order_id }}' }, [l1, l2]);
		expect(success).toHaveLength(0);
		expect(errors).toHaveLength(2);
		for (const e of errors) expect(outcome(e.json)).toMatchObject({ status: 'failed' });
	});

	it('Reprint with a 429 that outlasts the retry budget', async () => {
		await createOrders();
		sandbox.printOrder('L-1');
		sandbox.printOrder('L-2');
		// A 429 is retried for the whole time budget (issue 25), so this one asks to come back after it.
		sandbox.server.injectFaults(
			'POST /api/orders/shipment',
			Array.from({ length: 2 }, () => ({ kind: 'status' as const, status: 429, headers: { 'Retry-After': '600' }, body: { statusCode: 429, message: 'Rate limit is exceeded. Try again in 600 seconds.' } })),
		);
		const { success, errors } = await runWithErrorOutput(harness, { resource: 'label', operation: 'reprint', orderBy: 'orderNumber', orderNumber: '={{ $json.n }}' }, [{ n: 'L-1' }, { n: 'L-2' }]);
		expect(success).toHaveLength(0);
		expect(errors.map((e) => outcome(e.json).order_number)).toEqual(['L-1', 'L-2']);
		expect(String(reasonOf(errors[0]))).toMatch(/Rate limit.*\[429\]/);
	});

	it('Reprint rides out a storm of 429s (two executions sharing the limit): retried for the time budget, not 8 attempts', async () => {
		await createOrders();
		sandbox.printOrder('L-1');
		sandbox.server.injectFaults(
			'POST /api/orders/shipment',
			Array.from({ length: 12 }, () => ({ kind: 'status' as const, status: 429, headers: { 'Retry-After': '0' }, body: { statusCode: 429, message: 'Rate limit is exceeded. Try again in 0 seconds.' } })),
		);
		const [out] = outputOf(await runNode(harness, { resource: 'label', operation: 'reprint', orderBy: 'orderNumber', orderNumber: 'L-1' }));
		expect(out.json.outcome).toMatchObject({ status: 'reprinted', order_number: 'L-1' });
		expect(sandbox.server.log.filter((e) => e.status === 429)).toHaveLength(12);
	});
});

describe('Manifest and Tracking', () => {
	it('Manifest Create returns the manifest PDF for the printed orders of all items', async () => {
		const { l1, l2 } = await createOrders();
		sandbox.printOrder('L-1');
		sandbox.printOrder('L-2');
		const out = outputOf(await runNode(harness, { resource: 'manifest', operation: 'create', orderIds: '={{ $json.order_id }}' }, [l1, l2]));
		expect(out).toHaveLength(1);
		expect(out[0].pairedItem).toEqual([{ item: 0 }, { item: 1 }]);
		expect(out[0].json.order_ids).toEqual([l1.order_id, l2.order_id]);
		const manifest = pdf(out[0], 'manifest');
		expect(manifest.fileName).toBe(`manifest-${out[0].json.manifest_number}.pdf`);
		expect(manifest.bytes.subarray(0, 4).toString('latin1')).toBe('%PDF');
	});

	it('Tracking Get by tracking number and by order number', async () => {
		await createOrders();
		const { tracking_numbers: numbers } = sandbox.printOrder('L-1');
		sandbox.advanceOrder('L-1', 'InTransit');
		const [byTracking] = outputOf(await runNode(harness, { resource: 'tracking', operation: 'get', trackBy: 'trackingNumber', trackingNumber: numbers[1] }));
		expect(byTracking.json).toMatchObject({ order_number: 'L-1', tracking_number: numbers[1], tracking_status: 'InTransit' });
		expect(byTracking.json.tracking_url).toMatch(/^https:\/\//);
		expect((byTracking.json.tracking_events as unknown[]).length).toBeGreaterThanOrEqual(2);
		const [byOrder] = outputOf(await runNode(harness, { resource: 'tracking', operation: 'get', trackBy: 'orderNumber', orderNumber: 'L-1' }));
		expect(byOrder.json).toMatchObject({ order_number: 'L-1', tracking_status: 'InTransit' });
	});
});
