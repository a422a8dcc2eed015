/**
 * Label > Print: the shipment with its tracking numbers, carrier and one PDF per label; an order
 * already printed (by us, in Starshipit's screen, or by a printer that won the race) is reprinted,
 * never bought twice; an unknown order fails on its own item; a revoked key puts every item on
 * the error output.
 */
import { describe, expect, it } from 'vitest';
import type { Harness } from '../../harness/index.mts';
import type { StarshipitSandbox } from '../../sandbox/starshipit/index.mts';
import { configurePrinting } from '../../sandbox/starshipit/lifecycle.mts';
import {
	harnessFor,
	outcome,
	outputOf,
	pdf,
	runNode,
	runWithErrorOutput,
	useLabelOrders,
} from '../fixtures.mts';
import { outcomeOf, reasonOf } from '../../harness/outcome.mts';

let sandbox: StarshipitSandbox;
let harness: Harness;

const { bought, createOrders } = useLabelOrders((started, startedHarness) => {
	sandbox = started;
	harness = startedHarness;
});

describe('Label', () => {
	it('Print creates the shipment: tracking numbers, carrier and one PDF per label named from the order number', async () => {
		await createOrders();
		const [out] = outputOf(
			await runNode(harness, {
				resource: 'label',
				operation: 'print',
				orderBy: 'orderNumber',
				orderNumber: 'L-1',
			}),
		);
		expect(out.json).toMatchObject({
			order_number: 'L-1',
			carrier_name: 'Plain Label',
			label_count: 2,
		});
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

	it('printing twice buys one label, although the sandbox (like nothing documented against it) accepts a second print', async () => {
		await createOrders();
		const print = {
			resource: 'label',
			operation: 'print',
			orderBy: 'orderNumber',
			orderNumber: 'L-1',
		};
		const [first] = outputOf(await runNode(harness, print));
		sandbox.server.clearLog();
		const [again] = outputOf(await runNode(harness, print));
		expect(again.json).toMatchObject({
			order_number: 'L-1',
			reprinted: true,
			tracking_numbers: first.json.tracking_numbers,
		});
		expect(again.json.outcome).toEqual({ status: 'reprinted', order_number: 'L-1' });
		expect(pdf(again, 'label').bytes.subarray(0, 5).toString()).toBe('%PDF-');
		expect(bought('L-1')).toBe(1);
		// One read of the order's state, one reprint: no second print.
		expect(sandbox.server.counts()).toEqual({
			'GET /api/orders': 1,
			'POST /api/orders/shipment': 1,
		});

		// An order printed in Starshipit's own screen is not printed again either.
		sandbox.printOrder('L-2');
		const [ui] = outputOf(await runNode(harness, { ...print, orderNumber: 'L-2' }));
		expect(ui.json.outcome).toMatchObject({ status: 'reprinted' });
		expect(bought('L-2')).toBe(1);

		const strict = await runNode(
			harness,
			{ ...print, printOptions: { ifPrinted: 'error' } },
			[{}],
			{ continueOnFail: true },
		);
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
			const [out] = outputOf(
				await runNode(harness, {
					resource: 'label',
					operation: 'print',
					orderBy: 'orderNumber',
					orderNumber: 'L-2',
				}),
			);
			expect(out.json.outcome).toMatchObject({ status: 'reprinted', order_number: 'L-2' });
		} finally {
			sandbox.state.full = original;
		}
		expect(bought('L-2')).toBe(1);
	});

	it('Print of an unknown order fails on that item only (Continue On Fail)', async () => {
		await createOrders();
		const out = outputOf(
			await runNode(
				harness,
				{
					resource: 'label',
					operation: 'print',
					orderBy: 'orderNumber',
					orderNumber: '={{ $json.n }}',
				},
				[{ n: 'NOPE' }, { n: 'L-2' }],
				{ continueOnFail: true },
			),
		);
		expect(outcomeOf(out[0])).toMatchObject({ order_number: 'NOPE' });
		expect(reasonOf(out[0])).toMatch(/Order not found/);
		expect(outcome(out[0].json)).toMatchObject({ status: 'failed', order_number: 'NOPE' });
		expect(out[1].json.order_number).toBe('L-2');
		expect(out[1].pairedItem).toEqual({ item: 1 });
	});
});

describe('a failure that hits the whole batch puts every item on the error output', () => {
	it('Print with a revoked key', async () => {
		await createOrders();
		const revoked = harnessFor(sandbox, { apiKey: 'revoked-key' });
		const { success, errors } = await runWithErrorOutput(
			revoked,
			{
				resource: 'label',
				operation: 'print',
				orderBy: 'orderNumber',
				orderNumber: '={{ $json.n }}',
			},
			[{ n: 'L-1' }, { n: 'L-2' }],
		);
		expect(success).toHaveLength(0);
		expect(errors.map((e) => outcome(e.json))).toEqual([
			expect.objectContaining({ status: 'failed', order_number: 'L-1' }),
			expect.objectContaining({ status: 'failed', order_number: 'L-2' }),
		]);
		expect(String(reasonOf(errors[0]))).toMatch(/API key/);
		expect(bought('L-1') + bought('L-2')).toBe(0);
	});
});
