/** Rate limits, server errors and dropped connections: recovered without duplicate orders. */
import { describe, expect, it } from 'vitest';
import type { Harness } from '../../../harness/index.mts';
import type { StarshipitSandbox } from '../../../sandbox/starshipit/index.mts';
import {
	API_KEY,
	harnessFor,
	outputOf,
	runNode,
	saleOrder,
	storedOrderNumbers,
	uiCreateParameters,
	uiOrderItem,
	useSandbox,
} from '../../fixtures.mts';
import { reasonOf } from '../../../harness/outcome.mts';

let sandbox: StarshipitSandbox;
let harness: Harness;

useSandbox(
	(started, startedHarness) => {
		sandbox = started;
		harness = startedHarness;
	},
	{ credential: { apiKey: API_KEY } },
);

const createMany = (extra = {}) => ({
	resource: 'order',
	operation: 'createMany',
	inputMode: 'saleOrder',
	saleOrder: '={{ $json }}',
	...extra,
});
const refs = (prefix: string, count: number) =>
	Array.from({ length: count }, (_, i) => `${prefix}-${i + 1}`);
/** Distinctive values to search every error for: the node must never echo a credential. */
const PROBE_A = ['leak', 'probe', 'account', '123'].join('-');
const PROBE_B = ['leak', 'probe', 'tier', '456'].join('-');
const status = (code: number) => sandbox.server.log.filter((e) => e.status === code).length;

describe('429 storm (developer tier: 2 requests/s)', () => {
	it(
		'creates every order once when most calls are refused with 429',
		{ timeout: 60_000 },
		async () => {
			sandbox.configure({ ratePerSecond: 2, burst: 2 });
			const numbers = refs('RL', 8);
			const out = outputOf(
				await runNode(
					harness,
					uiCreateParameters('create'),
					numbers.map((n) => uiOrderItem(n)),
				),
			);
			expect(status(429)).toBeGreaterThan(0);
			expect(out.map((o) => o.json.order_number)).toEqual(numbers);
			expect(out.every((o) => reasonOf(o) === undefined && o.json.already_existed === false)).toBe(
				true,
			);
			const stored = storedOrderNumbers(sandbox);
			expect(stored.sort()).toEqual([...numbers].sort());
		},
	);

	it(
		'imports 120 orders in 3 import calls at 2 requests/s, no duplicates',
		{ timeout: 60_000 },
		async () => {
			sandbox.configure({ ratePerSecond: 2, burst: 1 });
			const numbers = refs('RLB', 120);
			const out = outputOf(
				await runNode(
					harness,
					createMany(),
					numbers.map((n) => saleOrder(n)),
				),
			);
			expect(status(429)).toBeGreaterThan(0);
			expect(out.every((o) => o.json.already_existed === false)).toBe(true);
			expect(
				sandbox.server.log.filter(
					(e) => e.endpoint === 'POST /api/orders/import' && e.status === 200,
				),
			).toHaveLength(3);
			expect(new Set(storedOrderNumbers(sandbox)).size).toBe(120);
			expect(storedOrderNumbers(sandbox)).toHaveLength(120);
		},
	);
});

describe('server errors and dropped connections on create', () => {
	it('a 503 on import is reconciled by a listing, then the batch is sent again: no duplicates', async () => {
		sandbox.server.injectFaults('POST /api/orders/import', [
			{ kind: 'status', status: 503, body: { message: 'Service Unavailable' } },
		]);
		const out = outputOf(
			await runNode(
				harness,
				createMany({ skipExisting: false }),
				refs('F', 60).map((n) => saleOrder(n)),
			),
		);
		expect(out.every((o) => o.json.already_existed === false)).toBe(true);
		expect(sandbox.server.count('POST /api/orders/import')).toBe(3); // 503, then 50, then 10
		expect(new Set(storedOrderNumbers(sandbox)).size).toBe(60);
		expect(storedOrderNumbers(sandbox)).toHaveLength(60);
	});

	it('a connection reset on import is reconciled the same way', async () => {
		sandbox.server.injectFaults('POST /api/orders/import', [{ kind: 'reset' }]);
		const out = outputOf(
			await runNode(
				harness,
				createMany(),
				refs('R', 5).map((n) => saleOrder(n)),
			),
		);
		expect(out.map((o) => o.json.order_number)).toEqual(refs('R', 5));
		expect(storedOrderNumbers(sandbox)).toHaveLength(5);
	});

	it('orders that did land before the failure are not sent again (only the rest is)', async () => {
		// R-1..R-3 exist already, as if the failed import had created them before its reply was lost.
		await runNode(
			harness,
			createMany({ skipExisting: false }),
			refs('L', 3).map((n) => saleOrder(n)),
		);
		sandbox.server.clearLog();
		sandbox.server.injectFaults('POST /api/orders/import', [{ kind: 'status', status: 502 }]);
		const out = outputOf(
			await runNode(
				harness,
				createMany({ skipExisting: false }),
				refs('L', 6).map((n) => saleOrder(n)),
				{ continueOnFail: true },
			),
		);
		expect(out.map((o) => reasonOf(o))).toEqual([
			undefined,
			undefined,
			undefined,
			undefined,
			undefined,
			undefined,
		]);
		expect(out.slice(0, 3).every((o) => o.json.reconciled === true)).toBe(true);
		expect(
			out
				.slice(3)
				.every((o) => o.json.already_existed === false && o.json.reconciled === undefined),
		).toBe(true);
		expect(storedOrderNumbers(sandbox).sort()).toEqual(refs('L', 6).sort());
	});

	it('a 503 on a single create is reconciled from the unshipped listing', async () => {
		sandbox.server.injectFaults('POST /api/orders', [{ kind: 'status', status: 503 }]);
		const out = outputOf(
			await runNode(harness, uiCreateParameters('create', { skipExisting: false }), [
				uiOrderItem('S-1'),
			]),
		);
		expect(out[0].json).toMatchObject({ order_number: 'S-1', already_existed: false });
		expect(storedOrderNumbers(sandbox)).toEqual(['S-1']);
		// The injected 503 answered before anything was created: the listing finds nothing, the create is sent again.
		expect(sandbox.server.count('GET /api/orders/unshipped')).toBe(1);
		expect(sandbox.server.count('POST /api/orders')).toBe(2);
	});

	it('a 503 on Print checks for labels (reprint) before printing again', async () => {
		await runNode(harness, uiCreateParameters('create'), [uiOrderItem('P-1'), uiOrderItem('P-2')]);
		// P-1: the label was made but the reply was lost -> the reprint hands it back, no second print.
		sandbox.printOrder('P-1');
		sandbox.server.injectFaults('POST /api/orders/shipment', [{ kind: 'status', status: 503 }]);
		const [p1] = outputOf(
			await runNode(harness, {
				resource: 'label',
				operation: 'print',
				orderBy: 'orderNumber',
				orderNumber: 'P-1',
			}),
		);
		expect(p1.json.tracking_numbers).toHaveLength(1);
		// P-2: nothing was printed -> the reprint finds nothing and the print is sent again.
		sandbox.server.injectFaults('POST /api/orders/shipment', [{ kind: 'reset' }]);
		const [p2] = outputOf(
			await runNode(harness, {
				resource: 'label',
				operation: 'print',
				orderBy: 'orderNumber',
				orderNumber: 'P-2',
			}),
		);
		expect(p2.json.tracking_numbers).toHaveLength(1);
	});

	it("reads are retried on 5xx; errors carry status and Starshipit's words but never a key", async () => {
		sandbox.server.injectFaults('GET /api/orders/unshipped', [
			{ kind: 'status', status: 500 },
			{ kind: 'reset' },
		]);
		const out = outputOf(
			await runNode(harness, {
				resource: 'order',
				operation: 'getMany',
				source: 'unshipped',
				returnAll: true,
			}),
		);
		expect(out).toEqual([]);

		const bad = harnessFor(sandbox, { apiKey: PROBE_A, subscriptionKey: PROBE_B });
		const run = await runNode(bad, {
			resource: 'order',
			operation: 'get',
			orderBy: 'orderNumber',
			orderNumber: 'X',
		});
		const error = run.nodes.Starshipit.error!;
		expect(error.message).toMatch(/subscription key.*\[401\]/i);
		const dump = JSON.stringify({
			message: error.message,
			description: error.description,
			context: error.context,
			cause: (error as { cause?: unknown }).cause,
			error,
		});
		expect(dump).not.toContain(PROBE_A);
		expect(dump).not.toContain(PROBE_B);
	});
});

describe('faults of queue mode (issue 25)', () => {
	it(
		"the credential cannot be read for 2 s mid-push (n8n's database restarting): the push waits and finishes, each order once",
		{ timeout: 60_000 },
		async () => {
			const numbers = refs('DB', 160);
			// Armed when the first import arrives: the next calls' credential reads fail, before anything is sent.
			const arm = setInterval(() => {
				if (sandbox.server.count('POST /api/orders/import') < 1) return;
				harness.credentialsHelper.failReadsUntil = Date.now() + 2000;
				clearInterval(arm);
			}, 1);
			const out = outputOf(
				await runNode(
					harness,
					createMany({ skipExisting: true }),
					numbers.map((n) => saleOrder(n)),
					{ continueOnFail: true },
				),
			);
			clearInterval(arm);
			expect(harness.credentialsHelper.failedReads).toBeGreaterThan(0);
			expect(out.map((o) => reasonOf(o))).toEqual(numbers.map(() => undefined));
			expect(out.every((o) => o.json.already_existed === false)).toBe(true);
			expect(storedOrderNumbers(sandbox).sort()).toEqual([...numbers].sort());
			expect(sandbox.server.count('POST /api/orders/import')).toBe(4);
		},
	);

	it('a create whose reply was cut and whose check failed too is settled by the listing at the end: created, not unknown', async () => {
		sandbox.server.injectFaults('POST /api/orders/import', [{ kind: 'cut' }]);
		sandbox.server.injectFaults('GET /api/orders/unshipped', [
			{ kind: 'status', status: 503, headers: { 'Retry-After': '600' } },
		]);
		const out = outputOf(
			await runNode(
				harness,
				createMany({ skipExisting: true }),
				refs('CUTI', 3).map((n) => saleOrder(n)),
				{ continueOnFail: true },
			),
		);
		expect(out.map((o) => reasonOf(o))).toEqual([undefined, undefined, undefined]);
		expect(
			out.every(
				(o) =>
					(o.json.outcome as { status: string }).status === 'created' && o.json.reconciled === true,
			),
		).toBe(true);
		expect(storedOrderNumbers(sandbox).sort()).toEqual(refs('CUTI', 3));
	});

	it('one that still cannot be settled is reported unknown, never "not created"', async () => {
		sandbox.server.injectFaults('POST /api/orders/import', [{ kind: 'status', status: 502 }]);
		sandbox.server.injectFaults('GET /api/orders/unshipped', [
			{ kind: 'status', status: 503, headers: { 'Retry-After': '600' } },
		]);
		const out = outputOf(
			await runNode(
				harness,
				createMany({ skipExisting: true }),
				refs('UNK', 2).map((n) => saleOrder(n)),
				{ continueOnFail: true },
			),
		);
		expect(out.map((o) => (o.json.error as { status: string }).status)).toEqual([
			'unknown',
			'unknown',
		]);
		expect(
			out.every((o) =>
				/may or may not have been created.*Do not create it by hand/.test(String(reasonOf(o))),
			),
		).toBe(true);
		expect(out.every((o) => !/was not created/.test(String(reasonOf(o))))).toBe(true);
	});
});

describe('listing pages read as they arrive', () => {
	it('a page whose connection drops half-way through the body is read again, and the push still makes each order once', async () => {
		const numbers = refs('CUT', 300);
		const first = outputOf(
			await runNode(
				harness,
				createMany({ skipExisting: true }),
				numbers.slice(0, 260).map((n) => saleOrder(n)),
			),
		);
		expect(first.filter((o) => o.json.already_existed === false)).toHaveLength(260);

		// The re-run's listing: page 1 of the unshipped tab (250 full orders) is cut off mid-way, twice.
		sandbox.server.injectFaults('GET /api/orders/unshipped', [{ kind: 'cut' }, { kind: 'cut' }]);
		const before = sandbox.server.count('GET /api/orders/unshipped');
		const out = outputOf(
			await runNode(
				harness,
				createMany({ skipExisting: true }),
				numbers.map((n) => saleOrder(n)),
			),
		);
		expect(sandbox.server.count('GET /api/orders/unshipped') - before).toBeGreaterThanOrEqual(
			2 + 2,
		);
		expect(out.filter((o) => o.json.already_existed === true)).toHaveLength(260);
		expect(
			out.filter((o) => o.json.already_existed === false).map((o) => o.json.order_number),
		).toEqual(numbers.slice(260));
		expect(storedOrderNumbers(sandbox).sort()).toEqual([...numbers].sort());
	});
});
