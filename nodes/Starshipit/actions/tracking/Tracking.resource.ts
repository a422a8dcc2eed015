import type { INodeProperties } from 'n8n-workflow';
import { toolDescriptions } from '../../../shared/tool';
import * as get from './get.operation';

export { get };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['tracking'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				action: 'Get tracking',
				description:
					'Tracking status, events and tracking URL of a shipment, by tracking or order number',
			},
		],
		default: 'get',
	},
	...toolDescriptions('tracking', {
		get: 'Get the tracking of a Starshipit shipment by its tracking number or by its order number (usually the CartonCloud customer reference, e.g. KOA-10001). Read-only. Returns the tracking status (e.g. Printed, InTransit, OutForDelivery, Delivered, AttemptedDelivery, Exception), carrier and service, tracking URL, shipped and last-update dates and the latest tracking events. An order that is not printed yet has no tracking.',
	}),
	...get.description,
];
