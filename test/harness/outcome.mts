/**
 * Reading the items a writing operation returns, whatever the node version: a successful item
 * leads with `outcome`; a failed one carries it under `error` (version 2, beside the input's own
 * fields) or under `details` with the reason in `error` (version 1).
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

type Item = Pick<INodeExecutionData, 'json'>;

/** The outcome block of an item (status, order_number, reason …), or undefined. */
export function outcomeOf(item: Item): IDataObject | undefined {
	const { error, details, outcome } = item.json as {
		error?: unknown;
		details?: { outcome?: unknown };
		outcome?: unknown;
	};
	if (typeof error === 'object' && error !== null) return error as IDataObject;
	if (typeof error === 'string' && typeof details?.outcome === 'object')
		return details.outcome as IDataObject;
	return typeof outcome === 'object' && outcome !== null ? (outcome as IDataObject) : undefined;
}

/** Why an item failed (its reason), or undefined for an item that did not fail. */
export function reasonOf(item: Item): string | undefined {
	const { error } = item.json;
	if (error === undefined) return undefined;
	return typeof error === 'string' ? error : String((error as IDataObject).reason);
}
