import type { INodeProperties } from 'n8n-workflow';
import * as getDeliveryServices from './getDeliveryServices.operation';
import * as getQuotes from './getQuotes.operation';

export { getDeliveryServices, getQuotes };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['rate'] } },
		options: [
			{ name: 'Get Delivery Services', value: 'getDeliveryServices', action: 'Get delivery services', description: 'Carrier services available for a shipment' },
			{ name: 'Get Quotes', value: 'getQuotes', action: 'Get rate quotes', description: 'Prices of the carrier services for a shipment, one item per rate' },
		],
		default: 'getQuotes',
	},
	...getQuotes.description,
	...getDeliveryServices.description,
];
