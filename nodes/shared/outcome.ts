/**
 * What happened to one order, in the first column of every item a writing operation returns
 * (create, create many, print, write back): an ops person reads `outcome.status` and
 * `outcome.reason` in the editor's table view without scrolling past forty order fields.
 *
 * A failed item (`failedOutcomeItem`) keeps its input item whole and carries the outcome under
 * `error` (node version 2; see there).
 */
import type {
	IDataObject,
	INodeExecutionData,
	NodeApiError,
	NodeOperationError,
} from 'n8n-workflow';

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
	/** The orders were put on a carrier manifest. */
	| 'manifested'
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
	/** One sentence naming the order and the field, and what to do, on failure or unknown; why, when ignored. */
	reason?: string;
	/** Something a person should know although the item succeeded. */
	warning?: string;
}

/** Drops the keys that are undefined, so the table view shows no empty columns. */
function compact(outcome: Outcome): IDataObject {
	const result: IDataObject = {};
	for (const [key, value] of Object.entries(outcome))
		if (value !== undefined && value !== '') result[key] = value;
	return result;
}

/** An item led by its outcome, then the data. */
export function outcomeItem(
	outcome: Outcome,
	data: IDataObject,
	itemIndex: number,
): INodeExecutionData {
	// `outcome` is the first key; a stale outcome inside `data` takes its place but not its value.
	// Spread, not copied key by key: V8 turns an object given more than a dozen keys one by one
	// into a dictionary, and 10,000 such output items held 14 MB more until the run ended.
	const json: IDataObject = { outcome: undefined, ...data };
	json.outcome = compact(outcome);
	return { json, pairedItem: { item: itemIndex } };
}

export type ItemError = NodeApiError | NodeOperationError;

/** What a failed item is about: the order, and failed or unknown (failed when not said). */
export type FailedAbout = Omit<Outcome, 'status' | 'reason'> & { status?: 'failed' | 'unknown' };

/**
 * A failed item. Its reason is the error's message (one sentence naming the order and the field
 * and what to do); the error's description, when there is one, rides along. Built from the
 * message alone, so nothing of a request (headers, keys) can ride along.
 *
 * - Version 2 and later: the input item whole, with the outcome block (status, order number,
 *   reason …) under `error`, the one key n8n reserves for a failure. On the error output ("On
 *   Error: Continue (using error output)") n8n routes an item whose JSON holds only `error`,
 *   `message` or `details` and merges it into its input item, so the item sent is `{ error }`
 *   alone; with "Continue" it is built the same way here. Either way the sale order's own fields
 *   (its `details` included) stay as they were, so a reason's field path
 *   (`details.deliver.address.address1`) points at a field the item still carries. n8n puts the
 *   input's keys first; the bundled workflows' error branch lays the outcome out first.
 * - Version 1: `{ error, details: { outcome, … } }`, which replaced an input's own `details`.
 */
export function failedOutcomeItem(
	error: ItemError,
	itemIndex: number,
	input: { version: number; json?: IDataObject; toErrorOutput: boolean },
	about: FailedAbout = {},
	details: IDataObject = {},
): INodeExecutionData {
	const description =
		typeof error.description === 'string' && error.description !== ''
			? error.description
			: undefined;
	const outcome = compact({ ...about, status: about.status ?? 'failed', reason: error.message });
	if (input.version >= 2) {
		if (description) outcome.description = description;
		return {
			json: input.toErrorOutput ? { error: outcome } : { ...input.json, error: outcome },
			pairedItem: { item: itemIndex },
		};
	}
	const allDetails: IDataObject = { outcome, ...details };
	if (description) allDetails.description = description;
	return { json: { error: error.message, details: allDetails }, pairedItem: { item: itemIndex } };
}
