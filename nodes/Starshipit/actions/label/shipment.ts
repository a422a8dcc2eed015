/**
 * What Print, Print Many and Reprint share: whether an order already has labels, and the
 * `POST /api/orders/shipment` reply turned into an item led by its outcome, with the PDFs.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { outcomeItem } from '../../../shared/outcome';
import { labelFileName, pdfBinaries } from '../binary';
import { findHeldOrders } from '../../transport/heldOrders';
import { starshipitRequest, unexpectedReply } from '../../transport';

/** Order statuses that mean no label has been made yet (DART1; REAL shows "Unshipped"). */
const UNPRINTED_STATUSES = new Set(['', 'unshipped', 'saved']);

/**
 * Whether Starshipit already made labels for this order. Nothing documents that a second print is
 * refused, so Print reads this first and reprints instead of buying labels again (issue 13.9).
 */
export function hasLabels(order: IDataObject): boolean {
	const status = String(order.status ?? '')
		.trim()
		.toLowerCase();
	const tracking = String(order.tracking_number ?? '').trim();
	return tracking !== '' || order.manifested === true || !UNPRINTED_STATUSES.has(status);
}

/** The order as Starshipit holds it now (`GET /api/orders`), checked to be the one asked for. */
export async function readOrder(
	context: IExecuteFunctions,
	ref: IDataObject,
	itemIndex: number,
): Promise<IDataObject> {
	const qs =
		ref.order_id !== undefined ? { order_id: ref.order_id } : { order_number: ref.order_number };
	const body = await starshipitRequest(context, {
		method: 'GET',
		path: '/api/orders',
		qs,
		itemIndex,
	});
	const order = body.order as IDataObject | undefined;
	const matches =
		order &&
		(ref.order_id !== undefined
			? String(order.order_id) === String(ref.order_id)
			: order.order_number === ref.order_number);
	if (!matches)
		throw unexpectedReply(
			context,
			`the order read back is not ${JSON.stringify(qs)}`,
			body,
			itemIndex,
		);
	return order;
}

/**
 * Which of these orders already have labels (Print Many looks before printing, as Print does), by
 * the existence rule every operation shares (`findHeldOrders`): a few are looked up, more are found
 * in the listings since their order date (a Starshipit order is not updated before it), and an
 * order without a known date is always looked up. Throws if Starshipit cannot be asked: the caller
 * then prints nothing.
 */
export async function labelledAmong(
	context: IExecuteFunctions,
	orders: Array<{ orderId: number; orderDate?: string; itemIndex: number }>,
): Promise<Set<number>> {
	if (orders.length === 0) return new Set();
	const ids = new Set(orders.map((o) => o.orderId));
	const held = await findHeldOrders(
		context,
		orders.map((o) => ({ orderId: o.orderId, orderDate: o.orderDate })),
		{ lookUpUndated: true, itemIndex: orders[0].itemIndex },
	);
	return new Set(
		held.rows.filter((row) => row.has_labels && ids.has(row.order_id)).map((row) => row.order_id),
	);
}

export async function shipmentToItem(
	context: IExecuteFunctions,
	reply: IDataObject,
	ref: IDataObject,
	itemIndex: number,
	status: 'printed' | 'reprinted',
): Promise<INodeExecutionData> {
	const property = context.getNodeParameter('binaryPropertyName', itemIndex, 'label') as string;
	const orderRef = String(
		reply.order_number ?? ref.order_number ?? reply.order_id ?? ref.order_id ?? 'order',
	);
	const labels = Array.isArray(reply.labels) ? (reply.labels as unknown[]) : [];
	const types = Array.isArray(reply.label_types) ? (reply.label_types as unknown[]) : [];
	const binary = await pdfBinaries(
		context,
		labels.map((base64, index) => ({
			base64,
			fileName: labelFileName(orderRef, index),
			what: `label ${index + 1} of order ${orderRef}`,
		})),
		property,
		itemIndex,
	);
	const trackingNumbers = Array.isArray(reply.tracking_numbers)
		? (reply.tracking_numbers as string[])
		: [];
	const orderNumber = reply.order_number ?? ref.order_number;
	const item = outcomeItem(
		{ status, order_number: orderNumber === undefined ? undefined : String(orderNumber) },
		{
			order_id: reply.order_id ?? ref.order_id,
			order_number: orderNumber,
			carrier_name: reply.carrier_name,
			tracking_numbers: trackingNumbers,
			// Several labels carry several tracking numbers; ODOO joins them the same way.
			tracking_number: trackingNumbers.join(', '),
			label_types: types,
			label_count: labels.length,
			reprinted: status === 'reprinted',
		},
		itemIndex,
	);
	item.binary = binary;
	return item;
}
