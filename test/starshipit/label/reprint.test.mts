/**
 * Label > Reprint: the same labels and tracking numbers without buying new ones; a 429 that
 * outlasts the retry budget puts every item on the error output, a storm of short ones is ridden out.
 */
import { describe, expect, it } from 'vitest';
import type { Harness } from '../../harness/index.mts';
import type { StarshipitSandbox } from '../../sandbox/starshipit/index.mts';
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
	it('Reprint returns the same labels and tracking numbers without printing again', async () => {
		await createOrders();
		const [printed] = outputOf(
			await runNode(harness, {
				resource: 'label',
				operation: 'print',
				orderBy: 'orderNumber',
				orderNumber: 'L-2',
			}),
		);
		const [again] = outputOf(
			await runNode(harness, {
				resource: 'label',
				operation: 'reprint',
				orderBy: 'orderNumber',
				orderNumber: 'L-2',
				binaryPropertyName: 'pdf',
			}),
		);
		expect(again.json.tracking_numbers).toEqual(printed.json.tracking_numbers);
		expect(again.json.outcome).toEqual({ status: 'reprinted', order_number: 'L-2' });
		expect(bought('L-2')).toBe(1);
		expect(pdf(again, 'pdf').bytes.subarray(0, 4).toString('latin1')).toBe('%PDF');
	});
});

describe('a failure that hits the whole batch puts every item on the error output', () => {
	it('Reprint with a 429 that outlasts the retry budget', async () => {
		await createOrders();
		sandbox.printOrder('L-1');
		sandbox.printOrder('L-2');
		// A 429 is retried for the whole time budget (issue 25), so this one asks to come back after it.
		sandbox.server.injectFaults(
			'POST /api/orders/shipment',
			Array.from({ length: 2 }, () => ({
				kind: 'status' as const,
				status: 429,
				headers: { 'Retry-After': '600' },
				body: { statusCode: 429, message: 'Rate limit is exceeded. Try again in 600 seconds.' },
			})),
		);
		const { success, errors } = await runWithErrorOutput(
			harness,
			{
				resource: 'label',
				operation: 'reprint',
				orderBy: 'orderNumber',
				orderNumber: '={{ $json.n }}',
			},
			[{ n: 'L-1' }, { n: 'L-2' }],
		);
		expect(success).toHaveLength(0);
		expect(errors.map((e) => outcome(e.json).order_number)).toEqual(['L-1', 'L-2']);
		expect(String(reasonOf(errors[0]))).toMatch(/Rate limit.*\[429\]/);
	});

	it('Reprint rides out a storm of 429s (two executions sharing the limit): retried for the time budget, not 8 attempts', async () => {
		await createOrders();
		sandbox.printOrder('L-1');
		sandbox.server.injectFaults(
			'POST /api/orders/shipment',
			Array.from({ length: 12 }, () => ({
				kind: 'status' as const,
				status: 429,
				headers: { 'Retry-After': '0' },
				body: { statusCode: 429, message: 'Rate limit is exceeded. Try again in 0 seconds.' },
			})),
		);
		const [out] = outputOf(
			await runNode(harness, {
				resource: 'label',
				operation: 'reprint',
				orderBy: 'orderNumber',
				orderNumber: 'L-1',
			}),
		);
		expect(out.json.outcome).toMatchObject({ status: 'reprinted', order_number: 'L-1' });
		expect(sandbox.server.log.filter((e) => e.status === 429)).toHaveLength(12);
	});
});
