import type { INodeProperties } from 'n8n-workflow';
import { toolDescriptions } from '../../../shared/tool';
import * as validate from './validate.operation';

export { validate };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['address'] } },
		options: [
			{
				name: 'Validate',
				value: 'validate',
				action: 'Validate an address',
				description: 'Check an address and get suggestions',
			},
		],
		default: 'validate',
	},
	...toolDescriptions('address', {
		validate: 'Check a delivery address with Starshipit and get suggested corrections. Read-only.',
	}),
	...validate.description,
];
