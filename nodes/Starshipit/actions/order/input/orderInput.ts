/**
 * The UI of order input: the parameters Create and Create Many show (fields set in the UI, or a
 * CartonCloud sale order to map; version 2's sale-order fields are in saleOrderFields.ts). The
 * address, package and order-field groups they share with Update, Get Quotes and Print Label are in
 * orderFieldGroups.ts. `buildOrder` reads them into a Starshipit order.
 */
import type { INodeProperties } from 'n8n-workflow';
import { addressFields, orderFieldOptions, packageFields } from './orderFieldGroups';
import { saleOrderFieldProperties } from './saleOrderFields';

const show = { resource: ['order'], operation: ['create', 'createMany'] };

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
