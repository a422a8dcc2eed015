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
		displayName: 'Document ID',
		name: 'documentId',
		type: 'string',
		required: true,
		default: '',
		description: 'The ID of the document, from Get Documents',
	},
	{
		displayName: 'Put Output File in Field',
		name: 'binaryPropertyName',
		type: 'string',
		required: true,
		default: 'data',
		hint: 'The name of the output binary field to put the file in',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['saleOrder'], operation: ['downloadDocument'] } },
	properties,
);

/** The file name from a Content-Disposition header (RFC 6266: `filename*` wins over `filename`). */
export function fileNameFromDisposition(header: string | undefined): string | undefined {
	if (!header) return undefined;
	const extended = /filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i.exec(header);
	if (extended) {
		try {
			return decodeURIComponent(extended[2].trim());
		} catch {
			// fall through to the plain form
		}
	}
	const plain = /filename\s*=\s*("([^"]*)"|[^;]+)/i.exec(header);
	return plain ? (plain[2] ?? plain[1]).trim() : undefined;
}

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await forEachItem(this, items, async (i) => {
		const id = requireText(this, 'saleOrderId', 'Sale Order ID', i, undefined, SALE_ORDER_ID_HINT);
		const documentId = requireText(this, 'documentId', 'Document ID', i, `Sale order ${id}`);
		const property = requireText(
			this,
			'binaryPropertyName',
			'Put Output File in Field',
			i,
			`Sale order ${id}`,
		);
		const path = `${SALE_ORDERS}/${encodeURIComponent(id)}/documents/${encodeURIComponent(documentId)}`;
		const response = await apiRequest<Buffer | ArrayBuffer | string>(this, {
			method: 'GET',
			path: `${path}/download`,
			binary: true,
			itemIndex: i,
		});
		const raw = response.body;
		const data = Buffer.isBuffer(raw)
			? raw
			: raw instanceof ArrayBuffer
				? Buffer.from(raw)
				: Buffer.from(String(raw ?? ''), 'binary');
		let fileName = fileNameFromDisposition(response.headers['content-disposition']);
		if (!fileName) {
			// No Content-Disposition: the document's metadata carries its name.
			const meta = await apiRequest<IDataObject>(this, { method: 'GET', path, itemIndex: i });
			fileName = String(
				((meta.body?.content as IDataObject | undefined)?.name as string | undefined) ??
					`${documentId}.pdf`,
			);
		}
		const mimeType = (response.headers['content-type'] ?? 'application/octet-stream')
			.split(';')[0]
			.trim();
		const binary = await this.helpers.prepareBinaryData(data, fileName, mimeType);
		return {
			json: { saleOrderId: id, documentId, fileName, mimeType, fileSize: data.length },
			binary: { [property]: binary },
		};
	});
}
