import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { forEachItem } from '../../../shared/items';
import { starshipitRequest } from '../../transport';
import { orderIdProperty, readOrderId } from '../common.descriptions';

const show = { resource: ['order'], operation: ['delete'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Only unshipped orders can be deleted; archive printed or shipped ones instead',
		name: 'deleteNotice',
		type: 'notice',
		displayOptions: { show },
		default: '',
	},
	orderIdProperty(show),
];

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await forEachItem(this, items, async (i) => {
		const orderId = readOrderId(this, i);
		// Today's delete takes order_id alone (MindCloud delete-order.md, the Odoo connector, bedrock);
		// remove_from_database belonged to a retired body form and is not sent.
		await starshipitRequest(this, {
			method: 'DELETE',
			path: '/api/orders/delete',
			qs: { order_id: orderId },
			itemIndex: i,
		});
		return { order_id: orderId, deleted: true };
	});
}
