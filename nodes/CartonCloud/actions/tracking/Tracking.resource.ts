import type { INodeProperties } from 'n8n-workflow';
import * as writeBack from './writeBack.operation';

export const operations = { writeBack };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['tracking'] } },
		options: [
			{
				name: 'Write Back to Consignment',
				value: 'writeBack',
				action: 'Write tracking to a consignment',
				description: "Find each sale order's consignment and set its tracking number, carrier and URL (batched; skips values already there)",
			},
		],
		default: 'writeBack',
	},
	...writeBack.description,
];
