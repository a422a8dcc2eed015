/**
 * The first step of a create run (createOrders.ts): every input item's order built and checked
 * before any call, so a bad order costs none. An item repeating an earlier item's order number is
 * that item's twin when it maps the same sale order (one outcome for both), and a clash when it maps
 * another one (never created, so two sale orders cannot end up as one Starshipit order).
 */
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';
import { asItemError } from '../../../../shared/items';
import { buildOrder, type SourceSaleOrder } from '../input/buildOrder';
import { CLASH_HINT, describe, type Entry, type RunItems } from './itemResults';

/** 1. Every item's order, built and checked: a bad order costs no call. Without Continue On Fail the first bad one stops the node. */
export async function buildEntries(
	context: IExecuteFunctions,
	items: INodeExecutionData[],
	options: { continueOnFail: boolean; skipExisting: boolean },
	run: RunItems,
): Promise<void> {
	const byNumber = new Map<string, Entry>();
	for (let i = 0; i < items.length; i++) {
		// Now and then the listing's replies are read (a listing started before the build).
		if (i % 200 === 199) await sleep(0);
		let orderNumber: string | undefined;
		try {
			const built = buildOrder(context, i, (n) => (orderNumber = n));
			run.about.set(i, {
				order_number: built.orderNumber,
				sale_order_reference: built.saleOrder?.reference,
			});
			const first = byNumber.get(built.orderNumber);
			if (first) {
				twinOf(context, options.skipExisting, first, built, i);
				continue;
			}
			const entry: Entry = {
				itemIndex: i,
				orderNumber: built.orderNumber,
				order: built.order,
				saleOrder: built.saleOrder,
				twins: [],
			};
			byNumber.set(entry.orderNumber, entry);
			run.entries.push(entry);
		} catch (error) {
			if (!options.continueOnFail) throw asItemError(context.getNode(), error, i);
			run.about.set(i, {
				...run.about.get(i),
				order_number: run.about.get(i)?.order_number ?? orderNumber,
			});
			run.results.set(i, {
				status: 'failed',
				reason: (error as Error).message,
				description: (error as { description?: string }).description,
			});
		}
	}
}

/** Item `i` repeats `first`'s order number: the same sale order shares its outcome; another one is kept apart. */
function twinOf(
	context: IExecuteFunctions,
	skipExisting: boolean,
	first: Entry,
	built: { orderNumber: string; saleOrder?: SourceSaleOrder },
	i: number,
): void {
	const node = context.getNode();
	if ((first.saleOrder?.id ?? '') !== (built.saleOrder?.id ?? '')) {
		throw new NodeOperationError(
			node,
			`Order number "${built.orderNumber}" of ${describe(built)} is also the order number of ${describe(first)} (input item ${first.itemIndex}): not created, to keep the two apart`,
			{ itemIndex: i, description: CLASH_HINT },
		);
	}
	if (!skipExisting)
		throw new NodeOperationError(
			node,
			`Order "${built.orderNumber}": order_number also appears in input item ${first.itemIndex}`,
			{ itemIndex: i },
		);
	first.twins.push(i);
}
