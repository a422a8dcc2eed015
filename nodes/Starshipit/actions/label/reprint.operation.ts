import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { forEachItem } from '../../../shared/items';
import { starshipitRequest } from '../../transport';
import { binaryPropertyProperty, orderRefProperties, readOrderRef } from '../common.descriptions';
import { shipmentToItem } from './shipment';

const show = { resource: ['label'], operation: ['reprint'] };

export const description: INodeProperties[] = [
	...orderRefProperties(show),
	binaryPropertyProperty(show, 'label'),
];

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await forEachItem(this, items, async (i, item) => {
		const ref = readOrderRef(this, i);
		item.details = ref.order_number
			? { order_number: String(ref.order_number) }
			: { order_id: ref.order_id as number };
		// Reprint only hands back labels already made, so sending it again is safe.
		const reply = await starshipitRequest(this, {
			method: 'POST',
			path: '/api/orders/shipment',
			body: { ...ref, reprint: true },
			idempotent: true,
			itemIndex: i,
		});
		return await shipmentToItem(this, reply, ref, i, 'reprinted');
	});
}
