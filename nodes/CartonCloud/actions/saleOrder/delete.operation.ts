import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { forEachItem } from '../../../shared/items';
import { apiRequest } from '../../transport';
import { SALE_ORDER_ID_HINT, SALE_ORDERS, saleOrderIdField } from './common';
import { requireText } from '../common.descriptions';

const properties: INodeProperties[] = [
	{
		...saleOrderIdField,
		description:
			'The sale order to delete. CartonCloud allows it only in the statuses your organisation settings permit.',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['saleOrder'], operation: ['delete'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await forEachItem(this, items, async (i) => {
		const id = requireText(this, 'saleOrderId', 'Sale Order ID', i, undefined, SALE_ORDER_ID_HINT);
		await apiRequest(this, {
			method: 'DELETE',
			path: `${SALE_ORDERS}/${encodeURIComponent(id)}`,
			itemIndex: i,
		});
		return { id, deleted: true };
	});
}
