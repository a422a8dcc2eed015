/**
 * The field groups of a Starshipit order that more than one operation shows: the address fields
 * (Create's destination, Update), a package's weight and size (Create, Get Quotes, Print Label) and
 * the order fields (Create, Update). Defined once so each reads the same names `buildOrder` and the
 * operations read back.
 */
import type { INodeProperties } from 'n8n-workflow';

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
