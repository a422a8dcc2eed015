/**
 * Print Many: the parameters, and the run over all items' orders: each order's labels are looked
 * for first (an order with labels is reprinted, never printed again), then the orders are printed
 * 50 per call (printBatch.ts).
 */
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { aboutOf, failItem } from '../../../shared/items';
import { binaryPropertyProperty, readOrderIds } from '../common.descriptions';
import { failedDetails, printBatch, type Wanted } from './printBatch';
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

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const output: INodeExecutionData[] = [];
	const failed = (error: unknown, itemIndex: number, details: IDataObject = {}) => {
		output.push(failItem(this, error, itemIndex, aboutOf(details), details));
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
			for (const w of wanted) failed(reason, w.itemIndex, failedDetails(items, wanted, w));
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
