/**
 * One call of Print Many (printMany.operation.ts): `POST /api/orders/shipments` for up to 50 orders,
 * and its reply turned into items. The reply's label entries rarely say whose each file is, and its
 * error lines name orders by id or number, so this is where files and errors are matched to input
 * items (files once for the whole call when they cannot be, never assigned by position).
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { outcomeItem } from '../../../shared/outcome';
import { appErrors, errorBody, mentions, starshipitRequest } from '../../transport';
import { labelFileName, pdfBinaries } from '../binary';

/** One file of a bulk reply; `orderId` only when the entry says whose it is. */
interface BulkLabel {
	orderId?: number;
	base64: unknown;
	type: unknown;
}

/**
 * A bulk label entry: `{label_type, label_base64_string}` (rknell/starshipit_dart), or camelCase
 * `{labelType, labelBase64String}` (MindCloud). Neither carries an order id; one is read if present.
 */
function readBulkLabel(entry: unknown): BulkLabel {
	if (typeof entry === 'string') return { base64: entry, type: undefined };
	const e = (entry ?? {}) as IDataObject;
	const id = e.order_id ?? e.orderId;
	return {
		orderId: id === undefined || id === null || id === '' ? undefined : Number(id),
		base64: e.label_base64_string ?? e.labelBase64String ?? e.label ?? e.base64 ?? e.pdf,
		type: e.label_type ?? e.labelType ?? e.type,
	};
}

export interface Wanted {
	itemIndex: number;
	orderIds: number[];
}

/** The order number an input item carries for an order id (items usually are Starshipit orders). */
function orderNumberOf(
	items: INodeExecutionData[],
	wanted: Wanted[],
	id: number,
): string | undefined {
	for (const w of wanted) {
		const json = items[w.itemIndex].json;
		if (
			w.orderIds.includes(id) &&
			Number(json.order_id) === id &&
			typeof json.order_number === 'string'
		)
			return json.order_number;
	}
	return undefined;
}

/** Order numbers for these ids where the input items carry them, else the ids themselves. */
function numbersFor(items: INodeExecutionData[], wanted: Wanted[], ids: number[]): string[] {
	return ids.map((id) => orderNumberOf(items, wanted, id) ?? String(id));
}

/** What a failed item shows of its orders (`failed`'s details). */
export function failedDetails(
	items: INodeExecutionData[],
	wanted: Wanted[],
	w: Wanted,
): IDataObject {
	return { order_number: numbersFor(items, wanted, w.orderIds).join(', '), order_ids: w.orderIds };
}

/** One bulk call for up to 50 orders; its items go to `output` (or through `failed`). */
export async function printBatch(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	wanted: Wanted[],
	ids: number[],
	reprint: boolean,
	property: string,
	output: INodeExecutionData[],
	failed: (error: unknown, itemIndex: number, details?: IDataObject) => void,
): Promise<void> {
	const status = reprint ? 'reprinted' : 'printed';
	// Each member item answers here for its orders of this batch only.
	const members = wanted
		.map((w) => ({ ...w, orderIds: w.orderIds.filter((id) => ids.includes(id)) }))
		.filter((w) => w.orderIds.length > 0);
	const numbersOf = (w: Wanted) => numbersFor(items, wanted, w.orderIds);
	const detailsOf = (w: Wanted) => failedDetails(items, wanted, w);
	const numbers = numbersFor(items, wanted, ids);
	let reply: IDataObject;
	try {
		// Printing is not idempotent and this reply has no order numbers to reconcile by, so a
		// 5xx is reported, not retried (reprint is safe to retry).
		reply = await starshipitRequest(this, {
			method: 'POST',
			path: '/api/orders/shipments',
			body: { order_ids: ids, reprint },
			allowAppErrors: true,
			idempotent: reprint,
			itemIndex: members[0]?.itemIndex,
		});
	} catch (error) {
		const body = errorBody(error);
		if (!body) {
			// The whole call failed (refused key, exhausted 429, 5xx): every item of the batch fails with the reason.
			for (const w of members) failed(error, w.itemIndex, detailsOf(w));
			return;
		}
		reply = body;
	}
	const errors = appErrors(reply);
	const files = (Array.isArray(reply.labels) ? (reply.labels as unknown[]) : []).map(readBulkLabel);
	// An error line names an order by its id or its number (when the input item carries it).
	const names = (id: number) =>
		[String(id), orderNumberOf(items, wanted, id)].filter((n): n is string => !!n);
	const mentionsId = (line: string, id: number) => names(id).some((name) => mentions(line, name));
	const refused = new Set(ids.filter((id) => errors.some((line) => mentionsId(line, id))));
	const perOrder = files.length > 0 && files.every((f) => f.orderId !== undefined);
	const printedMembers: Wanted[] = [];
	for (const w of members) {
		const bad = w.orderIds.filter(
			(id) => refused.has(id) || (perOrder && !files.some((f) => f.orderId === id)),
		);
		if (bad.length || files.length === 0) {
			const reasons = errors.filter((line) => bad.some((id) => mentionsId(line, id)));
			const reason = reasons.length
				? reasons.join('; ')
				: (errors[0] ?? 'Starshipit returned no label');
			failed(
				new NodeOperationError(
					this.getNode(),
					`No label for order ID ${(bad.length ? bad : w.orderIds).join(', ')}: ${reason}`,
					{ itemIndex: w.itemIndex },
				),
				w.itemIndex,
				detailsOf(w),
			);
		} else printedMembers.push(w);
	}
	if (printedMembers.length === 0) return;
	try {
		if (perOrder) {
			// The reply says whose each file is: one item per input item with its own files.
			for (const w of printedMembers) {
				const own = files.filter((f) => f.orderId !== undefined && w.orderIds.includes(f.orderId));
				const binary = await pdfBinaries(
					this,
					own.map((f, n) => ({
						base64: f.base64,
						fileName: labelFileName(String(f.orderId), n),
						what: `order ID ${f.orderId}`,
					})),
					property,
					w.itemIndex,
				);
				const orderNumbers = numbersOf(w);
				output.push({
					...outcomeItem(
						{ status, order_number: orderNumbers.join(', ') },
						{
							order_ids: w.orderIds,
							order_numbers: orderNumbers,
							label_types: own.map((f) => f.type ?? null),
							label_count: own.length,
						},
						w.itemIndex,
					),
					binary,
				});
			}
			return;
		}
		// No order id per file: the batch's files once, with every order number of the batch.
		// Assigning them by position would put one order's label on another's parcel.
		// Every order the call printed is in these files, also one whose item failed for another order.
		const batchIds = ids.filter((id) => !refused.has(id));
		const batchNumbers = batchIds.map((id) => numbers[ids.indexOf(id)]);
		const binary = await pdfBinaries(
			this,
			files.map((f, n) => ({
				base64: f.base64,
				fileName: labelFileName(`batch-${batchIds[0]}`, n, 'labels'),
				what: `file ${n + 1} of the batch`,
			})),
			property,
			printedMembers[0].itemIndex,
		);
		output.push({
			json: outcomeItem(
				{
					status,
					order_number: batchNumbers.join(', '),
					warning:
						'Starshipit did not say which file belongs to which order: the files are returned once for the whole batch',
				},
				{
					order_ids: batchIds,
					order_numbers: batchNumbers,
					label_types: files.map((f) => f.type ?? null),
					label_count: files.length,
					files_per_order_known: false,
				},
				printedMembers[0].itemIndex,
			).json,
			binary,
			pairedItem: printedMembers.map((w) => ({ item: w.itemIndex })),
		});
	} catch (error) {
		for (const w of printedMembers) failed(error, w.itemIndex, detailsOf(w));
	}
}
