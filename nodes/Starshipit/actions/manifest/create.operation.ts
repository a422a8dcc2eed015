import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { pdfBinaries } from '../binary';
import { failItem } from '../../../shared/items';
import { outcomeItem } from '../../../shared/outcome';
import { starshipitRequest } from '../../transport';
import { binaryPropertyProperty, readOrderIds } from '../common.descriptions';

const show = { resource: ['manifest'], operation: ['create'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Order IDs',
		name: 'orderIds',
		type: 'string',
		required: true,
		displayOptions: { show },
		default: '={{ $json.order_id }}',
		description:
			"Starshipit order IDs of printed orders (comma-separated for several). All input items' orders go into one manifest.",
	},
	binaryPropertyProperty(show, 'manifest'),
];

/**
 * Manifests the orders of all input items in one call. Starshipit answers `{label_type, pdf,
 * success, errors}` (rknell/starshipit_dart manifest_orders_response.dart): no manifest number,
 * which is read from an order afterwards (as the Odoo connector does), and for some carriers no
 * PDF at all (the Odoo connector: "Starshipit API doesn't return a PDF for TNT service").
 *
 * A manifest hands the orders to the carrier and cannot be undone: once Starshipit said yes,
 * anything that goes wrong afterwards (no PDF, an unreadable PDF, no manifest number) is a
 * warning on the successful item, never an error that would invite a second manifest.
 */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const ids: number[] = [];
	const used: number[] = [];
	const failed: INodeExecutionData[] = [];
	for (let i = 0; i < items.length; i++) {
		try {
			for (const id of readOrderIds(this, i)) if (!ids.includes(id)) ids.push(id);
			used.push(i);
		} catch (error) {
			failed.push(failItem(this, error, i));
		}
	}
	if (ids.length === 0) return failed;
	const pairedItem = used.map((item) => ({ item }));
	let reply: IDataObject;
	try {
		// A manifest is not idempotent (a retry could make a second one), so a 5xx is reported.
		reply = await starshipitRequest(this, {
			method: 'POST',
			path: '/api/orders/manifest',
			body: { order_ids: ids },
			itemIndex: used[0],
		});
	} catch (error) {
		return [...used.map((i) => failItem(this, error, i)), ...failed];
	}

	// From here on the manifest exists.
	const warnings: string[] = [];
	const number = (reply.manifest_number ??
		reply.manifest_id ??
		(await manifestNumberOf(this, ids[0], used[0], warnings))) as number | string | undefined;
	const property = this.getNodeParameter('binaryPropertyName', used[0], 'manifest') as string;
	const base64 = reply.pdf ?? reply.manifest ?? reply.base64;
	let binary: INodeExecutionData['binary'];
	if (typeof base64 === 'string' && base64 !== '') {
		try {
			binary = await pdfBinaries(
				this,
				[{ base64, fileName: `manifest-${number ?? 'starshipit'}.pdf`, what: 'the manifest' }],
				property,
				used[0],
			);
		} catch (error) {
			warnings.push(
				`the manifest PDF Starshipit returned could not be read (${(error as Error).message}); download it from Starshipit`,
			);
		}
	} else {
		warnings.push(
			'Starshipit returned no manifest PDF (some carriers, e.g. TNT, send none); download it from Starshipit if the carrier needs one',
		);
	}
	const json: IDataObject = { manifest_number: number, order_ids: ids };
	if (typeof reply.label_type === 'string') json.label_type = reply.label_type;
	const warning = warnings.length
		? `Manifested ${ids.length} order(s), but ${warnings.join('; ')}.`
		: undefined;
	const item = outcomeItem({ status: 'manifested', warning }, json, used[0]);
	return [{ ...item, ...(binary ? { binary } : {}), pairedItem }, ...failed];
}

/** The manifest number, read from the first order (the reply has none); a warning when it cannot be read. */
async function manifestNumberOf(
	context: IExecuteFunctions,
	orderId: number,
	itemIndex: number,
	warnings: string[],
): Promise<number | undefined> {
	try {
		const body = await starshipitRequest(context, {
			method: 'GET',
			path: '/api/orders',
			qs: { order_id: orderId },
			itemIndex,
		});
		const order = body.order as IDataObject | undefined;
		const number =
			order && String(order.order_id) === String(orderId) ? order.manifest_number : undefined;
		if (typeof number === 'number' && number > 0) return number;
		if (typeof number === 'string' && number !== '' && number !== '0')
			return Number(number) || undefined;
		warnings.push(`order ${orderId} shows no manifest number yet`);
	} catch (error) {
		warnings.push(
			`the manifest number could not be read from order ${orderId} (${(error as Error).message})`,
		);
	}
	return undefined;
}
