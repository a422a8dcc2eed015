import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { requireText, returnAllOrLimit } from '../common.descriptions';
import { forEachItem } from '../../../shared/items';
import { fetchPages } from '../../transport';
import { SALE_ORDER_ID_HINT, SALE_ORDERS, saleOrderIdField } from './common';

const properties: INodeProperties[] = [saleOrderIdField, ...returnAllOrLimit({})];

export const description = updateDisplayOptions(
	{ show: { resource: ['saleOrder'], operation: ['getDocuments'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await forEachItem(this, items, async (i) => {
		const id = requireText(this, 'saleOrderId', 'Sale Order ID', i, undefined, SALE_ORDER_ID_HINT);
		const returnAll = this.getNodeParameter('returnAll', i, false) as boolean;
		const limit = this.getNodeParameter('limit', i, 50) as number;
		const documents = await fetchPages(
			this,
			{ method: 'GET', path: `${SALE_ORDERS}/${encodeURIComponent(id)}/documents` },
			{ returnAll, limit, itemIndex: i },
		);
		return documents.map((document) => ({ ...document, saleOrderId: id }));
	});
}
