/**
 * The per-item loop every operation shares: `pairedItem` on each output, and Continue On Fail
 * turning one item's error into `{error, order_number}` while the other items go on.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { failedItem } from '../../shared/failedItem';

export interface ItemContext {
	/** Set as soon as the item's order number is known, so an error output can name it. */
	orderNumber?: string;
}

export type ItemResult = IDataObject | IDataObject[] | INodeExecutionData | INodeExecutionData[];

function isExecutionData(value: unknown): value is INodeExecutionData {
	return typeof value === 'object' && value !== null && 'json' in value && typeof (value as INodeExecutionData).json === 'object';
}

/** Wraps results of item `i` as output items paired with it. */
export function toItems(result: ItemResult, itemIndex: number): INodeExecutionData[] {
	const list = Array.isArray(result) ? result : [result];
	return list.map((entry) =>
		isExecutionData(entry) ? { ...entry, pairedItem: entry.pairedItem ?? { item: itemIndex } } : { json: entry as IDataObject, pairedItem: { item: itemIndex } },
	);
}

/** Makes sure whatever is thrown carries the item index (n8n shows it) and is an n8n error type. */
export function asItemError(context: IExecuteFunctions, error: unknown, itemIndex: number): Error {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		if (error.context) error.context.itemIndex ??= itemIndex;
		return error;
	}
	return new NodeOperationError(context.getNode(), error as Error, { itemIndex });
}

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
			if (!context.continueOnFail()) throw asItemError(context, error, i);
			output.push(failedItem(error, i, item.orderNumber ? { order_number: item.orderNumber } : {}));
		}
	}
	return output;
}
