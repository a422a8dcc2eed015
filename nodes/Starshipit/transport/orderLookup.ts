/**
 * One order looked up by its number or its id (`GET /api/orders`), in whatever tab it is, archived
 * included. The existence check (heldOrders.ts) looks up the few or old orders a listing would cost
 * more for; Create looks up the copy a strict account refused as a duplicate.
 */
import type { IDataObject } from 'n8n-workflow';
import type { RequestContext } from '../../shared/transport/request';
import { starshipitRequest } from './index';

export interface WantedOrder {
	orderNumber?: string;
	orderId?: number;
	/** The order's date, when known: nothing about it can have changed in Starshipit before it. */
	orderDate?: string;
}

/**
 * The order by number (or id), or undefined when Starshipit has none (404). No `status` is sent:
 * the look-up then finds the order in any tab. The reply is checked to be the order asked for.
 */
export async function lookUpOrder(
	context: RequestContext,
	order: WantedOrder,
	itemIndex?: number,
): Promise<IDataObject | undefined> {
	const qs =
		order.orderNumber !== undefined
			? { order_number: order.orderNumber }
			: { order_id: order.orderId };
	const body = await starshipitRequest(context, {
		method: 'GET',
		path: '/api/orders',
		qs,
		itemIndex,
		allowAppErrors: true,
	}).catch((error: unknown) => {
		if (String((error as { httpCode?: unknown }).httpCode) === '404') return undefined;
		throw error;
	});
	const found = body?.order as IDataObject | undefined;
	if (!found || Array.isArray(found)) return undefined;
	// Pitfall 9: make sure the reply really is the order asked for.
	const matches =
		order.orderNumber !== undefined
			? found.order_number === order.orderNumber
			: Number(found.order_id) === order.orderId;
	return matches ? found : undefined;
}
