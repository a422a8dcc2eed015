/** UI pieces several operations (and the triggers) share, and the readers that go with them. */
import type { IExecuteFunctions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

export { SALE_ORDER_STATUSES } from '../transport/saleOrderSearch';

/** The documented consignment types (`details.type`); `/details/type` is a documented search pointer, `/type` is not. */
export const CONSIGNMENT_DETAIL_TYPES = [
	'DELIVERY',
	'DUPLICATE',
	'RETURNED',
	'PICKUP',
	'POINT_TO_POINT',
	'PICKUP_DELIVERY',
	'WAREHOUSE_FULFILMENT',
];

/** The documented consignment statuses, plus DRAFT from the docs' examples. */
export const CONSIGNMENT_STATUSES: INodePropertyOptions[] = [
	{ name: 'Awaiting Dropoff', value: 'AWAITING_DROPOFF' },
	{ name: 'Awaiting Pickup', value: 'AWAITING_PICKUP' },
	{ name: 'Awaiting Point to Point Pickup', value: 'AWAITING_POINT_TO_POINT_PICKUP' },
	{ name: 'Awaiting Sale Order Packing', value: 'AWAITING_SALE_ORDER_PACKING' },
	{ name: 'Cancelled', value: 'CANCELLED' },
	{ name: 'Collected', value: 'COLLECTED' },
	{ name: 'Delivered', value: 'DELIVERED' },
	{ name: 'Draft', value: 'DRAFT' },
	{ name: 'In Transit (Pickup to Warehouse)', value: 'IN_TRANSIT_PICKUP_WAREHOUSE' },
	{ name: 'In Transit (Pickup to Delivery)', value: 'IN_TRANSIT_PICK_DELIVERY' },
	{ name: 'In Transit (Warehouse to Delivery)', value: 'IN_TRANSIT_WAREHOUSE_DELIVERY' },
	{ name: 'In Warehouse', value: 'IN_WAREHOUSE' },
	{ name: 'Point to Point Delivered', value: 'POINT_TO_POINT_DELIVERED' },
	{ name: 'With On-Forwarder', value: 'WITH_ON_FORWARDER' },
];

const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';

/** A customer picker: searchable list (from the Customers endpoint) or a customer ID. */
export function customerLocator(overrides: Partial<INodeProperties> = {}): INodeProperties {
	return {
		displayName: 'Customer',
		name: 'customer',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		description: 'The CartonCloud customer (the 3PL client who owns the orders)',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchCustomers', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 6a1f0c52-3f7e-4b8a-9d2c-1e5b7a9c0d11',
				validation: [
					{
						type: 'regex',
						properties: { regex: UUID, errorMessage: 'Not a valid customer ID (a UUID)' },
					},
				],
			},
		],
		...overrides,
	};
}

export const returnAllOrLimit = (show: Record<string, string[]>): INodeProperties[] => [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
		displayOptions: { show },
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { ...show, returnAll: [false] } },
	},
];

/**
 * A required, non-empty string parameter. The error names the field (and the sale order, when
 * known) and says what to give, in its message: an AI agent gets only the message.
 */
export function requireText(
	context: IExecuteFunctions,
	name: string,
	label: string,
	itemIndex: number,
	subject?: string,
	hint?: string,
): string {
	const value = context.getNodeParameter(name, itemIndex, '') as unknown;
	const text = value === undefined || value === null ? '' : String(value).trim();
	if (text === '') {
		throw new NodeOperationError(
			context.getNode(),
			`${subject ? `${subject}: ` : ''}"${label}" is empty: ${hint ?? `set "${label}" (or the expression that fills it)`}`,
			{
				itemIndex,
				description: `Set the "${label}" field (or the expression that fills it) for item ${itemIndex + 1}.`,
			},
		);
	}
	return text;
}

/** The value of a resource locator parameter (list or ID mode), trimmed. */
export function locatorValue(context: IExecuteFunctions, name: string, itemIndex: number): string {
	const value = context.getNodeParameter(name, itemIndex, '', { extractValue: true }) as unknown;
	return value === undefined || value === null ? '' : String(value).trim();
}

/** The text of a resource locator value read raw (an object `{ value }`, or a plain value), trimmed. */
export function locatorText(raw: unknown): string {
	const value = typeof raw === 'object' && raw !== null ? (raw as { value?: unknown }).value : raw;
	return String(value ?? '').trim();
}
