import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { forEachItem } from '../../../shared/items';
import { starshipitRequest } from '../../transport';
import { orderIdProperty, readOrderId } from '../common.descriptions';

export const description: INodeProperties[] = [
	orderIdProperty({ resource: ['order'], operation: ['archive'] }),
];

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await forEachItem(this, items, async (i) => {
		const orderId = readOrderId(this, i);
		// Sources differ on where order_id goes (ODOO: query, MC: body), so it is sent in both.
		// Archiving twice fails harmlessly, so a retry after a dropped connection is safe.
		await starshipitRequest(this, {
			method: 'POST',
			path: '/api/orders/archive',
			qs: { order_id: orderId },
			body: { order_id: orderId },
			idempotent: true,
			itemIndex: i,
		});
		return { order_id: orderId, archived: true };
	});
}
