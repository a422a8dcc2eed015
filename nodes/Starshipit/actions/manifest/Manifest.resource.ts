import type { INodeProperties } from 'n8n-workflow';
import { toolDescriptions } from '../../../shared/tool';
import * as create from './create.operation';

export { create };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['manifest'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create a manifest',
				description: 'Manifest printed orders (the carrier collects them) and get the manifest PDF',
			},
		],
		default: 'create',
	},
	...toolDescriptions('manifest', {
		create:
			"Put printed Starshipit orders on a carrier manifest (the carrier's pickup list) and get the manifest PDF. Writes to Starshipit and tells the carrier to collect the parcels; it cannot be undone through the API. Call it only when the user asked to manifest these orders. The PDF is a file the agent cannot read; some carriers send none.",
	}),
	...create.description,
];
