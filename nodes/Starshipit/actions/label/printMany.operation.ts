import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { labelFileName, pdfBinaries } from '../binary';
import { NodeOperationError } from 'n8n-workflow';
import { failItem } from '../../../shared/items';
import { outcomeItem } from '../../../shared/outcome';
import { appErrors, starshipitRequest } from '../../transport';
import { binaryPropertyProperty, readOrderIds } from '../common.descriptions';
import { labelledAmong } from './shipment';

const show = { resource: ['label'], operation: ['printMany'] };
const BATCH = 50;

export const description: INodeProperties[] = [
	{
		displayName:
			'Bulk printing returns labels only, <b>no tracking numbers</b>. Use Print (one order per call) when you need tracking numbers, or get them afterwards with Tracking > Get.',
		name: 'printManyNotice',
		type: 'notice',
		displayOptions: { show },
		default: '',
	},
	{
		displayName: 'Order IDs',
		name: 'orderIds',
		type: 'string',
		required: true,
		displayOptions: { show },
		default: '={{ $json.order_id }}',
		description:
			"Starshipit order IDs of this item (comma-separated for several). All items' orders are printed 50 per call. Starshipit's reply does not say which file is whose, so each call's files come back once, as one item naming every order of the call.",
	},
	{
		displayName: 'Reprint',
		name: 'reprint',
		type: 'boolean',
		displayOptions: { show },
		default: false,
		description:
			'Whether to get labels already printed instead of printing new ones. Without it, orders that already have labels are not printed again (that would buy a second label): their existing labels are fetched the same way.',
	},
	binaryPropertyProperty(show, 'label'),
];

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
export function readBulkLabel(entry: unknown): BulkLabel {
	if (typeof entry === 'string') return { base64: entry, type: undefined };
	const e = (entry ?? {}) as IDataObject;
	const id = e.order_id ?? e.orderId;
	return {
		orderId: id === undefined || id === null || id === '' ? undefined : Number(id),
		base64: e.label_base64_string ?? e.labelBase64String ?? e.label ?? e.base64 ?? e.pdf,
		type: e.label_type ?? e.labelType ?? e.type,
	};
}

interface Wanted {
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

/** Whether an error line names this order id or number as a whole word (so 12 is not found in 123). */
function mentionsName(line: string, name: string): boolean {
	const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
	return new RegExp(`(^|[^\\w-])${escaped}($|[^\\w-])`).test(line);
}

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const output: INodeExecutionData[] = [];
	const failed = (error: unknown, itemIndex: number, details: IDataObject = {}) => {
		output.push(
			failItem(
				this,
				error,
				itemIndex,
				{
					order_number: typeof details.order_number === 'string' ? details.order_number : undefined,
				},
				details,
			),
		);
	};
	const wanted: Wanted[] = [];
	for (let i = 0; i < items.length; i++) {
		try {
			wanted.push({ itemIndex: i, orderIds: readOrderIds(this, i) });
		} catch (error) {
			failed(error, i);
		}
	}
	const allIds = [...new Set(wanted.flatMap((w) => w.orderIds))];
	const reprintAll = items.length ? (this.getNodeParameter('reprint', 0, false) as boolean) : false;
	const property = items.length
		? (this.getNodeParameter('binaryPropertyName', 0, 'label') as string)
		: 'label';

	// Look before printing (issue 13.9): an order with labels is reprinted, never printed again.
	let labelled = new Set<number>();
	if (!reprintAll && allIds.length) {
		try {
			labelled = await labelledAmong(
				this,
				allIds.map((id) => {
					const w = wanted.find((x) => x.orderIds.includes(id))!;
					const json = items[w.itemIndex].json;
					// Items are usually Starshipit orders: their own order_date bounds the listing.
					return {
						orderId: id,
						orderDate:
							Number(json.order_id) === id && typeof json.order_date === 'string'
								? json.order_date
								: undefined,
						itemIndex: w.itemIndex,
					};
				}),
			);
		} catch (error) {
			const reason = new NodeOperationError(
				this.getNode(),
				`Nothing was printed: could not check which orders already have labels: ${(error as Error).message}`,
				{
					itemIndex: wanted[0].itemIndex,
				},
			);
			for (const w of wanted)
				failed(reason, w.itemIndex, {
					order_number: numbersFor(items, wanted, w.orderIds).join(', '),
					order_ids: w.orderIds,
				});
			return output;
		}
	}
	const groups = [
		{ ids: allIds.filter((id) => !reprintAll && !labelled.has(id)), reprint: false },
		{ ids: allIds.filter((id) => reprintAll || labelled.has(id)), reprint: true },
	];
	for (const group of groups) {
		for (let start = 0; start < group.ids.length; start += BATCH) {
			await printBatch.call(
				this,
				items,
				wanted,
				group.ids.slice(start, start + BATCH),
				group.reprint,
				property,
				output,
				failed,
			);
		}
	}
	return output;
}

/** One bulk call for up to 50 orders; its items go to `output` (or through `failed`). */
async function printBatch(
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
		const body = (error as { errorResponse?: { body?: unknown } }).errorResponse?.body;
		if (!Array.isArray((body as IDataObject | undefined)?.errors)) {
			// The whole call failed (refused key, exhausted 429, 5xx): every item of the batch fails with the reason.
			for (const w of members)
				failed(error, w.itemIndex, {
					order_number: numbersOf(w).join(', '),
					order_ids: w.orderIds,
				});
			return;
		}
		reply = body as IDataObject;
	}
	const errors = appErrors(reply);
	const files = (Array.isArray(reply.labels) ? (reply.labels as unknown[]) : []).map(readBulkLabel);
	// An error line names an order by its id or its number (when the input item carries it).
	const names = (id: number) =>
		[String(id), orderNumberOf(items, wanted, id)].filter((n): n is string => !!n);
	const mentions = (line: string, id: number) => names(id).some((name) => mentionsName(line, name));
	const refused = new Set(ids.filter((id) => errors.some((line) => mentions(line, id))));
	const perOrder = files.length > 0 && files.every((f) => f.orderId !== undefined);
	for (const w of members) {
		const bad = w.orderIds.filter(
			(id) => refused.has(id) || (perOrder && !files.some((f) => f.orderId === id)),
		);
		if (bad.length || files.length === 0) {
			const reasons = errors.filter((line) => bad.some((id) => mentions(line, id)));
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
				{
					order_number: numbersOf(w).join(', '),
					order_ids: w.orderIds,
				},
			);
		}
	}
	const printedMembers = members.filter(
		(w) =>
			w.orderIds.every((id) => !refused.has(id)) &&
			files.length > 0 &&
			(!perOrder || w.orderIds.every((id) => files.some((f) => f.orderId === id))),
	);
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
		const batchNumbers = batchIds.map((id) => numbers[ids.indexOf(id)] ?? String(id));
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
		for (const w of printedMembers)
			failed(error, w.itemIndex, { order_number: numbersOf(w).join(', '), order_ids: w.orderIds });
	}
}
