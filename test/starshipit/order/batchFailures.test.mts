/**
 * A failure that hits every item (revoked key, 429 until retries run out, 5xx on the listing) sends
 * EVERY input item down the error output with its reason, never down the success branch; and a
 * create whose check afterwards failed says its state is unknown. One block per operation family.
 */
import { describe, expect, it } from 'vitest';
import type { IDataObject } from 'n8n-workflow';
import type { StarshipitSandbox } from '../../sandbox/starshipit/index.mts';
import {
	harnessFor,
	runWithErrorOutput,
	saleOrder,
	storedOrderNumbers,
	uiOrderItem,
	useSandbox,
} from '../fixtures.mts';
import { outcomeOf, reasonOf } from '../../harness/outcome.mts';

let sandbox: StarshipitSandbox;
useSandbox((started) => (sandbox = started));

/** The Starshipit node with "On Error: Continue (using error output)": what went down each output. */
async function run(parameters: IDataObject, items: IDataObject[], credential: IDataObject = {}) {
	const { status, success, errors } = await runWithErrorOutput(
		harnessFor(sandbox, credential),
		parameters,
		items,
	);
	return { status, succeeded: success, failed: errors };
}

const createMany = (extra: IDataObject = {}) => ({
	resource: 'order',
	operation: 'createMany',
	inputMode: 'saleOrder',
	saleOrder: '={{ $json }}',
	skipExisting: true,
	...extra,
});
const sales = (n: number) => Array.from({ length: n }, (_, i) => saleOrder(`BW-${i + 1}`));
/**
 * A failure the node gives up on: Starshipit retries reads and 429s for the whole time budget
 * (issue 25), so the server asks it to come back after the budget (Retry-After 600 s).
 */
const exhausted = (status: number) => [
	{
		kind: 'status' as const,
		status,
		headers: { 'Retry-After': '600' },
		body: { statusCode: status, message: `injected ${status}` },
	},
];
const reasons = (items: Array<{ json: IDataObject }>) => items.map((i) => String(reasonOf(i)));

describe('Create Many / Create (order push)', () => {
	it('revoked API key (403): every item on the error output with the reason, nothing created', async () => {
		const { succeeded, failed } = await run(createMany(), sales(7), { apiKey: 'revoked-key' });
		expect(succeeded).toEqual([]);
		expect(failed).toHaveLength(7);
		expect(reasons(failed).every((r) => /rejected the API key/.test(r))).toBe(true);
		// n8n's error output hands on the input item with `error` and `details` added.
		expect(failed.map((i) => (i.json.references as IDataObject).customer)).toEqual(
			sales(7).map((s) => (s.references as IDataObject).customer),
		);
		expect(outcomeOf(failed[0])).toMatchObject({
			status: 'failed',
			order_number: 'BW-1',
			sale_order_reference: 'BW-1',
		});
	});

	it('429 until retries run out on the listing: every item on the error output', async () => {
		sandbox.server.injectFaults('GET /api/orders/unshipped', exhausted(429));
		const { succeeded, failed } = await run(createMany(), sales(5));
		expect(succeeded).toEqual([]);
		expect(failed).toHaveLength(5);
		expect(reasons(failed).every((r) => /BW-\d.*not created.*could not check.*429/.test(r))).toBe(
			true,
		);
		expect(storedOrderNumbers(sandbox)).toEqual([]);
	});

	it('5xx on the listing: every item on the error output', async () => {
		sandbox.server.injectFaults('GET /api/orders/unshipped', exhausted(503));
		const { succeeded, failed } = await run(createMany(), sales(5));
		expect(succeeded).toEqual([]);
		expect(failed).toHaveLength(5);
		expect(reasons(failed).every((r) => /could not check.*503/.test(r))).toBe(true);
	});

	it('revoked key on the import itself (Skip Existing off): every item failed, one import tried, not one per batch', async () => {
		const { succeeded, failed } = await run(createMany({ skipExisting: false }), sales(120), {
			apiKey: 'revoked-key',
		});
		expect(succeeded).toEqual([]);
		expect(failed).toHaveLength(120);
		expect(sandbox.server.count('POST /api/orders/import')).toBe(1);
	});

	it('single Create with a revoked key: every item on the error output', async () => {
		const { succeeded, failed } = await run(
			{
				resource: 'order',
				operation: 'create',
				inputMode: 'fields',
				orderNumber: '={{ $json.order_number }}',
				destination: {
					address: { name: 'A', street: 'B', suburb: 'C', post_code: '2000', country: 'AU' },
				},
				items: { item: [{ description: 'W', sku: 'S', quantity: 1, weight: 1, value: 1 }] },
			},
			[uiOrderItem('ONE-1'), uiOrderItem('ONE-2')],
			{ apiKey: 'revoked-key' },
		);
		expect(succeeded).toEqual([]);
		expect(failed).toHaveLength(2);
	});

	it('a create whose reconcile listing fails reports unknown, not "not created"', async () => {
		sandbox.server.injectFaults('POST /api/orders/import', [{ kind: 'status', status: 502 }]);
		sandbox.server.injectFaults('GET /api/orders/unshipped', exhausted(503));
		const { succeeded, failed } = await run(createMany({ skipExisting: false }), sales(3));
		expect(succeeded).toEqual([]);
		expect(failed).toHaveLength(3);
		expect(failed.map((i) => outcomeOf(i)!.status)).toEqual(['unknown', 'unknown', 'unknown']);
		expect(reasons(failed).every((r) => /may or may not have been created/.test(r))).toBe(true);
	});
});

describe('Get, Get Many, Update, Delete, Archive (order look-ups and changes)', () => {
	const cases: Array<[string, IDataObject]> = [
		[
			'get',
			{
				resource: 'order',
				operation: 'get',
				orderBy: 'orderNumber',
				orderNumber: '={{ $json.n }}',
			},
		],
		['getMany', { resource: 'order', operation: 'getMany', returnAll: true }],
		[
			'update',
			{
				resource: 'order',
				operation: 'update',
				orderId: '={{ $json.id }}',
				updateFields: { reference: 'x' },
			},
		],
		['delete', { resource: 'order', operation: 'delete', orderId: '={{ $json.id }}' }],
		['archive', { resource: 'order', operation: 'archive', orderId: '={{ $json.id }}' }],
	];
	for (const [operation, parameters] of cases) {
		it(`${operation}: a revoked key puts every item on the error output`, async () => {
			const { succeeded, failed } = await run(
				parameters,
				[
					{ n: 'A-1', id: 100001 },
					{ n: 'A-2', id: 100002 },
				],
				{ apiKey: 'revoked-key' },
			);
			expect(succeeded).toEqual([]);
			expect(failed).toHaveLength(2);
			expect(reasons(failed).every((r) => /rejected the API key/.test(r))).toBe(true);
		});
	}
});
