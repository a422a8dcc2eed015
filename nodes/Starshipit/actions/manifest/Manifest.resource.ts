import type { INodeProperties } from 'n8n-workflow';
import * as create from './create.operation';

export { create };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['manifest'] } },
		options: [{ name: 'Create', value: 'create', action: 'Create a manifest', description: 'Manifest printed orders and get the manifest PDF' }],
		default: 'create',
	},
	...create.description,
];
