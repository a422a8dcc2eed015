/**
 * Order > Create Many: imports in batches, each result paired with their items, the existence check
 * (Skip Existing), per-item input errors with and without Continue On Fail, per-item expressions,
 * partial success; and application errors sent as HTTP 200 (appErrorsAs200), which reach a single
 * Get as an error and an import as per-order errors.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { Harness } from '../../harness/index.mts';
import type { StarshipitSandbox } from '../../sandbox/starshipit/index.mts';
import {
	API_KEY,
	outputOf,
	runNode,
	saleOrder,
	storedOrderNumbers,
	uiCreateParameters,
	uiOrderItem,
	useSandbox,
} from '../fixtures.mts';
import { outcomeOf, reasonOf } from '../../harness/outcome.mts';
import { createManyFromSaleOrders, numbers } from './fixtures.mts';

let sandbox: StarshipitSandbox;
let harness: Harness;

useSandbox((started, startedHarness) => {
	sandbox = started;
	harness = startedHarness;
});

describe('Order > Create Many', () => {
	it('creates 120 orders in exactly 3 import calls and pairs each result with its item', async () => {
		const refs = numbers('SO', 120);
		const run = await runNode(
			harness,
			createManyFromSaleOrders(),
			refs.map((r) => saleOrder(r)),
		);
		const out = outputOf(run);
		expect(sandbox.server.count('POST /api/orders/import')).toBe(3);
		expect(out).toHaveLength(120);
		out.forEach((item, i) => {
			expect(item.pairedItem).toEqual({ item: i });
			expect(item.json).toMatchObject({ order_number: refs[i], already_existed: false });
		});
		expect(new Set(storedOrderNumbers(sandbox)).size).toBe(120);
		// The existence check for the whole run: one listing of each tab before the first import, a
		// look for other runs' copies before the second batch (issue 25; spaced out while it finds
		// none, so not before the third), one listing of what was just created after the last.
		expect(sandbox.server.count('GET /api/orders/unshipped')).toBe(3);
		expect(sandbox.server.count('GET /api/orders/shipments')).toBe(2);
		expect(sandbox.server.count('GET /api/orders/shipped')).toBe(1);
		expect(out[0].json.outcome).toEqual({
			status: 'created',
			order_number: refs[0],
			sale_order_reference: refs[0],
		});
		expect(Object.keys(out[0].json)[0]).toBe('outcome');
	});

	it('a second run with Skip Existing creates nothing and costs listings, not a call per order', async () => {
		const refs = numbers('SO', 120);
		await runNode(
			harness,
			createManyFromSaleOrders(),
			refs.map((r) => saleOrder(r)),
		);
		sandbox.server.clearLog();
		const out = outputOf(
			await runNode(
				harness,
				createManyFromSaleOrders(),
				refs.map((r) => saleOrder(r)),
			),
		);
		expect(out.every((o) => o.json.already_existed === true)).toBe(true);
		expect(sandbox.server.count('POST /api/orders/import')).toBe(0);
		expect(sandbox.server.count('GET /api/orders')).toBe(0);
		expect(sandbox.server.log.length).toBeLessThanOrEqual(4);
		expect(storedOrderNumbers(sandbox)).toHaveLength(120);
	});

	it('an order unshipped for 200 days is found: looked up in a small run, listed since the earliest sale order date in a larger one', async () => {
		const created = new Date(Date.now() - 200 * 86400_000).toISOString();
		const old = (ref: string) => ({
			...saleOrder(ref),
			timestamps: { created: { time: created } },
		});
		await runNode(harness, createManyFromSaleOrders({ skipExisting: false }), [old('SO-7')]);
		const stored = [...sandbox.state.accountByKey(API_KEY).orders.values()][0];
		stored.order.last_updated = stored.order.order_date; // untouched since
		sandbox.server.clearLog();
		const out = outputOf(
			await runNode(harness, createManyFromSaleOrders(), [old('SO-7'), saleOrder('SO-8')]),
		);
		expect(out[0].json).toMatchObject({
			outcome: { status: 'skipped_existing' },
			order_number: 'SO-7',
			already_existed: true,
		});
		expect(out[1].json).toMatchObject({
			outcome: { status: 'created' },
			order_number: 'SO-8',
			already_existed: false,
		});
		expect(storedOrderNumbers(sandbox).sort()).toEqual(['SO-7', 'SO-8']);
		expect(sandbox.server.count('GET /api/orders')).toBe(2); // one look-up per order, no listing before the import
		expect(sandbox.server.count('GET /api/orders/shipped')).toBe(0);

		sandbox.server.clearLog();
		const more = outputOf(
			await runNode(harness, createManyFromSaleOrders(), [
				old('SO-7'),
				...numbers('SO-X', 4).map((r) => saleOrder(r)),
			]),
		);
		expect(more[0].json).toMatchObject({
			outcome: { status: 'skipped_existing' },
			order_number: 'SO-7',
		});
		expect(sandbox.server.count('GET /api/orders')).toBe(0);
		expect(storedOrderNumbers(sandbox).filter((n) => n === 'SO-7')).toHaveLength(1);
	});

	it('strict account: an order the listing cannot see is resolved from the duplicate error', async () => {
		sandbox.configure({ strictDuplicates: true });
		await runNode(harness, createManyFromSaleOrders({ skipExisting: false }), [saleOrder('SO-7')]);
		// An order updated before its sale order was created cannot happen; forced here to reach the fallback.
		const stored = [...sandbox.state.accountByKey(API_KEY).orders.values()][0];
		stored.order.last_updated = '2020-01-01T00:00:00.000Z';
		const out = outputOf(
			await runNode(harness, createManyFromSaleOrders(), [saleOrder('SO-7'), saleOrder('SO-8')]),
		);
		expect(out[0].json).toMatchObject({ order_number: 'SO-7', already_existed: true });
		expect(out[1].json).toMatchObject({ order_number: 'SO-8', already_existed: false });
		expect(storedOrderNumbers(sandbox).sort()).toEqual(['SO-7', 'SO-8']);
	});

	it('bad input fails per item (naming order and field) while the other items are created', async () => {
		const input = [
			saleOrder('SO-1'),
			saleOrder('SO-2', { address: { postcode: '12345678901' } }),
			saleOrder('SO-3', { address: { address1: null } }),
			saleOrder('SO-4', { address: { country: { iso2Code: 'XX' } } }),
			saleOrder('X'.repeat(51)),
			saleOrder('SO-6'),
		];
		const out = outputOf(
			await runNode(harness, createManyFromSaleOrders(), input, { continueOnFail: true }),
		);
		expect(out).toHaveLength(6);
		expect(out.map((o) => o.pairedItem)).toEqual([0, 1, 2, 3, 4, 5].map((item) => ({ item })));
		expect(out[0].json).toMatchObject({ order_number: 'SO-1', already_existed: false });
		expect(reasonOf(out[1])).toMatch(/SO-2.*details\.deliver\.address\.postcode.*at most 10/);
		expect(outcomeOf(out[1])).toMatchObject({ order_number: 'SO-2' });
		expect(reasonOf(out[2])).toMatch(/SO-3.*details\.deliver\.address\.address1.*required/);
		expect(reasonOf(out[3])).toMatch(
			/SO-4.*details\.deliver\.address\.country.*unknown country "XX"/,
		);
		expect(reasonOf(out[4])).toMatch(/references\.customer.*at most 50/);
		expect(out[5].json).toMatchObject({ order_number: 'SO-6', already_existed: false });
		expect(storedOrderNumbers(sandbox).sort()).toEqual(['SO-1', 'SO-6']);
		expect(sandbox.server.count('POST /api/orders/import')).toBe(1);
	});

	it('without Continue On Fail, bad input stops the node with an error naming order and field', async () => {
		const run = await runNode(harness, createManyFromSaleOrders(), [
			saleOrder('SO-1'),
			saleOrder('SO-2', { address: { postcode: '12345678901' } }),
		]);
		expect(run.nodes.Starshipit.error?.message).toMatch(
			/Sale order "SO-2": details\.deliver\.address\.postcode/,
		);
		expect(sandbox.server.count('POST /api/orders/import')).toBe(0);
	});

	it('without Continue On Fail, a bad order late in the input stops the node before any batch is sent', async () => {
		const input = numbers('SO', 120).map((r) => saleOrder(r));
		input[110] = saleOrder('SO-0111', { address: { postcode: '12345678901' } });
		const run = await runNode(harness, createManyFromSaleOrders(), input);
		expect(run.nodes.Starshipit.error?.message).toMatch(
			/Sale order "SO-0111": details\.deliver\.address\.postcode/,
		);
		expect(sandbox.server.count('POST /api/orders/import')).toBe(0);
		expect(storedOrderNumbers(sandbox)).toEqual([]);
	});

	it('with Continue On Fail, orders are built while earlier batches are sent: bad ones in any batch fail alone', async () => {
		const refs = numbers('SO', 130);
		const bad = new Set([9, 60, 129]);
		const input = refs.map((r, i) =>
			bad.has(i) ? saleOrder(r, { address: { address1: null } }) : saleOrder(r),
		);
		const out = outputOf(
			await runNode(harness, createManyFromSaleOrders(), input, { continueOnFail: true }),
		);
		expect(out.map((o) => o.pairedItem)).toEqual(refs.map((_, item) => ({ item })));
		out.forEach((o, i) => {
			if (bad.has(i))
				expect(reasonOf(o)).toMatch(
					new RegExp(`${refs[i]}.*details\\.deliver\\.address\\.address1.*required`),
				);
			else expect(o.json).toMatchObject({ outcome: { status: 'created' }, order_number: refs[i] });
		});
		expect(sandbox.server.count('POST /api/orders/import')).toBe(3);
		expect(storedOrderNumbers(sandbox).sort()).toEqual(refs.filter((_, i) => !bad.has(i)));
	});

	it.each([
		['version 1: Order Fields', 1, { orderFields: { carrier: '={{ $json.carrierCode }}' } }],
		[
			'version 2: an Order Fields override',
			2,
			{ overrides: { mappingMode: 'defineBelow', value: { carrier: '={{ $json.carrierCode }}' } } },
		],
	])(
		'%s and Options given as expressions are read per item',
		async (_name, typeVersion, fields) => {
			const input = [
				{ ...saleOrder('SO-1'), carrierCode: 'AusPost', numberFrom: 'customerReference' },
				{ ...saleOrder('SO-2'), carrierCode: 'DHL', numberFrom: 'numericId' },
			];
			const parameters = createManyFromSaleOrders({
				...fields,
				options: { orderNumberSource: '={{ $json.numberFrom }}' },
			});
			const out = outputOf(await runNode(harness, parameters, input, { typeVersion }));
			expect(out.map((o) => o.json.order_number)).toEqual(['SO-1', '2']);
			const stored = new Map(
				[...sandbox.state.accountByKey(API_KEY).orders.values()].map((s) => [
					s.order.order_number,
					s.order,
				]),
			);
			expect(stored.get('SO-1')).toMatchObject({ carrier: 'AusPost' });
			expect(stored.get('2')).toMatchObject({ carrier: 'DHL' });
		},
	);

	it('per-order refusals inside an import (partial success) land on their own items', async () => {
		sandbox.configure({ strictDuplicates: true });
		await runNode(harness, createManyFromSaleOrders({ skipExisting: false }), [saleOrder('SO-1')]);
		const out = outputOf(
			await runNode(
				harness,
				createManyFromSaleOrders({ skipExisting: false }),
				[saleOrder('SO-1'), saleOrder('SO-2'), saleOrder('SO-3')],
				{ continueOnFail: true },
			),
		);
		expect(reasonOf(out[0])).toMatch(/SO-1.*already exists/);
		expect(out[1].json).toMatchObject({ order_number: 'SO-2', already_existed: false });
		expect(out[2].json).toMatchObject({ order_number: 'SO-3', already_existed: false });
	});

	it('Define Below mode with Create Many; order number twice in the input is created once', async () => {
		const out = outputOf(
			await runNode(harness, uiCreateParameters('createMany'), [
				uiOrderItem('A-1'),
				uiOrderItem('A-2'),
				uiOrderItem('A-1'),
			]),
		);
		expect(out[0].json).toMatchObject({ order_number: 'A-1', already_existed: false });
		expect(out[2].json).toMatchObject({
			order_number: 'A-1',
			already_existed: true,
			duplicate_of_item: 0,
		});
		expect(storedOrderNumbers(sandbox).sort()).toEqual(['A-1', 'A-2']);
	});
});

describe('application errors sent as HTTP 200 + success:false (appErrorsAs200)', () => {
	beforeEach(() => sandbox.configure({ appErrorsAs200: true }));

	it('are errors for single calls and per-order errors for imports', async () => {
		sandbox.configure({ strictDuplicates: true });
		const get = outputOf(
			await runNode(
				harness,
				{ resource: 'order', operation: 'get', orderBy: 'orderNumber', orderNumber: 'NOPE' },
				[{}],
				{ continueOnFail: true },
			),
		);
		expect(reasonOf(get[0])).toMatch(/Order not found/);

		await runNode(harness, createManyFromSaleOrders({ skipExisting: false }), [saleOrder('D-1')]);
		const out = outputOf(
			await runNode(
				harness,
				createManyFromSaleOrders({ skipExisting: false }),
				[saleOrder('D-1'), saleOrder('D-2')],
				{ continueOnFail: true },
			),
		);
		expect(reasonOf(out[0])).toMatch(/D-1.*already exists/);
		expect(out[1].json).toMatchObject({ order_number: 'D-2', already_existed: false });

		// All-or-nothing: nothing created, every order gets its own error.
		const none = outputOf(
			await runNode(
				harness,
				createManyFromSaleOrders({ skipExisting: false }),
				[saleOrder('D-1'), saleOrder('D-2')],
				{ continueOnFail: true },
			),
		);
		expect(reasonOf(none[0])).toMatch(/D-1/);
		expect(reasonOf(none[1])).toMatch(/D-2/);

		// And Skip Existing resolves them without creating anything.
		const skipped = outputOf(
			await runNode(harness, createManyFromSaleOrders(), [saleOrder('D-1'), saleOrder('D-2')]),
		);
		expect(skipped.every((o) => o.json.already_existed === true)).toBe(true);
		expect(storedOrderNumbers(sandbox).sort()).toEqual(['D-1', 'D-2']);
	});
});
