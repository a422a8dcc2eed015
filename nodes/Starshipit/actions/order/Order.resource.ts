import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { versionedOperation } from '../../../shared/router';
import { toolDescriptions } from '../../../shared/tool';
import * as archive from './archive.operation';
import * as create from './create.operation';
import * as createMany from './createMany.operation';
import * as deleteOrder from './delete.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as update from './update.operation';

export { archive, create, createMany, deleteOrder as delete, get, getMany, update };

const OPERATIONS: INodePropertyOptions[] = [
	{
		name: 'Archive',
		value: 'archive',
		action: 'Archive an order',
		description: 'Archive a printed or shipped order (it leaves the active lists)',
	},
	{
		name: 'Create',
		value: 'create',
		action: 'Create an order',
		description:
			'Create one order per input item (an order number already there is not created again)',
	},
	{
		name: 'Create Many',
		value: 'createMany',
		action: 'Create many orders',
		description: 'Import the input items as orders, up to 50 per call',
	},
	{
		name: 'Delete',
		value: 'delete',
		action: 'Delete an order',
		description: 'Delete an unshipped order (cannot be undone)',
	},
	{
		name: 'Get',
		value: 'get',
		action: 'Get an order',
		description:
			'Get an order by order number or ID, from any tab: status, destination, carrier, tracking',
	},
	{
		name: 'Get Many',
		value: 'getMany',
		action: 'Get many orders',
		description:
			'List unshipped or shipped orders, or search. Without a date Starshipit lists only orders updated in the last 24 hours.',
	},
	{
		name: 'Update',
		value: 'update',
		action: 'Update an order',
		description: "Change an unshipped order's details",
	},
];

export const description: INodeProperties[] = [
	// Version 1 starts on Create; version 2 on Get, a read: writes are chosen deliberately, and an
	// AI agent's tool dropped in as it comes must not create orders.
	...versionedOperation('order', OPERATIONS, { version1: 'create', fromVersion2: 'get' }),
	...toolDescriptions('order', {
		archive:
			'Archive a printed or shipped Starshipit order by its numeric order_id: it leaves the active lists. Writes to Starshipit: call it only when the user asked to archive this order.',
		create:
			'Create a Starshipit order from the input (order number, destination, items). Writes to Starshipit: call it only when the user asked for a new order. An order number Starshipit already holds is not created again; the existing order comes back marked skipped_existing.',
		createMany:
			'Create Starshipit orders from the input items, up to 50 per call. Writes to Starshipit: call it only when the user asked for these orders. Order numbers Starshipit already holds are not created again.',
		delete:
			'Delete an unshipped Starshipit order by its numeric order_id. Cannot be undone: call it only when the user explicitly asked to delete this order.',
		get: 'Get one Starshipit order by its order number (usually the CartonCloud customer reference, e.g. KOA-10001) or its numeric order_id, whichever tab it is in (unshipped, printed, shipped). Read-only. Returns the order number and ID, status, order date, recipient, destination city and country, carrier and service, tracking numbers, tracking status and URL, shipped date, items and the latest events. An order number Starshipit does not know may not have been pushed from CartonCloud yet.',
		getMany:
			'List Starshipit orders: unshipped ones (waiting for a label), shipped ones, or a search by order number, tracking number or recipient name. Read-only. Returns per order: order number and ID, status, order date, destination city and country, carrier, tracking number and status, shipped date; a note says when more exist than are shown. Caveat: without a "since" date, Starshipit lists only orders updated in the last 24 hours, so an order waiting longer than that is missing unless a since date is given.',
		update:
			"Change an unshipped Starshipit order's details (destination, items, packages, carrier). Writes to Starshipit: call it only when the user asked for this change. Printed and shipped orders cannot be changed.",
	}),
	...create.description,
	...createMany.description,
	...get.description,
	...getMany.description,
	...update.description,
	...deleteOrder.description,
	...archive.description,
];
