/**
 * Report: read-only views across both systems.
 *
 * Why the reconciliation lives on the Starshipit node (with a CartonCloud credential shown only
 * for this resource) rather than on the CartonCloud node: most of what it checks is Starshipit's
 * state (duplicates, orders stuck unshipped, shipped orders' tracking), its biggest cost is the
 * Starshipit listing, and it belongs beside the order push's existence check that lists the same
 * way. CartonCloud is read through its own transport (`nodes/CartonCloud/transport`), which finds
 * its credential by type, so no HTTP code is duplicated.
 */
import type { INodeProperties } from 'n8n-workflow';
import * as reconcileWithCartonCloud from './reconcileWithCartonCloud.operation';

export { reconcileWithCartonCloud };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['report'] } },
		options: [
			{
				name: 'Reconcile With CartonCloud',
				value: 'reconcileWithCartonCloud',
				action: 'Reconcile orders across both systems',
				description: 'List the orders on which Starshipit and CartonCloud disagree, with what to do about each',
			},
		],
		default: 'reconcileWithCartonCloud',
	},
	...reconcileWithCartonCloud.description,
];
