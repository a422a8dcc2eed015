/**
 * The reconciliation itself: a pure function of what both systems hold (fetched beforehand in one
 * batched step, `fetchBothSides`), so every rule is unit-tested without HTTP.
 *
 * Orders are matched on the Starshipit order number = the sale order's customer reference (the
 * order push's default numbering). A reference several customers share matches all their sale
 * orders: the report then checks each of them and flags nothing that any one of them settles.
 */
import { survivorOf, type ListedOrder } from '../../Starshipit/transport/orderListing';
import { EXCEPTION_KINDS, type ExceptionKind, type ReconcileException } from './exceptions';
import { annotate, recordedByKind, type RecordedProblem } from './recorded';

export {
	EXCEPTION_KINDS,
	EXCEPTION_TITLES,
	type ExceptionKind,
	type ReconcileException,
} from './exceptions';

export interface SaleOrderRow {
	id: string;
	reference: string;
	customerId: string;
	customerName: string;
	status: string;
	createdAt?: string;
}

export interface ConsignmentRow {
	id: string;
	saleOrderId: string;
	status: string;
	tracking?: string;
}

export interface ReconcileInput {
	now: Date;
	/** Sale-order statuses at which the push creates a Starshipit order (e.g. PACKED). */
	pushStatuses: string[];
	/** Unshipped (or printed, not shipped) longer than this is "stuck". */
	stuckAfterHours: number;
	/** Every sale order at a push status, plus every sale order an order number below matched. */
	saleOrders: SaleOrderRow[];
	/** Starshipit's orders of all tabs over the window (slim listing rows). */
	starshipitOrders: ListedOrder[];
	/** Consignments of the sale orders behind shipped Starshipit orders. */
	consignments: ConsignmentRow[];
	/** Report shipped orders whose sale order has no consignment at all (customers without auto-generated consignments). */
	reportMissingConsignments: boolean;
	/**
	 * The problems the runs recorded (the alerts' open problems), when the report was given them:
	 * exceptions then carry the reason the last run recorded and the action that follows from it,
	 * and a shipped order whose write-back recorded a failure is reported even without a consignment.
	 */
	recorded?: RecordedProblem[];
}

export interface ReconcileResult {
	counts: Record<ExceptionKind, number> & { total: number };
	checked: {
		sale_orders_at_push_status: number;
		starshipit_orders: number;
		shipped_orders: number;
	};
	exceptions: ReconcileException[];
}

export const HOUR_MS = 3_600_000;

/** Starshipit writes some dates without a zone ("2026-02-13T16:37:34"): read those as UTC. */
export function parseStarshipitDate(value: string | undefined): number | undefined {
	if (!value) return undefined;
	const zoned = /(Z|[+-]\d{2}:?\d{2})$/i.test(value) ? value : `${value}Z`;
	const ms = Date.parse(zoned);
	return Number.isNaN(ms) ? undefined : ms;
}

function group<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
	const map = new Map<string, T[]>();
	for (const row of rows) {
		const k = key(row);
		const list = map.get(k);
		if (list) list.push(row);
		else map.set(k, [row]);
	}
	return map;
}

function customerOf(orders: SaleOrderRow[]): string | undefined {
	const names = [...new Set(orders.map((o) => o.customerName || o.customerId).filter(Boolean))];
	return names.length ? names.join(', ') : undefined;
}

function duplicateAction(orderNumber: string, copies: ListedOrder[]): string {
	const labelled = copies.filter((c) => c.has_labels);
	if (labelled.length > 1) {
		return `Starshipit holds ${copies.length} copies of order ${orderNumber} and ${labelled.length} have labels (order_ids ${labelled.map((c) => c.order_id).join(', ')}): check which parcel was sent, void the other labels with the carrier and archive those copies.`;
	}
	// The push's duplicate clean-up rule (SHARED-DESIGN §2); copies is never empty here.
	const keep = survivorOf(copies)!;
	const remove = copies
		.filter((c) => c !== keep)
		.map((c) => c.order_id)
		.sort((a, b) => a - b);
	const why = keep.has_labels ? 'the one with labels' : 'the earliest';
	return `Delete order_id ${remove.join(', ')} in Starshipit and keep order_id ${keep.order_id} (${why}) for order ${orderNumber}.`;
}

export function reconcile(input: ReconcileInput): ReconcileResult {
	const exceptions: ReconcileException[] = [];
	const push = new Set(input.pushStatuses.map((s) => s.toUpperCase()));
	// One row per Starshipit order, even if a listing showed it in two tabs (shipped wins: latest state).
	const rank: Record<string, number> = { unshipped: 0, printed: 1, shipped: 2 };
	const byId = new Map<number, ListedOrder>();
	for (const row of input.starshipitOrders) {
		const seen = byId.get(row.order_id);
		if (!seen || rank[row.tab] > rank[seen.tab]) byId.set(row.order_id, row);
	}
	const starshipit = [...byId.values()];
	const copiesByNumber = group(starshipit, (o) => o.order_number);
	const saleOrdersByReference = group(input.saleOrders, (o) => o.reference);
	const consignmentsBySaleOrder = group(input.consignments, (c) => c.saleOrderId);
	const atPush = input.saleOrders.filter((o) => push.has(o.status.toUpperCase()));

	// 1. Sale orders at the push status that Starshipit does not hold.
	for (const order of atPush) {
		if (order.reference && copiesByNumber.has(order.reference)) continue;
		exceptions.push({
			kind: 'not_in_starshipit',
			order_number: order.reference,
			sale_order_id: order.id,
			sale_order_status: order.status,
			customer: customerOf([order]),
			action: order.reference
				? `Run the order push for sale order ${order.reference} (${order.status}); if it cannot create it, its alert e-mail names the reason.`
				: `Give sale order ${order.id} a customer reference in CartonCloud: without one it cannot become a Starshipit order.`,
		});
	}

	for (const [orderNumber, copies] of copiesByNumber) {
		const saleOrders = saleOrdersByReference.get(orderNumber) ?? [];
		const ids = copies.map((c) => c.order_id).sort((a, b) => a - b);
		// 2. Starshipit orders that no sale order explains.
		if (saleOrders.length === 0) {
			exceptions.push({
				kind: 'no_sale_order',
				order_number: orderNumber,
				starshipit_order_ids: ids,
				starshipit_tab: copies[0].tab,
				action: `Check Starshipit order ${orderNumber} (order_id ${ids.join(', ')}): no CartonCloud sale order has this reference, so archive it if it was created by mistake or fix the reference on the sale order.`,
			});
		}
		// 3. One order number, several Starshipit orders.
		if (copies.length > 1) {
			exceptions.push({
				kind: 'duplicate_order_number',
				order_number: orderNumber,
				starshipit_order_ids: ids,
				customer: customerOf(saleOrders),
				action: duplicateAction(orderNumber, copies),
			});
		}
	}

	const now = input.now.getTime();
	const recorded = recordedByKind(input.recorded ?? []);
	const trackingRecorded = recorded.tracking;
	let shippedCount = 0;
	for (const order of starshipit) {
		// 4. Shipped, but the tracking number is not on the sale order's consignment.
		if (order.tab === 'shipped' && order.tracking_number) {
			shippedCount++;
			const saleOrders = saleOrdersByReference.get(order.order_number) ?? [];
			if (saleOrders.length > 0) {
				const consignments = saleOrders.flatMap((o) => consignmentsBySaleOrder.get(o.id) ?? []);
				const live = consignments.filter((c) => c.status !== 'CANCELLED');
				const settled = consignments.some((c) => c.tracking === order.tracking_number);
				if (
					!settled &&
					(live.length > 0 ||
						input.reportMissingConsignments ||
						trackingRecorded.has(order.order_number))
				) {
					const target = live[0] ?? consignments[0];
					exceptions.push({
						kind: 'tracking_not_on_consignment',
						order_number: order.order_number,
						sale_order_id: saleOrders[0].id,
						sale_order_status: saleOrders[0].status,
						customer: customerOf(saleOrders),
						starshipit_order_ids: [order.order_id],
						tracking_number: order.tracking_number,
						consignment_id: target?.id,
						action: target
							? `Run the tracking write-back for order ${order.order_number}, or put tracking number ${order.tracking_number} on consignment ${target.id}${target.tracking ? ` (it holds ${target.tracking})` : ''}.`
							: `Sale order ${order.order_number} has no consignment, so tracking number ${order.tracking_number} has nowhere to go: turn on the customer's "Automatically Generate a Consignment from a Sale Order" setting if CartonCloud should hold it.`,
					});
				}
			}
		}
		// 5. Waiting in Starshipit longer than the limit.
		if (order.tab !== 'shipped') {
			const ordered = parseStarshipitDate(order.order_date);
			if (ordered === undefined) continue;
			const hours = Math.floor((now - ordered) / HOUR_MS);
			if (hours < input.stuckAfterHours) continue;
			exceptions.push({
				kind: 'stuck_unshipped',
				order_number: order.order_number,
				starshipit_order_ids: [order.order_id],
				starshipit_tab: order.tab,
				hours_unshipped: hours,
				customer: customerOf(saleOrdersByReference.get(order.order_number) ?? []),
				action: order.has_labels
					? `Order ${order.order_number} was labelled but is not shipped after ${hours} hours: manifest it, or ask the carrier why it was not collected.`
					: `Order ${order.order_number} has waited ${hours} hours without a label: print it, or find out what holds it (address, stock, carrier).`,
			});
		}
	}

	if (input.recorded) annotate(exceptions, recorded);
	const counts = Object.fromEntries(
		EXCEPTION_KINDS.map((k) => [k, 0]),
	) as ReconcileResult['counts'];
	for (const e of exceptions) counts[e.kind]++;
	counts.total = exceptions.length;
	exceptions.sort(
		(a, b) =>
			EXCEPTION_KINDS.indexOf(a.kind) - EXCEPTION_KINDS.indexOf(b.kind) ||
			a.order_number.localeCompare(b.order_number),
	);
	return {
		counts,
		checked: {
			sale_orders_at_push_status: atPush.length,
			starshipit_orders: starshipit.length,
			shipped_orders: shippedCount,
		},
		exceptions,
	};
}
