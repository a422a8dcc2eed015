import type { INodeProperties } from 'n8n-workflow';
import { toolDescriptions } from '../../../shared/tool';
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
			{
				name: 'Get Delivery Services',
				value: 'getDeliveryServices',
				action: 'Get delivery services',
				description: 'Carrier services available for a shipment',
			},
			{
				name: 'Get Quotes',
				value: 'getQuotes',
				action: 'Get rate quotes',
				description: 'Prices of the carrier services for a shipment, one item per rate',
			},
		],
		default: 'getQuotes',
	},
	...toolDescriptions('rate', {
		getDeliveryServices:
			'List the carrier services Starshipit offers for a shipment (destination and packages). Read-only: nothing is booked or charged.',
		getQuotes:
			'Get the prices of the carrier services for a shipment (destination and packages), one entry per rate. Read-only: nothing is booked or charged.',
	}),
	...getQuotes.description,
	...getDeliveryServices.description,
];
