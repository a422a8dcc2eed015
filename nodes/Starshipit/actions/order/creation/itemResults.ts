/**
 * What a create run (createOrders.ts) holds per input item, apart from the run's steps that fill it:
 * the orders to send (`Entry`, one per order number), each item's result and what it is about, the
 * words its reasons name an order with, and the last step, which hands every item back led by its
 * outcome. Kept apart so each step's module reads and writes the same shapes without importing the
 * run.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { StarshipitOrder } from '../../../../shared/mapping/saleOrderToStarshipit';
import { failItem } from '../../../../shared/items';
import { outcomeItem, type Outcome } from '../../../../shared/outcome';
import type { SourceSaleOrder } from '../input/buildOrder';

export interface Entry {
	itemIndex: number;
	orderNumber: string;
	order: StarshipitOrder;
	saleOrder?: SourceSaleOrder;
	/** Later input items with the same order number from the same sale order: they share the outcome. */
	twins: number[];
}

export type Result =
	| { status: 'created' | 'skipped_existing'; data: IDataObject; warning?: string }
	| { status: 'failed' | 'unknown'; reason: string; description?: string };

export type About = { order_number?: string; sale_order_reference?: string };

/** The run's orders to send, and each input item's result and what it is about (by item index). */
export interface RunItems {
	entries: Entry[];
	results: Map<number, Result>;
	about: Map<number, About>;
}

export const describe = (e: { orderNumber: string; saleOrder?: SourceSaleOrder }) =>
	e.saleOrder
		? `sale order "${e.saleOrder.reference ?? e.orderNumber}"${e.saleOrder.customer ? ` of ${e.saleOrder.customer}` : ''}`
		: `order "${e.orderNumber}"`;

export const CLASH_HINT =
	'Set Options > Order Number From to "Customer Code + Customer Reference" or "CartonCloud Numeric ID" so numbers cannot clash.';

/** 5. Every item led by its outcome; without Continue On Fail the first failure stops the node (`failItem`). */
export function outputItems(
	context: IExecuteFunctions,
	items: INodeExecutionData[],
	run: RunItems,
): INodeExecutionData[] {
	for (const entry of run.entries) {
		const result = run.results.get(entry.itemIndex);
		for (const twin of entry.twins) {
			if (result && 'data' in result)
				run.results.set(twin, {
					status: 'skipped_existing',
					data: { ...result.data, duplicate_of_item: entry.itemIndex },
				});
			else if (result) run.results.set(twin, result);
		}
	}
	const output: INodeExecutionData[] = [];
	for (let i = 0; i < items.length; i++) {
		const result = run.results.get(i);
		if (!result) continue;
		const about = run.about.get(i) ?? {};
		if (!('data' in result)) {
			const error = new NodeOperationError(context.getNode(), result.reason, {
				itemIndex: i,
				description: result.description,
			});
			output.push(
				failItem(
					context,
					error,
					i,
					{ ...about, status: result.status },
					{ order_number: about.order_number },
				),
			);
			continue;
		}
		const outcome: Outcome = { status: result.status, ...about, warning: result.warning };
		output.push(
			outcomeItem(
				outcome,
				{ ...result.data, already_existed: result.status === 'skipped_existing' },
				i,
			),
		);
	}
	return output;
}
