import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { explainNotFound } from '../../../shared/errors';
import { forEachItem } from '../../../shared/items';
import { outputProperties, simplifies } from '../../../shared/output';
import { starshipitRequest, unexpectedReply } from '../../transport';
import { orderRefProperties, readOrderRef } from '../common.descriptions';
import { simpleOrderDetail } from '../simplify';

const show = { resource: ['order'], operation: ['get'] };

export const description: INodeProperties[] = [
	...orderRefProperties(show, { emptyInV2: true }),
	...outputProperties(show),
];

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await forEachItem(this, items, async (i, item) => {
		const ref = readOrderRef(this, i);
		if (ref.order_number) item.details = { order_number: String(ref.order_number) };
		const asked =
			ref.order_number !== undefined
				? `Order "${String(ref.order_number)}"`
				: `Order ID ${String(ref.order_id)}`;
		const body = await starshipitRequest(this, {
			method: 'GET',
			path: '/api/orders',
			qs: ref,
			itemIndex: i,
		}).catch((error: unknown) => {
			const hint =
				ref.order_number !== undefined
					? 'check the order number (usually the CartonCloud customer reference, e.g. KOA-10001); the order may not have been pushed from CartonCloud yet'
					: 'check the numeric order_id, or find the order by its order number';
			throw explainNotFound(this, error, i, `${asked} is not in Starshipit: ${hint}`);
		});
		const order = body.order as IDataObject | undefined;
		// Pitfall 9: check that the "detail" reply is the order asked for.
		const matches =
			order &&
			(ref.order_id !== undefined
				? Number(order.order_id) === ref.order_id
				: order.order_number === ref.order_number);
		if (!order || !matches)
			throw unexpectedReply(this, 'the order returned is not the one asked for', body, i);
		return simplifies(this, i) ? simpleOrderDetail(order) : order;
	});
}
