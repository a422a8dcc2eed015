import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { INodeExecutionData } from 'n8n-workflow';
import type { Harness } from '../harness/index.mts';
import type { StarshipitSandbox } from '../sandbox/starshipit/index.mts';
import { harnessFor, outputOf, runNode, startSandbox, uiCreateParameters, uiOrderItem } from './fixtures.mts';

let sandbox: StarshipitSandbox;
let harness: Harness;

beforeAll(async () => {
	sandbox = await startSandbox();
	harness = harnessFor(sandbox);
});
afterAll(async () => sandbox.close());
beforeEach(() => {
	sandbox.reset();
	sandbox.configure({ ratePerSecond: 1000, burst: 1000 });
});

function pdf(item: INodeExecutionData, key: string): { bytes: Buffer; fileName?: string; mimeType: string } {
	const binary = item.binary?.[key];
	expect(binary, `binary ${key}`).toBeDefined();
	return { bytes: Buffer.from(binary!.data, 'base64'), fileName: binary!.fileName, mimeType: binary!.mimeType };
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
		expect(pdf(again, 'pdf').bytes.subarray(0, 4).toString('latin1')).toBe('%PDF');
	});

	it('Print of an order printed before returns its existing labels (no new shipment), or fails if asked to', async () => {
		await createOrders();
		const print = { resource: 'label', operation: 'print', orderBy: 'orderNumber', orderNumber: 'L-1' };
		const [first] = outputOf(await runNode(harness, print));
		const shipments = sandbox.server.count('POST /api/orders/shipment');
		const [again] = outputOf(await runNode(harness, print));
		expect(again.json).toMatchObject({ order_number: 'L-1', reprinted: true, tracking_numbers: first.json.tracking_numbers });
		expect(pdf(again, 'label').bytes.subarray(0, 5).toString()).toBe('%PDF-');
		expect(sandbox.server.count('POST /api/orders/shipment')).toBe(shipments + 2);

		const strict = await runNode(harness, { ...print, printOptions: { ifPrinted: 'error' } }, [{}], { continueOnFail: true });
		expect(String(outputOf(strict)[0].json.error)).toMatch(/already printed/i);
	});

	it('Print of an unknown order fails on that item only (Continue On Fail)', async () => {
		await createOrders();
		const out = outputOf(
			await runNode(harness, { resource: 'label', operation: 'print', orderBy: 'orderNumber', orderNumber: '={{ $json.n }}' }, [{ n: 'NOPE' }, { n: 'L-2' }], { continueOnFail: true }),
		);
		expect(out[0].json.details).toMatchObject({ order_number: 'NOPE' });
		expect(out[0].json.error).toMatch(/Order not found/);
		expect(out[1].json.order_number).toBe('L-2');
		expect(out[1].pairedItem).toEqual({ item: 1 });
	});

	it('Print Many prints all items in one bulk call; each item gets its PDF and no tracking numbers', async () => {
		const { l1, l2 } = await createOrders();
		sandbox.server.clearLog();
		const out = outputOf(await runNode(harness, { resource: 'label', operation: 'printMany', orderIds: '={{ $json.order_id }}' }, [l1, l2]));
		expect(sandbox.server.count('POST /api/orders/shipments')).toBe(1);
		expect(out).toHaveLength(2);
		expect(out[0].json).toMatchObject({ order_ids: [l1.order_id] });
		expect(out[0].json.tracking_numbers).toBeUndefined();
		expect(pdf(out[0], 'label').bytes.subarray(0, 4).toString('latin1')).toBe('%PDF');
		expect(pdf(out[1], 'label').fileName).toBe(`label-${l2.order_id}.pdf`);
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
