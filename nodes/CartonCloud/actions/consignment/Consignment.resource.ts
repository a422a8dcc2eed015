import type { INodeProperties } from 'n8n-workflow';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as update from './update.operation';

export const operations = { get, getMany, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['consignment'] } },
		options: [
			{ name: 'Get', value: 'get', action: 'Get a consignment', description: 'Get a consignment by ID, with its tracking details and version' },
			{ name: 'Get Many', value: 'getMany', action: 'Get many consignments', description: 'Search consignments by sale order, customer reference or status' },
			{
				name: 'Update',
				value: 'update',
				action: 'Update a consignment',
				description: 'Set tracking number, carrier, tracking URL or status (keeps every other field)',
			},
		],
		default: 'get',
	},
	...get.description,
	...getMany.description,
	...update.description,
];
