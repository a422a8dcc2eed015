import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { pdfBinaries } from '../binary';
import { failItem } from '../../../shared/items';
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
		description: "Starshipit order IDs of printed orders (comma-separated for several). All input items' orders go into one manifest.",
	},
	binaryPropertyProperty(show, 'manifest'),
];

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
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
	try {
		// A manifest is not idempotent (a retry could make a second one), so a 5xx is reported.
		const reply = await starshipitRequest(this, { method: 'POST', path: '/api/orders/manifest', body: { order_ids: ids }, itemIndex: used[0] });
		const number = reply.manifest_number ?? reply.manifest_id;
		const property = this.getNodeParameter('binaryPropertyName', used[0], 'manifest') as string;
		const binary = await pdfBinaries(
			this,
			[{ base64: reply.pdf ?? reply.manifest ?? reply.base64, fileName: `manifest-${number ?? 'starshipit'}.pdf`, what: 'the manifest' }],
			property,
			used[0],
		);
		const json: IDataObject = { manifest_number: number, order_ids: ids };
		return [{ json, binary, pairedItem }, ...failed];
	} catch (error) {
		return [...used.map((i) => failItem(this, error, i)), ...failed];
	}
}
