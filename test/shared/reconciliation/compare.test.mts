/** The reconciliation's pure comparison and its e-mail summary, exercised directly. */
import { describe, expect, it } from 'vitest';
import {
	parseStarshipitDate,
	reconcile,
	type ConsignmentRow,
	type ReconcileInput,
	type SaleOrderRow,
} from '../../../nodes/shared/reconciliation/compare.ts';
import { summaryHtml, summarySubject } from '../../../nodes/shared/reconciliation/summary.ts';
import { localDay, localIso, localTime } from '../../../nodes/shared/reconciliation/localTime.ts';
import { recordedProblemsOf } from '../../../nodes/shared/reconciliation/recorded.ts';
import type { ListedOrder } from '../../../nodes/Starshipit/transport/orderListing.ts';

const NOW = new Date('2026-11-30T12:00:00Z');
const hoursAgo = (h: number) => new Date(NOW.getTime() - h * 3_600_000).toISOString();

function saleOrder(
	reference: string,
	status: string,
	extra: Partial<SaleOrderRow> = {},
): SaleOrderRow {
	return {
		id: `so-${reference}`,
		reference,
		customerId: 'c1',
		customerName: 'Koala Outdoor Co',
		status,
		...extra,
	};
}

function listed(
	order_number: string,
	tab: ListedOrder['tab'],
	extra: Partial<ListedOrder> = {},
): ListedOrder {
	const base: ListedOrder = {
		order_id: 1,
		order_number,
		tab,
		has_labels: tab !== 'unshipped',
		order_date: hoursAgo(2),
	};
	if (tab === 'shipped') base.tracking_number = `TN-${order_number}`;
	return { ...base, ...extra };
}

function input(parts: Partial<ReconcileInput>): ReconcileInput {
	return {
		now: NOW,
		pushStatuses: ['PACKED'],
		stuckAfterHours: 48,
		saleOrders: [],
		starshipitOrders: [],
		consignments: [],
		reportMissingConsignments: false,
		...parts,
	};
}

describe('reconcile', () => {
	it('reports nothing when both systems agree', () => {
		const consignments: ConsignmentRow[] = [
			{
				id: 'con-2',
				saleOrderId: 'so-A2',
				status: 'IN_TRANSIT_WAREHOUSE_DELIVERY',
				tracking: 'TN-A2',
			},
		];
		const result = reconcile(
			input({
				saleOrders: [saleOrder('A1', 'PACKED'), saleOrder('A2', 'DISPATCHED')],
				starshipitOrders: [
					listed('A1', 'unshipped', { order_id: 1 }),
					listed('A2', 'shipped', { order_id: 2 }),
				],
				consignments,
			}),
		);
		expect(result.counts.total).toBe(0);
		expect(result.checked).toEqual({
			sale_orders_at_push_status: 1,
			starshipit_orders: 2,
			shipped_orders: 1,
		});
	});

	it('finds a sale order at the push status that Starshipit lacks, and one without a reference', () => {
		const result = reconcile(
			input({
				saleOrders: [
					saleOrder('A1', 'PACKED'),
					saleOrder('', 'PACKED', { id: 'so-x' }),
					saleOrder('A3', 'DRAFT'),
				],
			}),
		);
		expect(result.exceptions.map((e) => [e.kind, e.order_number || e.sale_order_id])).toEqual([
			['not_in_starshipit', 'so-x'],
			['not_in_starshipit', 'A1'],
		]);
		expect(result.exceptions[1].action).toBe(
			'Run the order push for sale order A1 (PACKED); if it cannot create it, its alert e-mail names the reason.',
		);
		expect(result.exceptions[0].action).toMatch(/customer reference/);
	});

	it('finds a Starshipit order that no sale order explains', () => {
		const result = reconcile(
			input({ starshipitOrders: [listed('HAND-1', 'unshipped', { order_id: 7 })] }),
		);
		expect(result.counts.no_sale_order).toBe(1);
		expect(result.exceptions[0]).toMatchObject({
			kind: 'no_sale_order',
			order_number: 'HAND-1',
			starshipit_order_ids: [7],
		});
	});

	it('finds order numbers held twice and keeps the copy the push clean-up would keep', () => {
		const result = reconcile(
			input({
				saleOrders: [saleOrder('D1', 'PACKED'), saleOrder('D2', 'PACKED')],
				starshipitOrders: [
					listed('D1', 'unshipped', { order_id: 20 }),
					listed('D1', 'unshipped', { order_id: 10 }),
					listed('D2', 'unshipped', { order_id: 30 }),
					listed('D2', 'printed', { order_id: 40 }),
				],
			}),
		);
		const dup = result.exceptions.filter((e) => e.kind === 'duplicate_order_number');
		expect(dup.map((e) => e.starshipit_order_ids)).toEqual([
			[10, 20],
			[30, 40],
		]);
		expect(dup[0].action).toBe(
			'Delete order_id 20 in Starshipit and keep order_id 10 (the earliest) for order D1.',
		);
		expect(dup[1].action).toBe(
			'Delete order_id 30 in Starshipit and keep order_id 40 (the one with labels) for order D2.',
		);
	});

	it('counts one order listed in two tabs once', () => {
		const result = reconcile(
			input({
				saleOrders: [saleOrder('T1', 'PACKED')],
				starshipitOrders: [
					listed('T1', 'unshipped', { order_id: 5 }),
					listed('T1', 'printed', { order_id: 5 }),
				],
			}),
		);
		expect(result.counts.total).toBe(0);
		expect(result.checked.starshipit_orders).toBe(1);
	});

	it('finds shipped orders whose consignment lacks the tracking number; orders without consignment only on request', () => {
		const parts = {
			saleOrders: [
				saleOrder('S1', 'DISPATCHED'),
				saleOrder('S2', 'DISPATCHED'),
				saleOrder('S3', 'DISPATCHED', { customerName: 'Bondi Beauty' }),
			],
			starshipitOrders: [
				listed('S1', 'shipped', { order_id: 1 }),
				listed('S2', 'shipped', { order_id: 2 }),
				listed('S3', 'shipped', { order_id: 3 }),
			],
			consignments: [
				{ id: 'con-1', saleOrderId: 'so-S1', status: 'DELIVERED' },
				{ id: 'con-2', saleOrderId: 'so-S2', status: 'DELIVERED', tracking: 'OLD' },
			],
		};
		const result = reconcile(input(parts));
		expect(result.exceptions.map((e) => [e.kind, e.order_number, e.consignment_id])).toEqual([
			['tracking_not_on_consignment', 'S1', 'con-1'],
			['tracking_not_on_consignment', 'S2', 'con-2'],
		]);
		expect(result.exceptions[1].action).toBe(
			'Run the tracking write-back for order S2, or put tracking number TN-S2 on consignment con-2 (it holds OLD).',
		);
		const withMissing = reconcile(input({ ...parts, reportMissingConsignments: true }));
		expect(withMissing.exceptions.at(-1)).toMatchObject({
			order_number: 'S3',
			customer: 'Bondi Beauty',
		});
		expect(withMissing.exceptions.at(-1)!.action).toMatch(/has no consignment/);
	});

	it('finds orders unshipped longer than the limit, with or without labels', () => {
		const result = reconcile(
			input({
				saleOrders: ['U1', 'U2', 'U3'].map((r) => saleOrder(r, 'PACKED')),
				starshipitOrders: [
					listed('U1', 'unshipped', { order_id: 1, order_date: hoursAgo(47) }),
					listed('U2', 'unshipped', {
						order_id: 2,
						order_date: hoursAgo(72).replace(/\.\d{3}Z$/, ''),
					}),
					listed('U3', 'printed', { order_id: 3, order_date: hoursAgo(50) }),
				],
			}),
		);
		expect(result.exceptions.map((e) => [e.order_number, e.hours_unshipped])).toEqual([
			['U2', 72],
			['U3', 50],
		]);
		expect(result.exceptions[0].action).toMatch(/without a label: print it/);
		expect(result.exceptions[1].action).toMatch(/labelled but is not shipped/);
	});

	it('reads Starshipit dates without a zone as UTC', () => {
		expect(parseStarshipitDate('2026-02-13T16:37:34')).toBe(Date.parse('2026-02-13T16:37:34Z'));
		expect(parseStarshipitDate(undefined)).toBeUndefined();
	});
});

describe('summary', () => {
	const context = {
		windowStart: new Date('2026-11-23T12:00:00Z'),
		now: NOW,
		stuckAfterHours: 48,
		pushStatuses: ['PACKED'],
		timeZone: 'UTC',
	};

	it('says so in the subject when nothing is wrong', () => {
		const result = reconcile(input({}));
		expect(summarySubject(result, context)).toBe(
			'CartonCloud–Starshipit reconciliation 2026-11-30: no exceptions',
		);
		expect(summaryHtml(result, context)).toContain('Both systems agree');
	});

	it('lists counts and escaped exceptions', () => {
		const result = reconcile(
			input({
				saleOrders: [saleOrder('<b>1', 'PACKED')],
				starshipitOrders: [listed('X&Y', 'unshipped')],
			}),
		);
		expect(summarySubject(result, context)).toBe(
			'CartonCloud–Starshipit reconciliation 2026-11-30: 2 exceptions (1 not in starshipit, 1 no sale order)',
		);
		const html = summaryHtml(result, context);
		expect(html).toContain('&lt;b&gt;1');
		expect(html).toContain('X&amp;Y');
		expect(html).not.toContain('<b>1');
	});
});

describe('what the runs recorded', () => {
	const rows = [
		{
			id: 1,
			kind: 'push',
			order_number: 'A1',
			status: 'failed',
			reason: 'Sale order A1: details.deliver.address.address1 is empty',
			updatedAt: '2026-11-29T08:00:00.000Z',
			workflow: 'push',
			execution_url: 'http://n8n/workflow/w/executions/7',
		},
		{
			id: 2,
			kind: 'push',
			order_number: 'A2',
			status: 'unknown',
			reason: 'Order A2: the import answered 502, so it may exist',
			updatedAt: '2026-11-29T08:00:00.000Z',
		},
		{
			id: 3,
			kind: 'tracking',
			order_number: 'S1',
			status: 'failed',
			reason: 'Sale order "S1" (so-S1) has no consignment, so its tracking cannot be written back',
		},
		{},
		{ kind: 'other', order_number: 'Z', reason: 'not ours' },
	];

	it('reads only rows that are recorded problems', () => {
		expect(recordedProblemsOf(rows).map((p) => [p.kind, p.order_number, p.status])).toEqual([
			['push', 'A1', 'failed'],
			['push', 'A2', 'unknown'],
			['tracking', 'S1', 'failed'],
		]);
	});

	it('gives each exception the reason the last run recorded and the one action that fixes it', () => {
		const result = reconcile(
			input({
				saleOrders: [
					saleOrder('A1', 'PACKED'),
					saleOrder('A2', 'PACKED'),
					saleOrder('A3', 'PACKED'),
					saleOrder('S1', 'DISPATCHED', { customerName: 'Bondi Beauty' }),
				],
				starshipitOrders: [listed('S1', 'shipped', { order_id: 9 })],
				recorded: recordedProblemsOf(rows),
			}),
		);
		const by = Object.fromEntries(result.exceptions.map((e) => [e.order_number, e]));
		expect(by.A1).toMatchObject({
			last_reason: 'Sale order A1: details.deliver.address.address1 is empty',
			last_status: 'failed',
			last_recorded_at: '2026-11-29T08:00:00.000Z',
			last_execution_url: 'http://n8n/workflow/w/executions/7',
			action:
				'Correct sale order A1 as the reason says; the next push then creates it in Starshipit.',
		});
		expect(by.A2.action).toBe(
			'Look in Starshipit for order A2 before sending it again: the last push could not confirm whether it was created.',
		);
		// No run reported A3: the push has not met it.
		expect(by.A3.last_reason).toBeUndefined();
		expect(by.A3.action).toBe(
			'No push run has reported sale order A3 (PACKED): check that the order push is published and picks up PACKED, then run it.',
		);
		// A write-back failure the runs recorded is reported although the order has no consignment at all.
		expect(by.S1).toMatchObject({
			kind: 'tracking_not_on_consignment',
			last_reason: rows[2].reason,
		});
		expect(by.S1.action).toBe(
			'Correct what the reason names; the next tracking write-back then puts tracking number TN-S1 on the consignment of order S1.',
		);
		expect(
			summaryHtml(result, {
				windowStart: NOW,
				now: NOW,
				stuckAfterHours: 48,
				pushStatuses: ['PACKED'],
				timeZone: 'UTC',
			}),
		).toContain(
			'<th style="border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top">Reason the last run recorded</th>',
		);
	});
});

describe('times in the workflow time zone', () => {
	it('reads the window in local time, to the minute, with the zone named', () => {
		const result = reconcile(input({}));
		const html = summaryHtml(result, {
			windowStart: new Date('2026-11-23T12:00:00.123Z'),
			now: NOW,
			stuckAfterHours: 48,
			pushStatuses: ['PACKED'],
			timeZone: 'Australia/Sydney',
		});
		expect(html).toContain(
			'Window: 2026-11-23 23:00 (Australia/Sydney) to 2026-11-30 23:00 (Australia/Sydney).',
		);
		expect(html).not.toMatch(/\d{2}:\d{2}:\d{2}\.\d{3}Z/);
		expect(
			summarySubject(result, {
				windowStart: NOW,
				now: new Date('2026-11-30T14:00:00Z'),
				stuckAfterHours: 48,
				pushStatuses: ['PACKED'],
				timeZone: 'Australia/Sydney',
			}),
		).toBe('CartonCloud–Starshipit reconciliation 2026-12-01: no exceptions');
	});

	it('gives ISO times with the offset and no milliseconds, for items', () => {
		expect(localIso(new Date('2026-11-30T12:00:00.999Z'), 'Australia/Sydney')).toBe(
			'2026-11-30T23:00:00+11:00',
		);
		expect(localIso(new Date('2026-06-30T12:00:00Z'), 'Australia/Sydney')).toBe(
			'2026-06-30T22:00:00+10:00',
		);
		expect(localIso(NOW, 'UTC')).toBe('2026-11-30T12:00:00+00:00');
		expect(localIso(NOW, 'America/New_York')).toBe('2026-11-30T07:00:00-05:00');
		expect(localTime(NOW, 'Pacific/Auckland')).toBe('2026-12-01 01:00 (Pacific/Auckland)');
		expect(localDay(NOW, 'Pacific/Auckland')).toBe('2026-12-01');
	});
});
