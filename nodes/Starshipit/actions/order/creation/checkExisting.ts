/**
 * The second step of a create run with Skip Existing (createOrders.ts): before anything is sent,
 * the run's orders are looked for in Starshipit (`findHeldOrders`). One it already holds is skipped,
 * said so when it was made elsewhere; a number another sale order holds is a clash, never taken
 * over. The index of what was found stays with the run, which settles by it after sending.
 */
import type { IExecuteFunctions } from 'n8n-workflow';
import { findHeldOrders, type WorkInFlight } from '../../../transport/heldOrders';
import type { ListedOrder } from '../../../transport/orderListing';
import { listedOrderData, OrderIndex, otherSaleOrder } from './existingOrders';
import { CLASH_HINT, describe, type Entry, type Result } from './itemResults';

/** 2. What Starshipit already holds is skipped; a number another sale order holds is a clash. Returns what is left to send. */
export async function checkExisting(
	context: IExecuteFunctions,
	entries: Entry[],
	options: { lookbackDays: number; inFlight: WorkInFlight | undefined },
	set: (entry: Entry, result: Result) => void,
): Promise<{ index?: OrderIndex; toSend: Entry[] }> {
	if (entries.length === 0) return { toSend: [] };
	const index = new OrderIndex();
	try {
		const wanted = entries.map((e) => ({
			orderNumber: e.orderNumber,
			orderDate: e.order.order_date,
		}));
		index.add(
			(
				await findHeldOrders(context, wanted, {
					lookbackDays: options.lookbackDays,
					inFlight: options.inFlight,
					itemIndex: entries[0].itemIndex,
				})
			).rows,
		);
	} catch (error) {
		const reason = `could not check which orders Starshipit already has: ${(error as Error).message}`;
		for (const entry of entries)
			set(entry, {
				status: 'failed',
				reason: `Order "${entry.orderNumber}" was not created: ${reason}`,
			});
		return { toSend: [] };
	}
	const references = new Set(entries.map((e) => e.order.reference).filter((r): r is string => !!r));
	const toSend = entries.filter((entry) => {
		const known = index.survivor(entry.orderNumber);
		if (!known) return true;
		if (otherSaleOrder(entry.order, known, references)) set(entry, clash(entry, known));
		else set(entry, existing(entry, known));
		return false;
	});
	return { index, toSend };
}

function existing(entry: Entry, known: ListedOrder): Result {
	const elsewhere =
		known.reference && entry.order.reference && known.reference !== entry.order.reference;
	return {
		status: 'skipped_existing',
		data: listedOrderData(known),
		// Issue 21: an order made by another connector or by hand is the same order, said so.
		warning: elsewhere
			? `Starshipit already holds order "${entry.orderNumber}" (order ${known.order_id}), made elsewhere with reference "${known.reference}": not created again`
			: undefined,
	};
}

function clash(entry: Entry, known: ListedOrder): Result {
	return {
		status: 'failed',
		reason: `Order number "${entry.orderNumber}" of ${describe(entry)} is already used in Starshipit by order ${known.order_id} (reference "${known.reference}"${known.destination_name ? `, for ${known.destination_name}` : ''}), a different sale order than this one (reference "${entry.order.reference}"): not created`,
		description: CLASH_HINT,
	};
}
