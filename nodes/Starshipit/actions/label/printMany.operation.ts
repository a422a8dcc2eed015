import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { labelFileName, pdfBinaries } from '../../helpers/binary';
import { asItemError, failedItem } from '../../../shared/items';
import { appErrors, starshipitRequest } from '../../transport';
import { binaryPropertyProperty, readOrderIds } from '../common.descriptions';

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
		description: "Starshipit order IDs of this item (comma-separated for several). All items' orders are printed in as few calls as possible.",
	},
	{
		displayName: 'Reprint',
		name: 'reprint',
		type: 'boolean',
		displayOptions: { show },
		default: false,
		description: 'Whether to get labels already printed instead of printing new ones',
	},
	binaryPropertyProperty(show, 'label'),
];

/** A bulk label entry; the reply keys are UNCONFIRMED, so several spellings are read. */
function readLabel(entry: unknown): { orderId?: number; base64?: unknown; type?: unknown } {
	if (typeof entry === 'string') return { base64: entry };
	const e = (entry ?? {}) as IDataObject;
	return { orderId: e.order_id === undefined ? undefined : Number(e.order_id), base64: e.label ?? e.base64 ?? e.pdf ?? e.data, type: e.label_type ?? e.type };
}

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const outputs: INodeExecutionData[][] = items.map(() => []);
	const wanted: Array<{ itemIndex: number; orderIds: number[] }> = [];
	for (let i = 0; i < items.length; i++) {
		try {
			wanted.push({ itemIndex: i, orderIds: readOrderIds(this, i) });
		} catch (error) {
			if (!this.continueOnFail()) throw asItemError(this.getNode(), error, i);
			outputs[i] = [failedItem(error, i)];
		}
	}
	const allIds = [...new Set(wanted.flatMap((w) => w.orderIds))];
	const labels = new Map<number, { base64: unknown; type: unknown }>();
	const errors: string[] = [];
	const reprint = items.length ? (this.getNodeParameter('reprint', 0, false) as boolean) : false;
	for (let start = 0; start < allIds.length; start += BATCH) {
		const ids = allIds.slice(start, start + BATCH);
		const firstItem = wanted.find((w) => w.orderIds.some((id) => ids.includes(id)))?.itemIndex ?? 0;
		let reply: IDataObject;
		try {
			// Printing is not idempotent and this reply has no order numbers to reconcile by, so a
			// 5xx is reported, not retried (reprint is safe to retry).
			reply = await starshipitRequest(this, { method: 'POST', path: '/api/orders/shipments', body: { order_ids: ids, reprint }, allowAppErrors: true, idempotent: reprint, itemIndex: firstItem });
		} catch (error) {
			const body = (error as { errorResponse?: { body?: unknown } }).errorResponse?.body;
			if (!Array.isArray((body as IDataObject | undefined)?.errors)) throw asItemError(this.getNode(), error, firstItem);
			reply = body as IDataObject;
		}
		errors.push(...appErrors(reply));
		const list = Array.isArray(reply.labels) ? (reply.labels as unknown[]) : [];
		list.forEach((entry, index) => {
			const label = readLabel(entry);
			// Without order ids in the reply, labels follow the order of the request.
			const orderId = label.orderId ?? (list.length === ids.length ? ids[index] : undefined);
			if (orderId !== undefined) labels.set(orderId, { base64: label.base64, type: label.type });
		});
	}
	for (const { itemIndex, orderIds } of wanted) {
		try {
			const missing = orderIds.filter((id) => !labels.has(id));
			if (missing.length) {
				const reasons = errors.filter((line) => missing.some((id) => line.includes(String(id))));
				throw new Error(`No label for order ID ${missing.join(', ')}${reasons.length ? `: ${reasons.join('; ')}` : errors.length ? `: ${errors[0]}` : ''}`);
			}
			const property = this.getNodeParameter('binaryPropertyName', itemIndex, 'label') as string;
			const binary = await pdfBinaries(
				this,
				orderIds.map((id) => ({ base64: labels.get(id)?.base64, fileName: labelFileName(String(id), 0), what: `order ID ${id}` })),
				property,
				itemIndex,
			);
			const json: IDataObject = { order_ids: orderIds, label_types: orderIds.map((id) => (labels.get(id)?.type as string) ?? null), label_count: orderIds.length };
			outputs[itemIndex] = [{ json, binary, pairedItem: { item: itemIndex } }];
		} catch (error) {
			if (!this.continueOnFail()) throw asItemError(this.getNode(), error, itemIndex);
			outputs[itemIndex] = [failedItem(error, itemIndex)];
		}
	}
	return outputs.flat();
}
