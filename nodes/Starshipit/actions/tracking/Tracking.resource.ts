import type { INodeProperties } from 'n8n-workflow';
import * as get from './get.operation';

export { get };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['tracking'] } },
		options: [{ name: 'Get', value: 'get', action: 'Get tracking', description: 'Status, events and tracking URL of a shipment' }],
		default: 'get',
	},
	...get.description,
];
