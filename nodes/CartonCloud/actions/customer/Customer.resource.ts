import type { INodeProperties } from 'n8n-workflow';
import * as getMany from './getMany.operation';

export const operations = { getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['customer'] } },
		options: [{ name: 'Get Many', value: 'getMany', action: 'Get many customers', description: 'List the customers of the warehouse (tenant)' }],
		default: 'getMany',
	},
	...getMany.description,
];
