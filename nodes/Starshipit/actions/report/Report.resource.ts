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
import { toolDescriptions } from '../../../shared/tool';
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
				description:
					'List the orders on which Starshipit and CartonCloud disagree (not pushed, stuck unshipped, tracking missing), with what to do about each',
			},
		],
		default: 'reconcileWithCartonCloud',
	},
	...toolDescriptions('report', {
		reconcileWithCartonCloud:
			'Compare CartonCloud and Starshipit and list what needs attention: sale orders at the push status with no Starshipit order (the order push failed on them or has not run), orders stuck unshipped, shipped orders whose tracking is not on the CartonCloud consignment, order numbers held twice, and Starshipit orders with no sale order. Read-only. Returns a summary with the counts, then one entry per order with what to do. Reads both systems, so it takes a while on large accounts.',
	}),
	...reconcileWithCartonCloud.description,
];
