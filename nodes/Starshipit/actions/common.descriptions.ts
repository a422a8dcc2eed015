/** UI pieces several operations share, and the readers that go with them. */
import type {
	IDataObject,
	IDisplayOptions,
	IExecuteFunctions,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { readChoice } from '../../shared/choices';

type Show = NonNullable<IDisplayOptions['show']>;

const FIND_BY = [
	{ name: 'Order ID', value: 'orderId' },
	{ name: 'Order Number', value: 'orderNumber' },
];

const V1: Show = { '@version': [1] };
const V2: Show = { '@version': [{ _cnd: { gte: 2 } }] };

/**
 * A required text field defaulting to a field of the input item (`={{ $json.order_number }}`),
 * or, with `emptyInV2`, only in version 1: in version 2 a read starts empty, so an AI agent's tool
 * gets a parameter to fill (the editor offers "let the model define this parameter" on it).
 */
function fromItemField(
	field: INodeProperties,
	fromItem: string,
	show: Show,
	emptyInV2: boolean,
): INodeProperties[] {
	if (!emptyInV2) return [{ ...field, default: fromItem, displayOptions: { show } }];
	return [
		{ ...field, default: fromItem, displayOptions: { show: { ...show, ...V1 } } },
		{ ...field, default: '', displayOptions: { show: { ...show, ...V2 } } },
	];
}

/** "Find the order by ID or by number" (Get, Label Print/Reprint); `emptyInV2` as in `fromItemField`. */
export function orderRefProperties(
	show: Show,
	{ emptyInV2 = false }: { emptyInV2?: boolean } = {},
): INodeProperties[] {
	return [
		{
			displayName: 'Find Order By',
			name: 'orderBy',
			type: 'options',
			displayOptions: { show },
			options: [
				{ name: 'Order ID', value: 'orderId', description: "Starshipit's numeric order_id" },
				{
					name: 'Order Number',
					value: 'orderNumber',
					description: 'Your order number (e.g. the CartonCloud customer reference)',
				},
			],
			default: 'orderNumber',
		},
		...fromItemField(
			{
				displayName: 'Order ID',
				name: 'orderId',
				type: 'string',
				required: true,
				default: '',
				placeholder: 'e.g. 100001',
				description: "Starshipit's numeric order_id",
			},
			'={{ $json.order_id }}',
			{ ...show, orderBy: ['orderId'] },
			emptyInV2,
		),
		...fromItemField(
			{
				displayName: 'Order Number',
				name: 'orderNumber',
				type: 'string',
				required: true,
				default: '',
				placeholder: 'e.g. KOA-10001',
				description: 'Your order number (e.g. the CartonCloud customer reference)',
			},
			'={{ $json.order_number }}',
			{ ...show, orderBy: ['orderNumber'] },
			emptyInV2,
		),
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

export function readOrderId(
	context: IExecuteFunctions,
	itemIndex: number,
	name = 'orderId',
): number {
	const raw = String(context.getNodeParameter(name, itemIndex, '') ?? '').trim();
	if (!/^\d+$/.test(raw)) {
		const problem =
			raw === ''
				? '"Order ID" is empty'
				: `"Order ID" ${JSON.stringify(raw)} is not a Starshipit order_id`;
		throw new NodeOperationError(
			context.getNode(),
			`${problem}: give Starshipit's numeric order_id (e.g. 100001), or find the order by its order number instead`,
			{ itemIndex },
		);
	}
	return Number(raw);
}

/** What to do about an empty or unknown order number (the message an AI agent reads). */
export const ORDER_NUMBER_HINT =
	'give the order number as Starshipit holds it (usually the CartonCloud customer reference, e.g. KOA-10001)';

export function readOrderRef(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const by = readChoice(
		context,
		context.getNodeParameter('orderBy', itemIndex, 'orderNumber'),
		FIND_BY,
		'Find Order By',
		'orderNumber',
		itemIndex,
	);
	if (by === 'orderId') return { order_id: readOrderId(context, itemIndex) };
	const orderNumber = String(context.getNodeParameter('orderNumber', itemIndex, '') ?? '').trim();
	if (!orderNumber)
		throw new NodeOperationError(
			context.getNode(),
			`"Order Number" is empty: ${ORDER_NUMBER_HINT}`,
			{ itemIndex },
		);
	if (orderNumber.length > 50) {
		throw new NodeOperationError(
			context.getNode(),
			`Order "${orderNumber}": "Order Number" is longer than Starshipit's 50 characters: give the order number alone`,
			{ itemIndex },
		);
	}
	return { order_number: orderNumber };
}

/** Comma/space separated or array order ids (Print Many, Manifest). */
export function readOrderIds(
	context: IExecuteFunctions,
	itemIndex: number,
	name = 'orderIds',
): number[] {
	const raw = context.getNodeParameter(name, itemIndex, '') as unknown;
	const parts = (Array.isArray(raw) ? raw : String(raw ?? '').split(/[\s,;]+/))
		.map((p) => String(p).trim())
		.filter(Boolean);
	if (parts.length === 0)
		throw new NodeOperationError(
			context.getNode(),
			'"Order IDs" is empty: give one or more Starshipit order_ids (numbers), comma-separated',
			{ itemIndex },
		);
	const bad = parts.find((p) => !/^\d+$/.test(p));
	if (bad !== undefined) {
		throw new NodeOperationError(
			context.getNode(),
			`"Order IDs": ${JSON.stringify(bad)} is not a Starshipit order_id: give numeric order_ids (e.g. 100001, 100002), not order numbers`,
			{ itemIndex },
		);
	}
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
