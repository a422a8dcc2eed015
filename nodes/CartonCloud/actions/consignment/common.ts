import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { asItemError } from '../../../shared/items';
import { readHttpFailure } from '../../../shared/transport/failure';
import type { SearchCondition } from '../../transport/conditions';
import { apiRequest } from '../../transport';
import { CONSIGNMENTS } from '../../transport/consignmentLookup';

export { CONSIGNMENTS };

/** What to do about an empty or unknown Consignment ID (the message an AI agent reads). */
export const CONSIGNMENT_ID_HINT =
	"give the consignment's ID (a UUID); to find the consignment of a sale order, search consignments (Get Many) by Sale Order ID or Customer Reference";

/**
 * The consignment fields CartonCloud documents for search (reference §4): ValueField keys, and
 * the pointers `/generatedFromTask/id` and `/details/type`. Anything else (status, id, type …) is
 * filtered client-side.
 */
export type ConsignmentValueField = 'reference' | 'customerName' | 'customerId';

/** A text leaf on a documented consignment ValueField key (the search grammar's older field form). */
export function consignmentField(key: ConsignmentValueField, value: string): SearchCondition {
	return {
		type: 'TextComparisonCondition',
		field: { type: 'ValueField', value: key },
		value: { type: 'ValueField', value },
		method: 'EQUAL_TO',
	} as unknown as SearchCondition;
}

/** What an update may change; undefined leaves the field as it is. */
export interface ConsignmentChanges {
	trackingNumber?: string;
	carrierName?: string;
	trackingUrl?: string;
	status?: string;
}

export interface UpdateResult {
	consignment: IDataObject;
	unchanged: boolean;
	/** PUT attempts that met a stale version (409/412) before one went through. */
	conflicts: number;
}

const MAX_ATTEMPTS = 5;

/** The tracking values a consignment holds now. */
export function currentTracking(
	consignment: IDataObject,
): Required<Omit<ConsignmentChanges, 'status'>> & { status: string } {
	const references = (consignment.references as IDataObject | undefined) ?? {};
	const tracking =
		((consignment.details as IDataObject | undefined)?.tracking as
			| IDataObject
			| null
			| undefined) ?? {};
	const str = (v: unknown) => (v === undefined || v === null ? '' : String(v));
	return {
		trackingNumber: str(references.tracking),
		carrierName: str(tracking.companyName),
		trackingUrl: str(tracking.url),
		status: str(consignment.status),
	};
}

/** Whether the consignment already holds every value in `changes`. */
export function alreadyApplied(consignment: IDataObject, changes: ConsignmentChanges): boolean {
	const now = currentTracking(consignment);
	return (Object.keys(changes) as (keyof ConsignmentChanges)[]).every(
		(key) => changes[key] === undefined || changes[key] === now[key],
	);
}

/**
 * Applies `changes` to a copy of the consignment as read: tracking number to
 * `references.tracking`, carrier to `details.tracking.companyName`, URL to `details.tracking.url`.
 * Everything else is sent back exactly as it was read, because PUT replaces the whole entity.
 * Only the objects on the changed paths are copied; the rest is shared with the consignment as
 * read, which nothing changes (a deep copy per PUT was the largest garbage of a 10,000-order write-back).
 */
export function applyChanges(consignment: IDataObject, changes: ConsignmentChanges): IDataObject {
	const next: IDataObject = { ...consignment };
	if (changes.trackingNumber !== undefined) {
		next.references = {
			...((next.references as IDataObject | undefined) ?? {}),
			tracking: changes.trackingNumber,
		};
	}
	if (changes.carrierName !== undefined || changes.trackingUrl !== undefined) {
		const details = ((next.details as IDataObject | undefined) ?? {}) as IDataObject;
		const tracking = { ...((details.tracking as IDataObject | null | undefined) ?? {}) };
		if (changes.carrierName !== undefined) tracking.companyName = changes.carrierName;
		if (changes.trackingUrl !== undefined) tracking.url = changes.trackingUrl;
		next.details = { ...details, tracking };
	}
	if (changes.status !== undefined) next.status = changes.status;
	return next;
}

export interface UpdateOptions {
	/**
	 * The consignment as a search just returned it, version included: the first PUT goes out with
	 * that version directly, with no GET before it. A GET happens only after a 409/412.
	 */
	known?: IDataObject;
	/** How messages name what the consignment belongs to, e.g. `Sale order "SO-1" (uuid)`. */
	subject?: string;
}

/**
 * Modify, PUT with `If-Match: <version>`. A 409 or 412 means someone else wrote in between: read
 * the fresh entity and apply the same changes to it, so the other writer's fields survive too.
 * A failure names the consignment (and the sale order when `subject` says which).
 */
export async function updateConsignment(
	context: IExecuteFunctions,
	id: string,
	changes: ConsignmentChanges,
	itemIndex: number,
	options: UpdateOptions = {},
): Promise<UpdateResult> {
	const path = `${CONSIGNMENTS}/${encodeURIComponent(id)}`;
	const who = `${options.subject ? `${options.subject}: ` : ''}consignment ${id}`;
	let conflicts = 0;
	let current: IDataObject | undefined = options.known;
	for (let attempt = 1; ; attempt++) {
		try {
			current ??=
				(await apiRequest<IDataObject>(context, { method: 'GET', path, itemIndex })).body ?? {};
			if (alreadyApplied(current, changes))
				return { consignment: current, unchanged: true, conflicts };
			const version = current.version;
			if (version === undefined || version === null) {
				if (options.known && current === options.known) {
					// A search reply without versions: read the entity once to get one.
					current = undefined;
					continue;
				}
				throw new NodeOperationError(
					context.getNode(),
					`${who} came back without a version, so it cannot be updated safely`,
					{ itemIndex },
				);
			}
			const response = await apiRequest<IDataObject>(context, {
				method: 'PUT',
				path,
				body: applyChanges(current, changes),
				headers: { 'If-Match': String(version) },
				// PUT with If-Match is safe to resend: a repeat meets a stale version, not a double write.
				idempotent: true,
				itemIndex,
			});
			return { consignment: response.body ?? {}, unchanged: false, conflicts };
		} catch (error) {
			const status = readHttpFailure(error).status;
			if ((status === 409 || status === 412) && attempt < MAX_ATTEMPTS) {
				conflicts++;
				current = undefined;
				continue;
			}
			throw nameTheConsignment(context, error, who, itemIndex);
		}
	}
}

/** The same error, its message led by the sale order and the consignment it concerns. */
function nameTheConsignment(
	context: IExecuteFunctions,
	error: unknown,
	who: string,
	itemIndex: number,
): Error {
	const wrapped = asItemError(context.getNode(), error, itemIndex);
	if (!wrapped.message.startsWith(who)) wrapped.message = `${who}: ${wrapped.message}`;
	return wrapped;
}
