import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { asItemError } from '../../../shared/items';
import { apiRequest } from '../../transport';

export const CONSIGNMENTS = '/consignments';

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
export function currentTracking(consignment: IDataObject): Required<Omit<ConsignmentChanges, 'status'>> & { status: string } {
	const references = (consignment.references as IDataObject | undefined) ?? {};
	const tracking = ((consignment.details as IDataObject | undefined)?.tracking as IDataObject | null | undefined) ?? {};
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
	return (Object.keys(changes) as (keyof ConsignmentChanges)[]).every((key) => changes[key] === undefined || changes[key] === now[key]);
}

/**
 * Applies `changes` to a copy of the consignment as read: tracking number to
 * `references.tracking`, carrier to `details.tracking.companyName`, URL to `details.tracking.url`.
 * Everything else is sent back exactly as it was read, because PUT replaces the whole entity.
 */
export function applyChanges(consignment: IDataObject, changes: ConsignmentChanges): IDataObject {
	const next = structuredClone(consignment);
	if (changes.trackingNumber !== undefined) {
		next.references = { ...((next.references as IDataObject | undefined) ?? {}), tracking: changes.trackingNumber };
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

function httpStatusOf(error: unknown): number | undefined {
	const code = Number((error as { httpCode?: unknown })?.httpCode);
	return Number.isFinite(code) ? code : undefined;
}

/**
 * Read, modify, PUT with `If-Match: <version>`. A 409 or 412 means someone else wrote in between:
 * read the fresh entity and apply the same changes again, so their changes survive too.
 */
export async function updateConsignment(
	context: IExecuteFunctions,
	id: string,
	changes: ConsignmentChanges,
	itemIndex: number,
): Promise<UpdateResult> {
	const path = `${CONSIGNMENTS}/${encodeURIComponent(id)}`;
	let conflicts = 0;
	for (let attempt = 1; ; attempt++) {
		const current = (await apiRequest<IDataObject>(context, { method: 'GET', path, itemIndex })).body ?? {};
		if (alreadyApplied(current, changes)) return { consignment: current, unchanged: true, conflicts };
		const version = current.version;
		if (version === undefined || version === null) {
			throw new NodeOperationError(context.getNode(), `Consignment ${id} came back without a version, so it cannot be updated safely`, { itemIndex });
		}
		try {
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
			const status = httpStatusOf(error);
			if ((status === 409 || status === 412) && attempt < MAX_ATTEMPTS) {
				conflicts++;
				continue;
			}
			throw asItemError(context.getNode(), error, itemIndex);
		}
	}
}
