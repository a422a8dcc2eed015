/** UI pieces several operations share, and the readers that go with them. */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

type Show = Record<string, string[]>;

/** "Find the order by ID or by number" (Get, Label Print/Reprint). */
export function orderRefProperties(show: Show): INodeProperties[] {
	return [
		{
			displayName: 'Find Order By',
			name: 'orderBy',
			type: 'options',
			displayOptions: { show },
			options: [
				{ name: 'Order ID', value: 'orderId', description: "Starshipit's numeric order_id" },
				{ name: 'Order Number', value: 'orderNumber', description: 'Your order number (e.g. the CartonCloud customer reference)' },
			],
			default: 'orderNumber',
		},
		{
			displayName: 'Order ID',
			name: 'orderId',
			type: 'string',
			required: true,
			displayOptions: { show: { ...show, orderBy: ['orderId'] } },
			default: '={{ $json.order_id }}',
		},
		{
			displayName: 'Order Number',
			name: 'orderNumber',
			type: 'string',
			required: true,
			displayOptions: { show: { ...show, orderBy: ['orderNumber'] } },
			default: '={{ $json.order_number }}',
		},
	];
}

/** Only "Order ID" (operations Starshipit documents by id: update, delete, archive). */
export function orderIdProperty(show: Show): INodeProperties {
	return {
		displayName: 'Order ID',
		name: 'orderId',
		type: 'string',
		required: true,
		displayOptions: { show },
		default: '={{ $json.order_id }}',
		description: "Starshipit's numeric order_id",
	};
}

export function readOrderId(context: IExecuteFunctions, itemIndex: number, name = 'orderId'): number {
	const raw = String(context.getNodeParameter(name, itemIndex, '') ?? '').trim();
	if (!/^\d+$/.test(raw)) {
		throw new NodeOperationError(context.getNode(), `Order ID must be Starshipit's numeric order_id (got "${raw}")`, { itemIndex });
	}
	return Number(raw);
}

export function readOrderRef(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const by = context.getNodeParameter('orderBy', itemIndex) as string;
	if (by === 'orderId') return { order_id: readOrderId(context, itemIndex) };
	const orderNumber = String(context.getNodeParameter('orderNumber', itemIndex, '') ?? '').trim();
	if (!orderNumber) throw new NodeOperationError(context.getNode(), 'Order Number is empty', { itemIndex });
	if (orderNumber.length > 50) throw new NodeOperationError(context.getNode(), `Order "${orderNumber}": order_number must be at most 50 characters`, { itemIndex });
	return { order_number: orderNumber };
}

/** Comma/space separated or array order ids (Print Many, Manifest). */
export function readOrderIds(context: IExecuteFunctions, itemIndex: number, name = 'orderIds'): number[] {
	const raw = context.getNodeParameter(name, itemIndex, '') as unknown;
	const parts = (Array.isArray(raw) ? raw : String(raw ?? '').split(/[\s,;]+/)).map((p) => String(p).trim()).filter(Boolean);
	if (parts.length === 0) throw new NodeOperationError(context.getNode(), 'Order IDs is empty', { itemIndex });
	const bad = parts.find((p) => !/^\d+$/.test(p));
	if (bad !== undefined) throw new NodeOperationError(context.getNode(), `Order IDs: "${bad}" is not a numeric Starshipit order_id`, { itemIndex });
	return parts.map(Number);
}

export function binaryPropertyProperty(show: Show, defaultName: string): INodeProperties {
	return {
		displayName: 'Put Output File in Field',
		name: 'binaryPropertyName',
		type: 'string',
		displayOptions: { show },
		default: defaultName,
		hint: 'The name of the output binary field to put the PDF in; further files get _2, _3 …',
	};
}

export function returnAllProperties(show: Show): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			displayOptions: { show },
			default: false,
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			displayOptions: { show: { ...show, returnAll: [false] } },
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
		},
	];
}
