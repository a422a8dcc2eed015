import type { INodeProperties } from 'n8n-workflow';
import * as archive from './archive.operation';
import * as create from './create.operation';
import * as createMany from './createMany.operation';
import * as deleteOrder from './delete.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as update from './update.operation';

export { archive, create, createMany, deleteOrder as delete, get, getMany, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['order'] } },
		options: [
			{ name: 'Archive', value: 'archive', action: 'Archive an order', description: 'Archive a printed or shipped order' },
			{ name: 'Create', value: 'create', action: 'Create an order', description: 'Create one order per input item' },
			{ name: 'Create Many', value: 'createMany', action: 'Create many orders', description: 'Import the input items as orders, up to 50 per call' },
			{ name: 'Delete', value: 'delete', action: 'Delete an order', description: 'Delete an unshipped order' },
			{ name: 'Get', value: 'get', action: 'Get an order', description: 'Get an order by ID or order number' },
			{ name: 'Get Many', value: 'getMany', action: 'Get many orders', description: 'List unshipped or shipped orders, or search' },
			{ name: 'Update', value: 'update', action: 'Update an order', description: 'Change an unshipped order\'s details' },
		],
		default: 'create',
	},
	...create.description,
	...createMany.description,
	...get.description,
	...getMany.description,
	...update.description,
	...deleteOrder.description,
	...archive.description,
];
