import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { forEachItem } from '../../../shared/items';
import { apiRequest } from '../../transport';
import { SALE_ORDER_ID_HINT, SALE_ORDERS, saleOrderIdField } from './common';
import { requireText } from '../common.descriptions';

const properties: INodeProperties[] = [
	saleOrderIdField,
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		required: true,
		default: 'data',
		hint: 'The name of the input binary field holding the file, e.g. a Starshipit label PDF',
	},
	{
		displayName: 'Document Type',
		name: 'documentType',
		type: 'options',
		options: [{ name: 'Outbound Order Invoice', value: 'OUTBOUND_ORDER_INVOICE' }],
		default: 'OUTBOUND_ORDER_INVOICE',
		description: 'The only document type CartonCloud documents for sale orders',
	},
	{
		displayName: 'File Name',
		name: 'fileName',
		type: 'string',
		default: '',
		description: "Name to store the document under; the binary file's own name when empty",
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['saleOrder'], operation: ['addDocument'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await forEachItem(this, items, async (i) => {
		const id = requireText(this, 'saleOrderId', 'Sale Order ID', i, undefined, SALE_ORDER_ID_HINT);
		const property = requireText(
			this,
			'binaryPropertyName',
			'Input Binary Field',
			i,
			`Sale order ${id}`,
		);
		const binary = this.helpers.assertBinaryData(i, property);
		const buffer = await this.helpers.getBinaryDataBuffer(i, property);
		const name = String(
			this.getNodeParameter('fileName', i, '') ||
				binary.fileName ||
				`document-${id}.${binary.fileExtension ?? 'pdf'}`,
		);
		const body = {
			type: this.getNodeParameter('documentType', i, 'OUTBOUND_ORDER_INVOICE') as string,
			content: { name, data: buffer.toString('base64') },
		};
		const response = await apiRequest<IDataObject>(this, {
			method: 'POST',
			path: `${SALE_ORDERS}/${encodeURIComponent(id)}/documents`,
			body,
			itemIndex: i,
		});
		return response.body ?? {};
	});
}
