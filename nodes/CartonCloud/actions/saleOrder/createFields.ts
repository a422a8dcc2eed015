/**
 * The fields of Create Sale Order in the editor: the sale order given field by field (customer,
 * reference, delivery address, items, additional fields) or as CartonCloud's JSON. Kept apart from
 * the code that reads them (createBody.ts) and sends the order (create.operation.ts).
 */
import type { INodeProperties } from 'n8n-workflow';
import { customerLocator } from '../common.descriptions';

export const createFields: INodeProperties[] = [
	{
		displayName: 'Define Sale Order',
		name: 'defineBy',
		type: 'options',
		options: [
			{ name: 'Using Fields Below', value: 'fields' },
			{ name: 'Using JSON', value: 'json' },
		],
		default: 'fields',
	},
	{
		displayName: 'Sale Order (JSON)',
		name: 'saleOrderJson',
		type: 'json',
		default:
			'{\n  "references": { "customer": "" },\n  "customer": { "id": "" },\n  "details": { "deliver": { "address": {} } },\n  "items": []\n}',
		description:
			"The outbound order in CartonCloud's JSON shape (references, customer, warehouse, details, items, properties)",
		displayOptions: { show: { defineBy: ['json'] } },
	},
	customerLocator({ required: true, displayOptions: { show: { defineBy: ['fields'] } } }),
	{
		displayName: 'Customer Reference',
		name: 'customerReference',
		type: 'string',
		required: true,
		default: '',
		description: "The customer's order number; CartonCloud rejects duplicates",
		displayOptions: { show: { defineBy: ['fields'] } },
	},
	{
		displayName: 'Delivery Address',
		name: 'deliveryAddress',
		type: 'collection',
		placeholder: 'Add Address Field',
		default: {},
		displayOptions: { show: { defineBy: ['fields'] } },
		options: [
			{ displayName: 'Address Line 1', name: 'address1', type: 'string', default: '' },
			{ displayName: 'Address Line 2', name: 'address2', type: 'string', default: '' },
			{ displayName: 'City', name: 'city', type: 'string', default: '' },
			{ displayName: 'Company Name', name: 'companyName', type: 'string', default: '' },
			{ displayName: 'Contact Name', name: 'contactName', type: 'string', default: '' },
			{
				displayName: 'Country Code',
				name: 'countryCode',
				type: 'string',
				default: '',
				placeholder: 'AU',
				description: 'ISO 3166 two-letter code',
			},
			{
				displayName: 'Email',
				name: 'email',
				type: 'string',
				placeholder: 'name@email.com',
				default: '',
			},
			{ displayName: 'Phone', name: 'phone', type: 'string', default: '' },
			{ displayName: 'Postcode', name: 'postcode', type: 'string', default: '' },
			{
				displayName: 'State Code',
				name: 'stateCode',
				type: 'string',
				default: '',
				placeholder: 'NSW',
			},
			{ displayName: 'Suburb', name: 'suburb', type: 'string', default: '' },
		],
	},
	{
		displayName: 'Items',
		name: 'items',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Item',
		default: {},
		displayOptions: { show: { defineBy: ['fields'] } },
		options: [
			{
				displayName: 'Item',
				name: 'item',
				values: [
					{
						displayName: 'Product Code',
						name: 'productCode',
						type: 'string',
						default: '',
						description: "The warehouse product's code",
					},
					{
						displayName: 'Quantity',
						name: 'quantity',
						type: 'number',
						default: 1,
						typeOptions: { minValue: 0 },
					},
					{
						displayName: 'Unit of Measure',
						name: 'unitOfMeasure',
						type: 'string',
						default: '',
						placeholder: 'e.g. units, cartons, EA, CT',
						description:
							"Your tenant's code for the unit; empty uses the product's default unit (a code the tenant does not know rejects the line)",
					},
				],
			},
		],
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show: { defineBy: ['fields'] } },
		options: [
			{
				displayName: 'Allow Splitting',
				name: 'allowSplitting',
				type: 'boolean',
				default: true,
				description: 'Whether the order may be split across shipments',
			},
			{
				displayName: 'Delivery Instructions',
				name: 'deliveryInstructions',
				type: 'string',
				default: '',
			},
			{
				displayName: 'Delivery Method',
				name: 'deliveryMethod',
				type: 'options',
				options: [
					{ name: 'Shipping', value: 'SHIPPING' },
					{ name: 'Pickup', value: 'PICKUP' },
				],
				default: 'SHIPPING',
			},
			{
				displayName: 'Delivery Required Date',
				name: 'deliveryRequiredDate',
				type: 'dateTime',
				default: '',
			},
			{ displayName: 'Packing Instructions', name: 'instructions', type: 'string', default: '' },
			{
				displayName: 'Requested Service',
				name: 'requestedService',
				type: 'string',
				default: '',
				placeholder: 'Express',
			},
			{
				displayName: 'Ship Date',
				name: 'shipDate',
				type: 'dateTime',
				default: '',
				description: 'The date the order should leave the warehouse',
			},
			{
				displayName: 'Urgent',
				name: 'urgent',
				type: 'boolean',
				default: false,
				description: 'Whether the order is urgent',
			},
			{
				displayName: 'Warehouse Name',
				name: 'warehouseName',
				type: 'string',
				default: '',
				description: "Exact warehouse name; the tenant's default warehouse when empty",
			},
		],
	},
];
