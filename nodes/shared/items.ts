/**
 * The per-item loop both nodes share: every output item is paired with its input item, and with
 * Continue On Fail one item's error becomes an error item while the other items go on.
 */
import type { IDataObject, IExecuteFunctions, INode, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { failedOutcomeItem } from './outcome';

export interface ItemContext {
	/** What the item concerns (order number, customer reference), set as soon as it is known so an error item can name it. */
	details?: IDataObject;
}

export type ItemResult = IDataObject | IDataObject[] | INodeExecutionData | INodeExecutionData[];

function isExecutionData(value: unknown): value is INodeExecutionData {
	return typeof value === 'object' && value !== null && 'json' in value && typeof (value as { json: unknown }).json === 'object';
}

/** Wraps what an operation returned for item `i` as output items paired with that item. */
export function toItems(result: ItemResult, itemIndex: number): INodeExecutionData[] {
	const list = Array.isArray(result) ? result : [result];
	return list.map((entry) =>
		isExecutionData(entry) ? { ...entry, pairedItem: entry.pairedItem ?? { item: itemIndex } } : { json: entry as IDataObject, pairedItem: { item: itemIndex } },
	);
}

/**
 * The error as n8n shows it, carrying the item index: API and operation errors as they are
 * (also when they come from another copy of n8n-workflow, hence the name check), anything else
 * wrapped.
 */
export function asItemError(node: INode, error: unknown, itemIndex?: number): NodeApiError | NodeOperationError {
	const name = (error as { name?: unknown })?.name;
	if (error instanceof NodeApiError || error instanceof NodeOperationError || name === 'NodeApiError' || name === 'NodeOperationError') {
		const known = error as NodeApiError;
		known.context = { ...(known.context ?? {}) };
		if (itemIndex !== undefined) known.context.itemIndex ??= itemIndex;
		return known;
	}
	return new NodeOperationError(node, error as Error, { itemIndex });
}

/**
 * The output for an input item that failed while the node continues on fail: led by its outcome
 * in `details` (status failed, the reason naming the order and the field), shaped as n8n routes
 * down the error branch (see `failedOutcomeItem`). `details` names what the item concerns.
 */
export function failedItem(error: unknown, itemIndex: number, details: IDataObject = {}): INodeExecutionData {
	const orderNumber = typeof details.order_number === 'string' ? details.order_number : undefined;
	const reference = typeof details.customerReference === 'string' ? details.customerReference : undefined;
	return failedOutcomeItem(error, itemIndex, { order_number: orderNumber, sale_order_reference: reference }, details);
}

/** Runs `handle` for every input item; the first failure stops the node unless it continues on fail. */
export async function forEachItem(
	context: IExecuteFunctions,
	items: INodeExecutionData[],
	handle: (itemIndex: number, item: ItemContext) => Promise<ItemResult>,
): Promise<INodeExecutionData[]> {
	const output: INodeExecutionData[] = [];
	for (let i = 0; i < items.length; i++) {
		const item: ItemContext = {};
		try {
			output.push(...toItems(await handle(i, item), i));
		} catch (error) {
			if (!context.continueOnFail()) throw asItemError(context.getNode(), error, i);
			output.push(failedItem(error, i, item.details));
		}
	}
	return output;
}
