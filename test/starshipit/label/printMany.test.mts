/**
 * Label > Print Many: one bulk call whose files are returned once for the batch (both spellings of
 * the reply), a look before printing so an order printed meanwhile is reprinted, nothing printed
 * when that look fails, an order Starshipit refuses failing on its own item, and a 5xx on the
 * bulk call putting every item on the error output.
 */
import { describe, expect, it } from 'vitest';
import type { IDataObject } from 'n8n-workflow';
import type { Harness } from '../../harness/index.mts';
import type { StarshipitSandbox } from '../../sandbox/starshipit/index.mts';
import { configurePrinting } from '../../sandbox/starshipit/lifecycle.mts';
import {
	outcome,
	outputOf,
	pdf,
	runNode,
	runWithErrorOutput,
	useLabelOrders,
} from '../fixtures.mts';
import { reasonOf } from '../../harness/outcome.mts';

let sandbox: StarshipitSandbox;
let harness: Harness;

const { bought, createOrders } = useLabelOrders((started, startedHarness) => {
	sandbox = started;
	harness = startedHarness;
});

describe('Label', () => {
	for (const camelCase of [false, true]) {
		it(`Print Many prints all items in one bulk call and, as the reply does not say whose each file is, returns them once for the batch (${camelCase ? 'labelBase64String' : 'label_base64_string'})`, async () => {
			const { l1, l2 } = await createOrders();
			configurePrinting(sandbox.state, { bulkLabelsCamelCase: camelCase });
			sandbox.server.clearLog();
			const out = outputOf(
				await runNode(
					harness,
					{ resource: 'label', operation: 'printMany', orderIds: '={{ $json.order_id }}' },
					[l1, l2],
				),
			);
			expect(sandbox.server.count('POST /api/orders/shipments')).toBe(1);
			expect(out).toHaveLength(1);
			expect(out[0].pairedItem).toEqual([{ item: 0 }, { item: 1 }]);
			expect(out[0].json.outcome).toMatchObject({ status: 'printed', order_number: 'L-1, L-2' });
			expect(out[0].json).toMatchObject({
				order_ids: [l1.order_id, l2.order_id],
				order_numbers: ['L-1', 'L-2'],
				label_count: 2,
				files_per_order_known: false,
			});
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
		const out = outputOf(
			await runNode(
				harness,
				{ resource: 'label', operation: 'printMany', orderIds: '={{ $json.order_id }}' },
				[l1, l2],
			),
		);
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
		expect(
			(counts['GET /api/orders/unshipped'] ?? 0) +
				(counts['GET /api/orders/shipments'] ?? 0) +
				(counts['GET /api/orders/shipped'] ?? 0),
		).toBe(0);

		// Items without a date are read one by one; printing all of them again buys nothing.
		sandbox.server.clearLog();
		const again = outputOf(
			await runNode(
				harness,
				{ resource: 'label', operation: 'printMany', orderIds: '={{ $json.id }}' },
				[{ id: l1.order_id }, { id: l2.order_id }],
			),
		);
		expect(again.map((i) => (i.json.outcome as IDataObject).status)).toEqual(['reprinted']);
		expect(sandbox.server.count('GET /api/orders')).toBe(2);
		expect(bought('L-1') + bought('L-2')).toBe(2);
	});

	it('Print Many prints nothing when it cannot check which orders already have labels', async () => {
		const { l1, l2 } = await createOrders();
		sandbox.server.clearLog();
		// A 503 asking to come back after the retry budget (reads are retried for the whole budget).
		const down = {
			kind: 'status' as const,
			status: 503,
			headers: { 'Retry-After': '600' },
			body: { statusCode: 503, message: 'injected 503' },
		};
		sandbox.server.injectFaults('GET /api/orders', [down]);
		const { success, errors } = await runWithErrorOutput(
			harness,
			{ resource: 'label', operation: 'printMany', orderIds: '={{ $json.order_id }}' },
			[l1, l2],
		);
		expect(success).toHaveLength(0);
		expect(errors).toHaveLength(2);
		expect(String(reasonOf(errors[0]))).toMatch(
			/Nothing was printed: could not check which orders already have labels/,
		);
		expect(sandbox.server.count('POST /api/orders/shipments')).toBe(0);
		expect(bought('L-1') + bought('L-2')).toBe(0);
	});

	it('Print Many: an order Starshipit refuses fails on its own item; the batch item names only the orders printed', async () => {
		const { l1, l2 } = await createOrders();
		sandbox.state.findByNumber(sandbox.state.accountByKey(), 'L-1')!.order.archived = true;
		const out = outputOf(
			await runNode(
				harness,
				{ resource: 'label', operation: 'printMany', orderIds: '={{ $json.order_id }}' },
				[l1, l2],
				{ continueOnFail: true },
			),
		);
		expect(out).toHaveLength(2);
		const failed = out.find((i) => reasonOf(i))!;
		expect(failed.pairedItem).toEqual({ item: 0 });
		expect(outcome(failed.json)).toMatchObject({ status: 'failed', order_number: 'L-1' });
		expect(String(reasonOf(failed))).toMatch(/archived/i);
		const printed = out.find((i) => !reasonOf(i))!;
		expect(printed.pairedItem).toEqual([{ item: 1 }]);
		expect(printed.json).toMatchObject({
			order_ids: [l2.order_id],
			order_numbers: ['L-2'],
			label_count: 1,
		});
	});
});

describe('a failure that hits the whole batch puts every item on the error output', () => {
	it('Print Many with a 5xx on the bulk call', async () => {
		const { l1, l2 } = await createOrders();
		sandbox.server.injectFaults('POST /api/orders/shipments', [
			{ kind: 'status', status: 500, body: { message: 'Internal error' } },
		]);
		const { success, errors } = await runWithErrorOutput(
			harness,
			{ resource: 'label', operation: 'printMany', orderIds: '={{ $json.order_id }}' },
			[l1, l2],
		);
		expect(success).toHaveLength(0);
		expect(errors).toHaveLength(2);
		for (const e of errors) expect(outcome(e.json)).toMatchObject({ status: 'failed' });
	});
});
