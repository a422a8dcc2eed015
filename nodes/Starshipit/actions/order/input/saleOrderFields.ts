/**
 * The UI of the sale-order mode of Create and Create Many in version 2: the mapping's fields a user
 * can override (n8n's resource mapper, listed by methods/resourceMapping.ts from the mapping table,
 * each field's name saying where its value comes from by default), a per-customer table of values,
 * and the packages to send. Version 1 keeps Order Fields and Options as they were (orderInput.ts).
 */
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { ORDER_FIELDS } from '../../../../shared/mapping/mappingTable';

const saleOrderMode = {
	resource: ['order'],
	operation: ['create', 'createMany'],
	inputMode: ['saleOrder'],
	'@version': [{ _cnd: { gte: 2 } }],
};

/** `code` spans in the table's texts read as plain words in the editor. */
const plain = (text: string) => text.replace(/`/g, '');

/** Every field of the mapping table, for Values per Customer's field choice; its description says the default. */
const fieldOptions: INodePropertyOptions[] = ORDER_FIELDS.map((f) => ({
	name: f.label,
	value: f.id,
	description: `Default: ${plain(f.defaultText)}`,
}));

export const OVERRIDES_PARAMETER = 'overrides';

export const saleOrderFieldProperties: INodeProperties[] = [
	{
		displayName:
			'Every Starshipit field is filled from the sale order as its name says after ←. Add a field below to replace that with a value, or with an expression over the sale order such as {{ $json.properties.customerPo }}; where the expression gives nothing for an order, that order keeps the default.',
		name: 'overridesNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: saleOrderMode },
	},
	{
		displayName: 'Order Fields',
		name: OVERRIDES_PARAMETER,
		type: 'resourceMapper',
		noDataExpression: true,
		default: { mappingMode: 'defineBelow', value: null },
		displayOptions: { show: saleOrderMode },
		typeOptions: {
			resourceMapper: {
				resourceMapperMethod: 'getOrderFields',
				mode: 'add',
				fieldWords: { singular: 'field', plural: 'fields' },
				addAllFields: false,
				supportAutoMap: false,
				valuesLabel: 'Fields to Override',
			},
		},
		description: 'Starshipit fields whose default to replace, on every order',
	},
	{
		displayName: 'Values per Customer',
		name: 'customerValues',
		type: 'fixedCollection',
		placeholder: 'Add Value for a Customer',
		typeOptions: { multipleValues: true },
		displayOptions: { show: saleOrderMode },
		default: {},
		description:
			"A table kept without code: for one customer's sale orders, a field takes this value (e.g. Kiwi Kitchenware: Shipping Method = Express). It wins over Order Fields and the default.",
		options: [
			{
				displayName: 'Value',
				name: 'value',
				values: [
					{
						displayName: 'Customer',
						name: 'customer',
						type: 'string',
						default: '',
						placeholder: 'Kiwi Kitchenware',
						description: "The customer's name or code in CartonCloud, in any case",
					},
					{
						displayName: 'Field',
						name: 'field',
						type: 'options',
						options: fieldOptions,
						default: 'shipping_method',
					},
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
						description: 'Text; true or false for a yes/no field; a number for Declared Value',
					},
				],
			},
		],
	},
	{
		displayName: 'Packages',
		name: 'packagesFrom',
		type: 'options',
		displayOptions: { show: saleOrderMode },
		options: [
			{ name: "Not Sent (Starshipit's Rules Decide)", value: 'none' },
			{
				name: 'One Box of Fixed Size',
				value: 'fixedBox',
				description: 'One package per order, of the size below, weighing what its items weigh',
			},
			{
				name: 'From Product Dimensions',
				value: 'productDimensions',
				description:
					"One package per unit shipped, sized from the warehouse product's length, width and height (Add Product Weights reads them)",
			},
		],
		default: 'none',
	},
	...(['Length', 'Width', 'Height'] as const).map(
		(side): INodeProperties => ({
			displayName: `Box ${side} in Metres`,
			name: `box${side}`,
			type: 'number',
			displayOptions: { show: { ...saleOrderMode, packagesFrom: ['fixedBox'] } },
			typeOptions: { minValue: 0, numberPrecision: 3 },
			default: 0,
			description: 'In metres, e.g. 0.4',
		}),
	),
	{
		displayName: 'Product Dimensions In',
		name: 'dimensionUnit',
		type: 'options',
		displayOptions: { show: { ...saleOrderMode, packagesFrom: ['productDimensions'] } },
		options: [
			{ name: 'Millimetres (Divided by 1,000)', value: 'mm' },
			{ name: 'Centimetres (Divided by 100)', value: 'cm' },
			{ name: 'Metres (Sent as They Are)', value: 'm' },
		],
		default: 'mm',
		description:
			"CartonCloud gives a product's length, width and height with no unit (tenants mostly keep millimetres); Starshipit wants metres. Check one product: a 300 x 200 x 100 mm carton must arrive as 0.3 x 0.2 x 0.1.",
	},
];
