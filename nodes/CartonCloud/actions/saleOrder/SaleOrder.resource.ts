import type { INodeProperties } from 'n8n-workflow';
import { toolDescriptions } from '../../../shared/tool';
import * as addDocument from './addDocument.operation';
import * as create from './create.operation';
import * as deleteSaleOrder from './delete.operation';
import * as downloadDocument from './downloadDocument.operation';
import * as get from './get.operation';
import * as getDocuments from './getDocuments.operation';
import * as getMany from './getMany.operation';

export const operations = {
	addDocument,
	create,
	delete: deleteSaleOrder,
	downloadDocument,
	get,
	getDocuments,
	getMany,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['saleOrder'] } },
		options: [
			{
				name: 'Add Document',
				value: 'addDocument',
				action: 'Add a document to a sale order',
				description: 'Attach a file (e.g. a shipping label PDF) to a sale order',
			},
			{
				name: 'Create',
				value: 'create',
				action: 'Create a sale order',
				description: 'Create an outbound (sale) order with its items and delivery address',
			},
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete a sale order',
				description: 'Delete a sale order in a status your CartonCloud settings allow',
			},
			{
				name: 'Download Document',
				value: 'downloadDocument',
				action: 'Download a sale order document',
				description: 'Download a document of a sale order as binary data',
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a sale order',
				description: 'Get a sale order by its ID: status, customer, delivery address, items',
			},
			{
				name: 'Get Documents',
				value: 'getDocuments',
				action: 'Get the documents of a sale order',
				description: 'List the documents attached to a sale order',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				action: 'Get many sale orders',
				description:
					'Search sale orders by status, customer, reference and date (Packed is off by default in CartonCloud)',
			},
		],
		default: 'get',
	},
	...toolDescriptions('saleOrder', {
		addDocument:
			"Attach a file from the input (e.g. a shipping label PDF made earlier in the workflow) to a CartonCloud sale order, by the sale order's ID. Writes to CartonCloud: call it only when the user asked. Returns the new document.",
		create:
			'Create a CartonCloud sale order (outbound order) with its items and delivery address. Writes to CartonCloud: call it only when the user asked for a new order. Returns the created sale order; CartonCloud answers REJECTED, with the reason, when stock or a product is missing.',
		delete:
			"Delete a CartonCloud sale order by its ID. Cannot be undone, and CartonCloud allows it only in the statuses the warehouse's settings permit: call it only when the user explicitly asked to delete this order.",
		downloadDocument:
			"Download one document of a CartonCloud sale order as a file, by the sale order's ID and the document's ID. The agent cannot read the file; list the documents with Get Documents to see what exists.",
		get: 'Get one CartonCloud sale order by its ID (a UUID). Read-only. Returns its customer reference (the order number Starshipit uses), status, customer, warehouse, delivery address, requested service, items (SKU, name, quantity, unit) and the time of each status reached. To find a sale order by its customer reference (e.g. KOA-10001), search sale orders with the Customer Reference filter instead.',
		getDocuments:
			"List the documents attached to a CartonCloud sale order (ID, type, name), by the sale order's ID. Read-only.",
		getMany:
			'Search CartonCloud sale orders (outbound orders) by status, customer (ID or exact name), customer reference and dates. Read-only. Returns per sale order: ID, customer reference (the order number Starshipit uses), status, customer, destination city and country, created and last-modified times; a note says when more exist than are shown. Statuses: AWAITING_PICK_AND_PACK, AWAITING_STOCK, PICKED, PACKING_IN_PROGRESS, PACKED, DISPATCHED, DRAFT, REJECTED (as a list or comma-separated). Caveat: Packed is off by default in CartonCloud; many warehouses go from AWAITING_PICK_AND_PACK straight to DISPATCHED, so a search for PACKED may find nothing.',
	}),
	...get.description,
	...getMany.description,
	...create.description,
	...deleteSaleOrder.description,
	...addDocument.description,
	...getDocuments.description,
	...downloadDocument.description,
];
