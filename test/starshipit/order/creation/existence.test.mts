/**
 * The existence check in the hard sandbox (repeated order numbers accepted, printed orders in their
 * own tab): orders of any tab are found, clashing references are kept apart, late-applied imports
 * and surplus copies do not survive, labelled copies are never deleted, and a re-run costs listing
 * pages only.
 */
import { describe, expect, it } from 'vitest';
import type { IDataObject } from 'n8n-workflow';
import type { Harness } from '../../../harness/index.mts';
import type { StarshipitSandbox } from '../../../sandbox/starshipit/index.mts';
import { printOrder, setTracking } from '../../../sandbox/starshipit/lifecycle.mts';
import {
	API_KEY,
	outputOf,
	runNode,
	saleOrder,
	storedOrderNumbers,
	useSandbox,
} from '../../fixtures.mts';
import { outcomeOf, reasonOf } from '../../../harness/outcome.mts';

let sandbox: StarshipitSandbox;
let harness: Harness;
useSandbox((started, startedHarness) => {
	sandbox = started;
	harness = startedHarness;
});

const createMany = (options: IDataObject = {}, extra: IDataObject = {}) => ({
	resource: 'order',
	operation: 'createMany',
	inputMode: 'saleOrder',
	saleOrder: '={{ $json }}',
	skipExisting: true,
	options,
	...extra,
});
const refs = (prefix: string, count: number) =>
	Array.from({ length: count }, (_, i) => `${prefix}-${i + 1}`);
const copiesOf = (number: string) => storedOrderNumbers(sandbox).filter((n) => n === number).length;
const customer = (ref: string, id: string, name: string, code: string) => ({
	...saleOrder(ref),
	id: `uuid-${code}-${ref}`,
	customer: { id, name, enabled: true, references: { code } },
});

describe('orders of every tab are found', () => {
	it('printed-but-not-shipped and shipped orders are skipped, not created again', async () => {
		await runNode(
			harness,
			createMany(),
			refs('T', 3).map((r) => saleOrder(r)),
		);
		sandbox.printOrder('T-2');
		sandbox.printOrder('T-3');
		setTracking(
			sandbox.state,
			sandbox.state.require(sandbox.state.accountByKey(API_KEY), { order_number: 'T-3' }),
			'Dispatched',
		);
		sandbox.server.clearLog();
		const out = outputOf(
			await runNode(
				harness,
				createMany(),
				refs('T', 3).map((r) => saleOrder(r)),
			),
		);
		expect(out.map((o) => (o.json.outcome as IDataObject).status)).toEqual([
			'skipped_existing',
			'skipped_existing',
			'skipped_existing',
		]);
		expect(out[1].json).toMatchObject({ tab: 'printed', has_labels: true });
		expect(out[2].json).toMatchObject({ tab: 'shipped', has_labels: true });
		expect(storedOrderNumbers(sandbox).sort()).toEqual(refs('T', 3));
		expect(sandbox.server.count('POST /api/orders/import')).toBe(0);
	});

	it('a re-run with nothing new costs the unshipped and printed pages only, no call per order', async () => {
		const numbers = refs('R', 300);
		await runNode(
			harness,
			createMany(),
			numbers.map((r) => saleOrder(r)),
		);
		sandbox.server.clearLog();
		const out = outputOf(
			await runNode(
				harness,
				createMany(),
				numbers.map((r) => saleOrder(r)),
			),
		);
		expect(out.every((o) => (o.json.outcome as IDataObject).status === 'skipped_existing')).toBe(
			true,
		);
		// ceil(300 / 250) = 2 unshipped pages (total_pages says so), 1 printed page; all found, so no shipped page.
		expect(sandbox.server.count('GET /api/orders/unshipped')).toBe(2);
		expect(sandbox.server.count('GET /api/orders/shipments')).toBe(1);
		expect(sandbox.server.log).toHaveLength(3);
	});
});

describe('clashing references (two customers, one reference)', () => {
	const acme = (ref: string) => customer(ref, 'cust-1', 'Acme Homewares Pty Ltd', 'ACME');
	const bolt = (ref: string) => customer(ref, 'cust-2', 'Bolt Hardware', 'BOLT');
	/** Bolt's sale order with its own consignee, as two customers' orders with one reference have. */
	const boltTo = (ref: string) => ({
		...bolt(ref),
		details: saleOrder(ref, {
			address: {
				contactName: 'Sam Smith',
				companyName: 'Smith Tools',
				address1: '9 Pitt St',
				postcode: '2001',
			},
		}).details,
	});

	it('in one run: one is created, the other fails naming both', async () => {
		const out = outputOf(
			await runNode(harness, createMany(), [acme('PO-77'), bolt('PO-77')], {
				continueOnFail: true,
			}),
		);
		expect(out[0].json).toMatchObject({ outcome: { status: 'created', order_number: 'PO-77' } });
		expect(reasonOf(out[1])).toMatch(
			/"PO-77" of sale order "PO-77" of Bolt Hardware.*sale order "PO-77" of Acme Homewares/,
		);
		expect(outcomeOf(out[1])).toMatchObject({ status: 'failed', order_number: 'PO-77' });
		expect(copiesOf('PO-77')).toBe(1);
	});

	it('across runs: the order already in Starshipit ships to another consignee, so this one fails naming both', async () => {
		await runNode(harness, createMany(), [acme('PO-78')]);
		const out = outputOf(
			await runNode(harness, createMany(), [boltTo('PO-78')], { continueOnFail: true }),
		);
		expect(reasonOf(out[0])).toMatch(
			/"PO-78".*already used in Starshipit by order \d+ \(reference "Acme Homewares Pty Ltd", for Jane Citizen\).*reference "Bolt Hardware"/,
		);
		expect(copiesOf('PO-78')).toBe(1);
	});

	it('across runs, in a listing: a copy whose reference is another customer of the run is a clash, whatever its consignee', async () => {
		await runNode(harness, createMany(), [acme('PO-80')]);
		const others = refs('PO-8X', 4).map((r) => acme(r));
		const out = outputOf(
			await runNode(harness, createMany(), [...others, bolt('PO-80')], { continueOnFail: true }),
		);
		expect(outcomeOf(out[4])).toMatchObject({ status: 'failed', order_number: 'PO-80' });
		expect(copiesOf('PO-80')).toBe(1);
	});

	it('the customer-code scheme cannot clash: both are created', async () => {
		const out = outputOf(
			await runNode(harness, createMany({ orderNumberSource: 'customerCodeAndReference' }), [
				acme('PO-79'),
				bolt('PO-79'),
			]),
		);
		expect(out.map((o) => o.json.order_number)).toEqual(['ACME-PO-79', 'BOLT-PO-79']);
		expect(out.every((o) => (o.json.outcome as IDataObject).status === 'created')).toBe(true);
	});
});

describe('orders made elsewhere (issue 21)', () => {
	it('an order another connector or a person made, with its own reference, is the same order: skipped, said so', async () => {
		await runNode(harness, createMany(), [saleOrder('MIG-1')]);
		const stored = sandbox.state.findByNumber(sandbox.state.accountByKey(API_KEY), 'MIG-1')!;
		stored.order.reference = 'CC connector 88412';
		stored.order.destination.name = 'JANE CITIZEN'; // keyed in by hand
		const out = outputOf(
			await runNode(harness, createMany(), [saleOrder('MIG-1')], { continueOnFail: true }),
		);
		expect(out[0].json).toMatchObject({
			outcome: { status: 'skipped_existing', order_number: 'MIG-1' },
			already_existed: true,
			reference: 'CC connector 88412',
		});
		expect((out[0].json.outcome as IDataObject).warning).toMatch(
			/made elsewhere with reference "CC connector 88412"/,
		);
		expect(copiesOf('MIG-1')).toBe(1);
	});

	it('the same in a run that lists (more than three orders), including a copy addressed to the company', async () => {
		await runNode(
			harness,
			createMany(),
			refs('MIG-L', 5).map((r) => saleOrder(r)),
		);
		for (const [n, name] of [
			['MIG-L-1', 'Citizen Enterprises'],
			['MIG-L-2', 'Jane Citizen'],
		]) {
			const stored = sandbox.state.findByNumber(sandbox.state.accountByKey(API_KEY), n)!;
			stored.order.reference = 'Hand keyed';
			stored.order.destination.name = name;
		}
		const out = outputOf(
			await runNode(
				harness,
				createMany(),
				refs('MIG-L', 5).map((r) => saleOrder(r)),
				{ continueOnFail: true },
			),
		);
		expect(out.map((o) => (o.json.outcome as IDataObject).status)).toEqual(
			Array(5).fill('skipped_existing'),
		);
		expect(storedOrderNumbers(sandbox)).toHaveLength(5);
	});

	it('an archived order, in no listing, is found by its look-up and not created again', async () => {
		const date = new Date(Date.now() - 90 * 86400_000).toISOString();
		sandbox.plantOrder({
			order_number: 'ARC-1',
			order_date: date,
			last_updated: date,
			status: 'Shipped',
			archived: true,
			reference: 'Acme Homewares Pty Ltd',
		});
		const out = outputOf(
			await runNode(harness, createMany(), [
				{ ...saleOrder('ARC-1'), timestamps: { created: { time: date } } },
			]),
		);
		expect(out[0].json).toMatchObject({
			outcome: { status: 'skipped_existing' },
			archived: true,
			tab: 'shipped',
		});
		expect(copiesOf('ARC-1')).toBe(1);
	});
});

describe('copies do not survive', () => {
	it('an import applied late after a timeout: the run removes the late copies and reports each order once', async () => {
		const numbers = refs('LATE', 20);
		sandbox.applyImportsLate(1, 2); // the 504'd import lands while the run lists what it created
		const out = outputOf(
			await runNode(
				harness,
				createMany(),
				numbers.map((r) => saleOrder(r)),
				{ continueOnFail: true },
			),
		);
		expect(sandbox.pendingLateImports).toBe(0);
		expect(out.map((o) => o.json.order_number)).toEqual(numbers);
		expect(
			out.every((o) =>
				['created', 'skipped_existing'].includes((o.json.outcome as IDataObject).status as string),
			),
		).toBe(true);
		for (const n of numbers) expect(copiesOf(n)).toBe(1);
	});

	it('a late copy that lands after the run is removed by the next run, which lists pages only', async () => {
		const numbers = refs('LATER', 10);
		sandbox.applyImportsLate(1, 4); // lands after the run has ended
		await runNode(
			harness,
			createMany(),
			numbers.map((r) => saleOrder(r)),
			{ continueOnFail: true },
		);
		for (let k = 0; k < 4 && sandbox.pendingLateImports; k++) sandbox.state.tickLateImports();
		expect(storedOrderNumbers(sandbox)).toHaveLength(20);
		sandbox.server.clearLog();
		const out = outputOf(
			await runNode(
				harness,
				createMany(),
				numbers.map((r) => saleOrder(r)),
			),
		);
		expect(out.every((o) => (o.json.outcome as IDataObject).status === 'skipped_existing')).toBe(
			true,
		);
		expect(out[0].json.removed_copies).toHaveLength(1);
		for (const n of numbers) expect(copiesOf(n)).toBe(1);
		expect(sandbox.server.count('POST /api/orders/import')).toBe(0);
		expect(sandbox.server.count('DELETE /api/orders/delete')).toBe(10);
	});

	it('a copy with labels is kept and never deleted, even when it is the later one', async () => {
		await runNode(harness, createMany({}, { skipExisting: false }), [saleOrder('LBL-1')]);
		await runNode(harness, createMany({}, { skipExisting: false }), [saleOrder('LBL-1')]);
		const [first, second] = [...sandbox.state.accountByKey(API_KEY).orders.values()].map(
			(s) => s.order.order_id,
		);
		printOrder(sandbox.state, sandbox.state.accountByKey(API_KEY).orders.get(second)!);
		// A run of more than three orders lists the tabs, which show every copy (a look-up shows one).
		const others = refs('LBL-X', 3).map((r) => saleOrder(r));
		const out = outputOf(await runNode(harness, createMany(), [saleOrder('LBL-1'), ...others]));
		expect(out[0].json).toMatchObject({
			outcome: { status: 'skipped_existing' },
			order_id: second,
			removed_copies: [first],
		});
		expect(copiesOf('LBL-1')).toBe(1);
		expect(sandbox.state.accountByKey(API_KEY).orders.has(second)).toBe(true);
	});
});
