import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { forEachItem } from '../../../shared/items';
import { starshipitRequest, unexpectedReply } from '../../transport';
import { orderRefProperties, readOrderRef } from '../common.descriptions';

export const description: INodeProperties[] = orderRefProperties({ resource: ['order'], operation: ['get'] });

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await forEachItem(this, items, async (i, item) => {
		const ref = readOrderRef(this, i);
		if (ref.order_number) item.details = { order_number: String(ref.order_number) };
		const body = await starshipitRequest(this, { method: 'GET', path: '/api/orders', qs: ref, itemIndex: i });
		const order = body.order as IDataObject | undefined;
		// Pitfall 9: check that the "detail" reply is the order asked for.
		const matches = order && (ref.order_id !== undefined ? Number(order.order_id) === ref.order_id : order.order_number === ref.order_number);
		if (!order || !matches) throw unexpectedReply(this, 'the order returned is not the one asked for', body, i);
		return order;
	});
}
