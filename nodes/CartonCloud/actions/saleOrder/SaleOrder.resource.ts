import type { INodeProperties } from 'n8n-workflow';
import * as addDocument from './addDocument.operation';
import * as create from './create.operation';
import * as deleteSaleOrder from './delete.operation';
import * as downloadDocument from './downloadDocument.operation';
import * as get from './get.operation';
import * as getDocuments from './getDocuments.operation';
import * as getMany from './getMany.operation';

export const operations = { addDocument, create, delete: deleteSaleOrder, downloadDocument, get, getDocuments, getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['saleOrder'] } },
		options: [
			{ name: 'Add Document', value: 'addDocument', action: 'Add a document to a sale order', description: 'Attach a file (e.g. a shipping label PDF) to a sale order' },
			{ name: 'Create', value: 'create', action: 'Create a sale order', description: 'Create an outbound (sale) order with its items and delivery address' },
			{ name: 'Delete', value: 'delete', action: 'Delete a sale order', description: 'Delete a sale order in a status your CartonCloud settings allow' },
			{ name: 'Download Document', value: 'downloadDocument', action: 'Download a sale order document', description: 'Download a document of a sale order as binary data' },
			{ name: 'Get', value: 'get', action: 'Get a sale order', description: 'Get a sale order by its ID' },
			{ name: 'Get Documents', value: 'getDocuments', action: 'Get the documents of a sale order', description: 'List the documents attached to a sale order' },
			{ name: 'Get Many', value: 'getMany', action: 'Get many sale orders', description: 'Search sale orders by status, customer, reference and date' },
		],
		default: 'get',
	},
	...get.description,
	...getMany.description,
	...create.description,
	...deleteSaleOrder.description,
	...addDocument.description,
	...getDocuments.description,
	...downloadDocument.description,
];
