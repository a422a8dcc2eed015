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
	{
		displayName: 'Remove From Database',
		name: 'removeFromDatabase',
		type: 'boolean',
		displayOptions: { show },
		default: true,
		description: 'Whether to remove the order completely, so its order number can be imported again. When off, Starshipit keeps the number and refuses to re-import it.',
	},
];

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await forEachItem(this, items, async (i) => {
		const orderId = readOrderId(this, i);
		const remove = this.getNodeParameter('removeFromDatabase', i, true) as boolean;
		await starshipitRequest(this, {
			method: 'DELETE',
			path: '/api/orders/delete',
			qs: { order_id: orderId, remove_from_database: remove },
			itemIndex: i,
		});
		return { order_id: orderId, deleted: true };
	});
}
