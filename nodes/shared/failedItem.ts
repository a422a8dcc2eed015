import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

/**
 * The output for an input item that failed while the node continues on fail (both nodes use it).
 * Shaped as n8n expects an error item: only `error` (the message, which names the order and the
 * field) and `details` (what the item concerns: order number, customer reference, the API's own
 * description). n8n sends exactly such items down the error branch ("On Error: Continue (using
 * error output)"), merged with the input item they came from; with "Continue" they stay in the
 * main output as they are. Built from the message alone, so nothing of a request can ride along.
 */
export function failedItem(error: unknown, itemIndex: number, details: IDataObject = {}): INodeExecutionData {
	const message = error instanceof Error ? error.message : String(error);
	const description = (error as { description?: unknown })?.description;
	const allDetails: IDataObject = { ...details };
	if (typeof description === 'string' && description !== '') allDetails.description = description;
	return { json: { error: message, details: allDetails }, pairedItem: { item: itemIndex } };
}
