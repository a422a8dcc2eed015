/**
 * The per-item loop both nodes share, and the one place a failed input item becomes output: every
 * output item is paired with its input item, and with Continue On Fail one item's error becomes a
 * failed item (`failedOutcomeItem`) while the other items go on; without it the first failure
 * stops the node.
 */
import type { IDataObject, IExecuteFunctions, INode, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { failedOutcomeItem, type FailedAbout, type ItemError } from './outcome';

export interface ItemContext {
	/** What the item concerns (order number, customer reference), set as soon as it is known so a failed item can name it. */
	details?: IDataObject;
}

export type ItemResult = IDataObject | IDataObject[] | INodeExecutionData | INodeExecutionData[];

function isExecutionData(value: unknown): value is INodeExecutionData {
	return (
		typeof value === 'object' &&
		value !== null &&
		'json' in value &&
		typeof (value as { json: unknown }).json === 'object'
	);
}

/** Wraps what an operation returned for item `i` as output items paired with that item. */
export function toItems(result: ItemResult, itemIndex: number): INodeExecutionData[] {
	const list = Array.isArray(result) ? result : [result];
	return list.map((entry) =>
		isExecutionData(entry)
			? { ...entry, pairedItem: entry.pairedItem ?? { item: itemIndex } }
			: { json: entry as IDataObject, pairedItem: { item: itemIndex } },
	);
}

/**
 * The error as n8n shows it, carrying the item index: API and operation errors as they are
 * (also when they come from another copy of n8n-workflow, hence the name check), anything else
 * wrapped.
 */
export function asItemError(node: INode, error: unknown, itemIndex?: number): ItemError {
	const name = (error as { name?: unknown })?.name;
	if (
		error instanceof NodeApiError ||
		error instanceof NodeOperationError ||
		name === 'NodeApiError' ||
		name === 'NodeOperationError'
	) {
		const known = error as NodeApiError;
		known.context = { ...(known.context ?? {}) };
		if (itemIndex !== undefined) known.context.itemIndex ??= itemIndex;
		return known;
	}
	return new NodeOperationError(node, error as Error, { itemIndex });
}

/** What a failed item names: `order_number` and `customerReference` of an item's details, when known. */
export function aboutOf(details: IDataObject): FailedAbout {
	const orderNumber = typeof details.order_number === 'string' ? details.order_number : undefined;
	const reference =
		typeof details.customerReference === 'string' ? details.customerReference : undefined;
	return { order_number: orderNumber, sale_order_reference: reference };
}

/**
 * Input item `itemIndex` failed: without Continue On Fail this throws (stopping the node, as n8n
 * shows it); with it, the failed item to output. `about` names the order (and failed or unknown);
 * `details` is what version 1 also showed of the item.
 */
export function failItem(
	context: IExecuteFunctions,
	error: unknown,
	itemIndex: number,
	about: FailedAbout = {},
	details: IDataObject = {},
): INodeExecutionData {
	const itemError = asItemError(context.getNode(), error, itemIndex);
	if (!context.continueOnFail()) throw itemError;
	const node = context.getNode();
	const input = {
		version: node.typeVersion,
		json: context.getInputData()[itemIndex]?.json,
		toErrorOutput: node.onError === 'continueErrorOutput',
	};
	return failedOutcomeItem(itemError, itemIndex, input, about, details);
}

/**
 * The output of an operation that settles every input item at once: each entry is the item's
 * output, or the Error that failed it (see `failItem`), or undefined when it has none.
 */
export function outputOf(
	context: IExecuteFunctions,
	results: ReadonlyArray<INodeExecutionData | INodeExecutionData[] | Error | undefined>,
	aboutItem: (itemIndex: number) => { about?: FailedAbout; details?: IDataObject } = () => ({}),
): INodeExecutionData[] {
	const output: INodeExecutionData[] = [];
	results.forEach((result, itemIndex) => {
		if (result instanceof Error) {
			const { about, details } = aboutItem(itemIndex);
			output.push(failItem(context, result, itemIndex, about, details));
		} else if (Array.isArray(result)) output.push(...result);
		else if (result) output.push(result);
	});
	return output;
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
			const details = item.details ?? {};
			output.push(failItem(context, error, i, aboutOf(details), details));
		}
	}
	return output;
}
