/**
 * The exceptions the reconciliation report lists (compare.ts finds them, recorded.ts annotates
 * them with what the last run recorded, summary.ts titles them): their kinds and their shape, in a
 * module of their own so those three depend on it and not on each other.
 */

export type ExceptionKind =
	| 'not_in_starshipit'
	| 'no_sale_order'
	| 'duplicate_order_number'
	| 'tracking_not_on_consignment'
	| 'stuck_unshipped';

export const EXCEPTION_KINDS: ExceptionKind[] = [
	'not_in_starshipit',
	'no_sale_order',
	'duplicate_order_number',
	'tracking_not_on_consignment',
	'stuck_unshipped',
];

/** Headings of the kinds, for the summary. */
export const EXCEPTION_TITLES: Record<ExceptionKind, string> = {
	not_in_starshipit: 'Sale orders at the push status with no Starshipit order',
	no_sale_order: 'Starshipit orders with no sale order',
	duplicate_order_number: 'Order numbers held twice in Starshipit',
	tracking_not_on_consignment: 'Shipped orders whose consignment lacks the tracking number',
	stuck_unshipped: 'Orders stuck unshipped',
};

export interface ReconcileException {
	kind: ExceptionKind;
	order_number: string;
	/** What to do, one sentence. */
	action: string;
	sale_order_id?: string;
	sale_order_status?: string;
	customer?: string;
	starshipit_order_ids?: number[];
	starshipit_tab?: string;
	tracking_number?: string;
	consignment_id?: string;
	hours_unshipped?: number;
	/** The reason the last run recorded for this order, its status (failed/unknown), when, and its execution. */
	last_reason?: string;
	last_status?: string;
	last_recorded_at?: string;
	last_execution_url?: string;
}
