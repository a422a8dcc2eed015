/**
 * What happened to one order, in the first column of every item a writing operation returns
 * (create, create many, print, write back): an ops person reads `outcome.status` and
 * `outcome.reason` in the editor's table view without scrolling past forty order fields.
 *
 * A failed item is the one exception: n8n sends an item down the error branch ("On Error: Continue
 * (using error output)") only when its JSON holds nothing but `error`, `message` and `details`
 * (an item-level `error` makes n8n replace the JSON with the bare message), so there the reason is
 * `error` and the outcome block rides in `details`.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

export type OutcomeStatus =
	/** Starshipit order created by this run. */
	| 'created'
	/** Starshipit already held this order (another run, or an earlier one): nothing was created. */
	| 'skipped_existing'
	/** Tracking written onto the consignment, or a label printed. */
	| 'written'
	| 'printed'
	/** The consignment already held these values, or the label existed and was answered again. */
	| 'already_there'
	| 'reprinted'
	/** Nothing was done for this item, and that is the right answer (e.g. not shipped yet). */
	| 'ignored'
	/** The call's effect is unknown (e.g. a create whose check afterwards failed): look before acting. */
	| 'unknown'
	| 'failed';

export interface Outcome {
	status: OutcomeStatus;
	/** The Starshipit order number. */
	order_number?: string;
	/** The CartonCloud sale order's customer reference. */
	sale_order_reference?: string;
	/** One sentence naming the order and the field, on failure or unknown. */
	reason?: string;
	/** Something a person should know although the item succeeded. */
	warning?: string;
}

/** Drops the keys that are undefined, so the table view shows no empty columns. */
function compact(outcome: Outcome): IDataObject {
	const result: IDataObject = {};
	for (const [key, value] of Object.entries(outcome)) if (value !== undefined && value !== '') result[key] = value;
	return result;
}

/** An item led by its outcome, then the data. */
export function outcomeItem(outcome: Outcome, data: IDataObject, itemIndex: number): INodeExecutionData {
	// `outcome` is the first key; a stale outcome inside `data` takes its place but not its value.
	// Spread, not copied key by key: V8 turns an object given more than a dozen keys one by one
	// into a dictionary, and 10,000 such output items held 14 MB more until the run ended.
	const json: IDataObject = { outcome: undefined, ...data };
	json.outcome = compact(outcome);
	return { json, pairedItem: { item: itemIndex } };
}

/**
 * A failed item: `error` is the reason (one sentence naming the order and the field), `details`
 * leads with the outcome block (status failed or unknown), then what else the item concerns.
 * Built from the message alone, so nothing of a request (headers, keys) can ride along.
 */
export function failedOutcomeItem(
	error: unknown,
	itemIndex: number,
	about: Omit<Outcome, 'status' | 'reason'> & { status?: 'failed' | 'unknown' } = {},
	details: IDataObject = {},
): INodeExecutionData {
	const message = error instanceof Error ? error.message : String(error);
	const description = (error as { description?: unknown })?.description;
	const allDetails: IDataObject = { outcome: compact({ ...about, status: about.status ?? 'failed', reason: message }), ...details };
	if (typeof description === 'string' && description !== '') allDetails.description = description;
	return { json: { error: message, details: allDetails }, pairedItem: { item: itemIndex } };
}
