import type { INodeProperties } from 'n8n-workflow';
import { toolDescriptions } from '../../../shared/tool';
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
			{
				name: 'Get',
				value: 'get',
				action: 'Get a consignment',
				description: 'Get a consignment by ID, with its tracking details and version',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				action: 'Get many consignments',
				description: 'Search consignments by sale order, customer reference or status',
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update a consignment',
				description:
					'Set tracking number, carrier, tracking URL or status (keeps every other field)',
			},
		],
		default: 'get',
	},
	...toolDescriptions('consignment', {
		get: 'Get one CartonCloud consignment by its ID (a UUID). Read-only. Returns its customer reference, status, type, customer, destination city and country, carrier, tracking number and tracking URL.',
		getMany:
			'Search CartonCloud consignments by the sale order they were generated from (sale order ID), customer or customer reference; statuses are filtered after the search. Read-only. Returns per consignment: ID, customer reference, status, customer, destination city and country, carrier, tracking number and URL; a note says when more exist than are shown.',
		update:
			"Change a CartonCloud consignment's tracking number, carrier, tracking URL or status, by its ID; every other field is kept. Writes to CartonCloud: call it only when the user asked for this change.",
	}),
	...get.description,
	...getMany.description,
	...update.description,
];
