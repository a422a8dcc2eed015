import type { INodeProperties } from 'n8n-workflow';
import { toolDescriptions } from '../../../shared/tool';
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
				description:
					"Find each sale order's consignment and set its tracking number, carrier and URL (batched; skips values already there)",
			},
		],
		default: 'writeBack',
	},
	...toolDescriptions('tracking', {
		writeBack:
			"Write a shipment's tracking number, carrier and tracking URL onto the CartonCloud consignment of each sale order (found by its customer reference). Writes to CartonCloud: call it only when the user asked; values already there are left as they are.",
	}),
	...writeBack.description,
];
