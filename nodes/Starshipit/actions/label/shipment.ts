/** What Print and Reprint share: the `POST /api/orders/shipment` reply turned into JSON + PDFs. */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { labelFileName, pdfBinaries } from '../../helpers/binary';

export async function shipmentToItem(context: IExecuteFunctions, reply: IDataObject, ref: IDataObject, itemIndex: number): Promise<INodeExecutionData> {
	const property = context.getNodeParameter('binaryPropertyName', itemIndex, 'label') as string;
	const orderRef = String(reply.order_number ?? ref.order_number ?? reply.order_id ?? ref.order_id ?? 'order');
	const labels = Array.isArray(reply.labels) ? (reply.labels as unknown[]) : [];
	const types = Array.isArray(reply.label_types) ? (reply.label_types as unknown[]) : [];
	const binary = await pdfBinaries(
		context,
		labels.map((base64, index) => ({ base64, fileName: labelFileName(orderRef, index), what: `label ${index + 1} of order ${orderRef}` })),
		property,
		itemIndex,
	);
	const trackingNumbers = Array.isArray(reply.tracking_numbers) ? (reply.tracking_numbers as string[]) : [];
	return {
		json: {
			order_id: reply.order_id ?? ref.order_id,
			order_number: reply.order_number ?? ref.order_number,
			carrier_name: reply.carrier_name,
			tracking_numbers: trackingNumbers,
			// Several labels carry several tracking numbers; ODOO joins them the same way.
			tracking_number: trackingNumbers.join(', '),
			label_types: types,
			label_count: labels.length,
		},
		binary,
		pairedItem: { item: itemIndex },
	};
}
