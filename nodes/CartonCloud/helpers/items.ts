import type { IDataObject, IExecuteFunctions, INode, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { failedItem } from '../../shared/failedItem';

/** The error as n8n shows it: API and operation errors as they are, anything else wrapped. */
export function asNodeError(node: INode, error: unknown, itemIndex?: number): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	const name = (error as { name?: unknown })?.name;
	if (name === 'NodeApiError' || name === 'NodeOperationError') return error as NodeApiError;
	return new NodeOperationError(node, error as Error, { itemIndex });
}

export type ItemResult = IDataObject | IDataObject[] | INodeExecutionData | INodeExecutionData[];

function isExecutionData(value: unknown): value is INodeExecutionData {
	return typeof value === 'object' && value !== null && 'json' in value && typeof (value as { json: unknown }).json === 'object';
}

/** Wraps what an operation returned for item `i` as output items paired with that item. */
export function toOutput(result: ItemResult, itemIndex: number): INodeExecutionData[] {
	const list = Array.isArray(result) ? result : [result];
	return list.map((entry) =>
		isExecutionData(entry)
			? { ...entry, pairedItem: { item: itemIndex } }
			: { json: entry as IDataObject, pairedItem: { item: itemIndex } },
	);
}

/**
 * Runs `handler` for every input item. With Continue On Fail a failing item becomes
 * `{error, ...}` and the others go on; otherwise the first failure stops the node, carrying the
 * item index so n8n points at the item.
 */
export async function forEachItem(
	context: IExecuteFunctions,
	items: INodeExecutionData[],
	handler: (itemIndex: number) => Promise<ItemResult>,
): Promise<INodeExecutionData[]> {
	const output: INodeExecutionData[] = [];
	for (let i = 0; i < items.length; i++) {
		try {
			output.push(...toOutput(await handler(i), i));
		} catch (error) {
			if (context.continueOnFail()) {
				output.push(failedItem(error, i));
				continue;
			}
			const failure = asNodeError(context.getNode(), error, i);
			failure.context = { ...(failure.context ?? {}), itemIndex: i };
			throw failure;
		}
	}
	return output;
}

/** A required, non-empty string parameter; the error names the field (and the sale order, when known). */
export function requireText(context: IExecuteFunctions, name: string, label: string, itemIndex: number, subject?: string): string {
	const value = context.getNodeParameter(name, itemIndex, '') as unknown;
	const text = value === undefined || value === null ? '' : String(value).trim();
	if (text === '') {
		throw new NodeOperationError(context.getNode(), `${subject ? `${subject}: ` : ''}"${label}" is empty`, {
			itemIndex,
			description: `Set the "${label}" field (or the expression that fills it) for item ${itemIndex + 1}.`,
		});
	}
	return text;
}

/** The value of a resource locator parameter (list or ID mode), trimmed. */
export function locatorValue(context: IExecuteFunctions, name: string, itemIndex: number): string {
	const value = context.getNodeParameter(name, itemIndex, '', { extractValue: true }) as unknown;
	return value === undefined || value === null ? '' : String(value).trim();
}
