/**
 * The fields of Write Back Tracking in the editor: how to find the sale order, the tracking to
 * write, the customers expected to have no consignment (version 2) and the options. Kept apart
 * from the code that reads them (writeBackRequest.ts) and writes the consignments
 * (writeBack.operation.ts).
 */
import type { INodeProperties } from 'n8n-workflow';
import { CONSIGNMENT_STATUSES, customerLocator } from '../common.descriptions';

export const writeBackFields: INodeProperties[] = [
	{
		displayName: 'Find Sale Order By',
		name: 'saleOrderBy',
		type: 'options',
		options: [
			{
				name: 'Customer Reference',
				value: 'customerReference',
				description: "The customer's order number (e.g. the Starshipit order number)",
			},
			{ name: 'Sale Order ID', value: 'id' },
		],
		default: 'customerReference',
	},
	{
		displayName: 'Customer Reference',
		name: 'customerReference',
		type: 'string',
		required: true,
		default: '',
		placeholder: '={{ $json.order_number }}',
		displayOptions: { show: { saleOrderBy: ['customerReference'] } },
	},
	customerLocator({
		displayName: 'Customer',
		description:
			'Only match sale orders of this customer; needed when the same reference exists for several customers',
		displayOptions: { show: { saleOrderBy: ['customerReference'] } },
	}),
	{
		displayName: 'Sale Order ID',
		name: 'saleOrderId',
		type: 'string',
		required: true,
		default: '',
		displayOptions: { show: { saleOrderBy: ['id'] } },
	},
	{
		displayName: 'Tracking Number',
		name: 'trackingNumber',
		type: 'string',
		required: true,
		default: '',
		description: "Written to the consignment's references.tracking",
	},
	{
		displayName: 'Carrier Name',
		name: 'carrierName',
		type: 'string',
		default: '',
		description:
			"Written to the consignment's details.tracking.companyName (left as it is when empty)",
	},
	{
		displayName: 'Tracking URL',
		name: 'trackingUrl',
		type: 'string',
		default: '',
		description:
			"The carrier's tracking page, stored in the consignment's details.tracking (left as it is when empty; see Tracking URL Template)",
	},
	{
		displayName: 'Customers Without Consignments',
		name: 'customersWithoutConsignments',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getCustomers' },
		default: [],
		displayOptions: { show: { '@version': [{ _cnd: { gte: 2 } }] } },
		description:
			'Customers whose "Automatically Generate a Consignment from a Sale Order" setting is off: their sale orders have no consignment, which is expected, so such an item comes out ignored (with the reason) instead of failed. An expression may give names too (a list, or text with one per line); the bundled workflows read them from the data table "Customers without consignments". Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Set Consignment Status',
				name: 'consignmentStatus',
				type: 'options',
				options: CONSIGNMENT_STATUSES,
				default: 'IN_TRANSIT_WAREHOUSE_DELIVERY',
				description: 'Also move the consignment to this status',
			},
			{
				displayName: 'Tracking URL Template',
				name: 'trackingUrlTemplate',
				type: 'string',
				default: '',
				placeholder: 'https://auspost.com.au/mypost/track/details/{tracking_number}',
				description:
					'Builds the tracking link when Tracking URL is empty: {tracking_number} and {carrier} are filled in. Costs no API call (an expression can pick a template per carrier).',
			},
		],
	},
];
