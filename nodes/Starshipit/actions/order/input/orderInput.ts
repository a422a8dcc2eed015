/**
 * The UI of order input: the parameters Create and Create Many show (fields set in the UI, or a
 * CartonCloud sale order to map; version 2's sale-order fields are in saleOrderFields.ts), and the
 * address, package and order-field groups Update, Get Quotes and Print Label reuse. `buildOrder`
 * reads them into a Starshipit order.
 */
import type { INodeProperties } from 'n8n-workflow';
import { saleOrderFieldProperties } from './saleOrderFields';

const show = { resource: ['order'], operation: ['create', 'createMany'] };

export const addressFields: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		description: 'Recipient name (required by Starshipit)',
	},
	{ displayName: 'Company', name: 'company', type: 'string', default: '' },
	{
		displayName: 'Street',
		name: 'street',
		type: 'string',
		default: '',
		description: 'Street address (required)',
	},
	{
		displayName: 'Building',
		name: 'building',
		type: 'string',
		default: '',
		description: 'Second address line',
	},
	{
		displayName: 'Suburb',
		name: 'suburb',
		type: 'string',
		default: '',
		description: 'Suburb or locality (required)',
	},
	{ displayName: 'City', name: 'city', type: 'string', default: '' },
	{ displayName: 'State', name: 'state', type: 'string', default: '' },
	{
		displayName: 'Post Code',
		name: 'post_code',
		type: 'string',
		default: '',
		description: 'At most 10 characters',
	},
	{
		displayName: 'Country',
		name: 'country',
		type: 'string',
		default: 'Australia',
		description:
			'Country name or ISO code (AU, AUS); sent to Starshipit as the country name it expects',
	},
	{ displayName: 'Phone', name: 'phone', type: 'string', default: '' },
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'name@email.com',
		default: '',
	},
];

export const orderInputProperties: INodeProperties[] = [
	{
		displayName: 'Input Mode',
		name: 'inputMode',
		type: 'options',
		displayOptions: { show },
		options: [
			{ name: 'Define Below', value: 'fields', description: 'Set the order fields in this node' },
			{
				name: 'From CartonCloud Sale Order',
				value: 'saleOrder',
				description:
					'Map a CartonCloud sale order (e.g. from the CartonCloud node) into a Starshipit order',
			},
		],
		default: 'fields',
	},
	{
		displayName: 'Sale Order',
		name: 'saleOrder',
		type: 'json',
		displayOptions: { show: { ...show, inputMode: ['saleOrder'] } },
		default: '={{ $json }}',
		description:
			'The CartonCloud sale order (outbound order) to map; by default the whole input item',
	},
	{
		displayName: 'Order Number',
		name: 'orderNumber',
		type: 'string',
		required: true,
		displayOptions: { show: { ...show, inputMode: ['fields'] } },
		default: '',
		description: 'Unique per Starshipit account; at most 50 characters',
	},
	{
		displayName: 'Destination',
		name: 'destination',
		type: 'fixedCollection',
		placeholder: 'Add Destination',
		displayOptions: { show: { ...show, inputMode: ['fields'] } },
		default: {},
		options: [
			{
				displayName: 'Address',
				name: 'address',
				values: [
					...addressFields,
					{
						displayName: 'Delivery Instructions',
						name: 'delivery_instructions',
						type: 'string',
						default: '',
						description: 'At most 100 characters',
					},
				],
			},
		],
	},
	{
		displayName: 'Items',
		name: 'items',
		type: 'fixedCollection',
		placeholder: 'Add Item',
		typeOptions: { multipleValues: true },
		displayOptions: { show: { ...show, inputMode: ['fields'] } },
		default: {},
		options: [
			{
				displayName: 'Item',
				name: 'item',
				values: [
					{
						displayName: 'Country of Origin',
						name: 'country_of_origin',
						type: 'string',
						default: '',
					},
					{
						displayName: 'Description',
						name: 'description',
						type: 'string',
						default: '',
					},
					{
						displayName: 'Quantity',
						name: 'quantity',
						type: 'number',
						default: 1,
					},
					{
						displayName: 'SKU',
						name: 'sku',
						type: 'string',
						default: '',
					},
					{
						displayName: 'Tariff Code',
						name: 'tariff_code',
						type: 'string',
						default: '',
						description: 'HS code for customs, at most 18 characters',
					},
					{
						displayName: 'Value (per Unit)',
						name: 'value',
						type: 'number',
						default: 0,
					},
					{
						displayName: 'Weight (Kg per Unit)',
						name: 'weight',
						type: 'number',
						default: 0,
					},
				],
			},
		],
	},
	{
		displayName: 'Packages',
		name: 'packages',
		type: 'fixedCollection',
		placeholder: 'Add Package',
		typeOptions: { multipleValues: true },
		displayOptions: { show: { ...show, inputMode: ['fields'] } },
		default: {},
		options: [
			{
				displayName: 'Package',
				name: 'package',
				values: packageFields(),
			},
		],
	},
	...saleOrderFieldProperties,
	{
		displayName: 'Skip Existing',
		name: 'skipExisting',
		type: 'boolean',
		displayOptions: { show },
		default: true,
		description:
			"Whether to return (outcome skipped_existing) an order whose order number Starshipit already has, in any tab, instead of creating it again. One paged listing since the run's earliest order date is checked for the whole run, not one call per order; copies made by overlapping runs are removed afterwards.",
	},
	// Version 1 in both modes; version 2 in Define Below only (its sale-order mode has Order Fields to override, saleOrderFields.ts).
	orderFieldsParameter(
		{ show: { ...show, '@version': [1] } },
		'Set on every order; in sale-order mode they fill what the sale order does not carry',
	),
	orderFieldsParameter(
		{ show: { ...show, inputMode: ['fields'], '@version': [{ _cnd: { gte: 2 } }] } },
		'Set on every order',
	),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		displayOptions: { show },
		default: {},
		options: [
			{
				displayName: 'Default Item Weight (Kg)',
				name: 'defaultItemWeightKg',
				type: 'number',
				displayOptions: { show: { '/inputMode': ['saleOrder'] } },
				typeOptions: { minValue: 0, numberPrecision: 3 },
				default: 0,
				description:
					'Weight per unit for an item whose warehouse product has none (weights come from the CartonCloud node\'s "Add Product Weights"). 0 = none: such an order fails with the order and item named.',
			},
			{
				displayName: 'Long Delivery Instructions',
				name: 'longInstructions',
				type: 'options',
				displayOptions: { show: { '/inputMode': ['saleOrder'] } },
				options: [
					{ name: 'Cut to 100 Characters', value: 'truncate' },
					{ name: 'Fail the Item', value: 'error' },
				],
				default: 'truncate',
				description: 'Starshipit accepts at most 100 characters of delivery instructions',
			},
			{
				displayName: 'Order Number From',
				name: 'orderNumberSource',
				type: 'options',
				displayOptions: { show: { '/inputMode': ['saleOrder'] } },
				options: [
					{
						name: 'Customer Reference',
						value: 'customerReference',
						description: 'The references.customer of the sale order',
					},
					{
						name: 'CartonCloud Numeric ID',
						value: 'numericId',
						description:
							'The references.numericId of the sale order: unique in the tenant, cannot clash',
					},
					{
						name: 'Customer Code + Customer Reference',
						value: 'customerCodeAndReference',
						description: 'E.g. ACME-SO-1001: two customers using the same reference cannot clash.',
					},
				],
				default: 'customerReference',
			},
			{
				displayName: 'Reference From',
				name: 'referenceSource',
				type: 'options',
				displayOptions: { show: { '/inputMode': ['saleOrder'] } },
				options: [
					{ name: 'Customer Name', value: 'customerName', description: 'Cut to 50 characters' },
					{ name: 'Nothing', value: 'none' },
				],
				default: 'customerName',
			},
			{
				displayName: 'Undated Orders Look-Back (Days)',
				name: 'lookbackDays',
				type: 'number',
				displayOptions: { show: { '/skipExisting': [true] } },
				default: 30,
				typeOptions: { minValue: 1 },
				description:
					'Orders are looked for since the earliest order date of the run; an order with no order date counts as this many days old',
			},
		],
	},
];

function orderFieldsParameter(
	displayOptions: INodeProperties['displayOptions'],
	description: string,
): INodeProperties {
	return {
		displayName: 'Order Fields',
		name: 'orderFields',
		type: 'collection',
		placeholder: 'Add Field',
		displayOptions,
		default: {},
		description,
		options: orderFieldOptions(),
	};
}

export function packageFields(): INodeProperties[] {
	return [
		{
			displayName: 'Weight (Kg)',
			name: 'weight',
			type: 'number',
			default: 0,
			typeOptions: { numberPrecision: 3, minValue: 0 },
		},
		{
			displayName: 'Length in Metres',
			name: 'length',
			type: 'number',
			default: 0,
			typeOptions: { numberPrecision: 3, minValue: 0 },
			description: 'In metres, e.g. 0.3',
		},
		{
			displayName: 'Width in Metres',
			name: 'width',
			type: 'number',
			default: 0,
			typeOptions: { numberPrecision: 3, minValue: 0 },
			description: 'In metres',
		},
		{
			displayName: 'Height in Metres',
			name: 'height',
			type: 'number',
			default: 0,
			typeOptions: { numberPrecision: 3, minValue: 0 },
			description: 'In metres',
		},
	];
}

export function orderFieldOptions(): INodeProperties[] {
	return [
		{
			displayName: 'Authority to Leave',
			name: 'authority_to_leave',
			type: 'boolean',
			default: false,
			description: 'Whether the carrier may leave the parcel without a signature',
		},
		{
			displayName: 'Carrier',
			name: 'carrier',
			type: 'string',
			default: '',
			placeholder: 'AusPost',
			description:
				'Starshipit carrier code, passed through as typed (e.g. AusPost, StarTrack, PlainLabel)',
		},
		{
			displayName: 'Carrier Service Code',
			name: 'carrier_service_code',
			type: 'string',
			default: '',
		},
		{ displayName: 'Currency', name: 'currency', type: 'string', default: '', placeholder: 'AUD' },
		{
			displayName: 'Dangerous Goods',
			name: 'dangerous_goods',
			type: 'boolean',
			default: false,
			description: 'Whether the order contains dangerous goods',
		},
		{
			displayName: 'Declared Value',
			name: 'declared_value',
			type: 'number',
			default: 0,
			typeOptions: { numberPrecision: 2 },
		},
		{
			displayName: 'Metadata',
			name: 'metadata',
			type: 'fixedCollection',
			placeholder: 'Add Metadata',
			typeOptions: { multipleValues: true },
			default: {},
			options: [
				{
					displayName: 'Field',
					name: 'field',
					values: [
						{ displayName: 'Key', name: 'key', type: 'string', default: '' },
						{ displayName: 'Value', name: 'value', type: 'string', default: '' },
					],
				},
			],
		},
		{ displayName: 'Order Date', name: 'order_date', type: 'dateTime', default: '' },
		{
			displayName: 'Reference',
			name: 'reference',
			type: 'string',
			default: '',
			description: 'At most 50 characters',
		},
		{
			displayName: 'Shipping Method',
			name: 'shipping_method',
			type: 'string',
			default: '',
			description: 'Delivery method name; Starshipit rules match on it to pick the carrier',
		},
		{
			displayName: 'Signature Required',
			name: 'signature_required',
			type: 'boolean',
			default: false,
			description: 'Whether the recipient must sign',
		},
	];
}
