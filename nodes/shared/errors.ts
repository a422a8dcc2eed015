/**
 * Failures worded for the one who must act on them. An AI agent gets only an error's message (n8n
 * hands a failed tool call to the model as `{ error: message }`), so the message itself names the
 * order, the field and what to do; the API's own words move to the description.
 */
import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { asItemError } from './items';
import { readHttpFailure } from './transport/request';

/**
 * The error of a look-up: a 404 becomes `message` (what was not found and what to do), with the
 * API's answer as its description; anything else stays as it was.
 */
export function explainNotFound(
	context: IExecuteFunctions,
	error: unknown,
	itemIndex: number,
	message: string,
): Error {
	if (readHttpFailure(error).status !== 404)
		return asItemError(context.getNode(), error, itemIndex);
	return new NodeOperationError(context.getNode(), message, {
		itemIndex,
		description: (error as Error).message,
	});
}
