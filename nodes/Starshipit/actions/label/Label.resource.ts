import type { INodeProperties } from 'n8n-workflow';
import * as print from './print.operation';
import * as printMany from './printMany.operation';
import * as reprint from './reprint.operation';

export { print, printMany, reprint };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['label'] } },
		options: [
			{ name: 'Print', value: 'print', action: 'Print a label', description: 'Create the shipment: tracking numbers, carrier and label PDFs' },
			{ name: 'Print Many', value: 'printMany', action: 'Print many labels', description: 'Bulk-print labels (no tracking numbers returned)' },
			{ name: 'Reprint', value: 'reprint', action: 'Reprint a label', description: 'Get the labels of an order already printed' },
		],
		default: 'print',
	},
	...print.description,
	...reprint.description,
	...printMany.description,
];
