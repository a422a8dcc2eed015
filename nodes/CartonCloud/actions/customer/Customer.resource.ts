import type { INodeProperties } from 'n8n-workflow';
import { toolDescriptions } from '../../../shared/tool';
import * as getMany from './getMany.operation';

export const operations = { getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['customer'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getMany',
				action: 'Get many customers',
				description: 'List the customers of the warehouse (tenant)',
			},
		],
		default: 'getMany',
	},
	...toolDescriptions('customer', {
		getMany:
			'List the customers of the warehouse (the 3PL clients who own the orders): ID, name and code. Read-only. Use a name from here to search sale orders by customer.',
	}),
	...getMany.description,
];
