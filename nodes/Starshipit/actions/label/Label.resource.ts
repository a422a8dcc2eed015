import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { versionedOperation } from '../../../shared/router';
import { toolDescriptions } from '../../../shared/tool';
import * as print from './print.operation';
import * as printMany from './printMany.operation';
import * as reprint from './reprint.operation';

export { print, printMany, reprint };

const OPERATIONS: INodePropertyOptions[] = [
	{
		name: 'Print',
		value: 'print',
		action: 'Print a label',
		description:
			'Create the shipment and buy the label (a carrier charge): tracking numbers, carrier and label PDFs. An order already printed is not charged again.',
	},
	{
		name: 'Print Many',
		value: 'printMany',
		action: 'Print many labels',
		description: 'Bulk-print labels, each a carrier charge (no tracking numbers returned)',
	},
	{
		name: 'Reprint',
		value: 'reprint',
		action: 'Reprint a label',
		description: 'Get the labels of an order already printed (no new shipment, no charge)',
	},
];

export const description: INodeProperties[] = [
	// Version 1 starts on Print; version 2 on Reprint, which buys nothing: a label is bought deliberately.
	...versionedOperation('label', OPERATIONS, { version1: 'print', fromVersion2: 'reprint' }),
	...toolDescriptions('label', {
		print:
			"Print the shipping label of one Starshipit order (by order number or numeric order_id). This BUYS the label: Starshipit creates the shipment with the carrier, a carrier charge that cannot be undone through the API, so call it only when the user explicitly asked to print this order's label. An order that already has labels is never charged again: its existing labels come back (status reprinted). Returns the outcome (printed or reprinted), the tracking numbers, carrier and service; the label PDF is a file the agent cannot read.",
		printMany:
			'Print the labels of several Starshipit orders by their numeric order_ids, up to 50 per call. This BUYS a label for each order not yet printed (a carrier charge each, not undoable through the API): call it only when the user explicitly asked. Orders that already have labels are not charged again. Returns which orders were printed; no tracking numbers (get them with tracking afterwards).',
		reprint:
			'Get again the labels of a Starshipit order that is already printed (by order number or numeric order_id). No new shipment and no charge. Returns the tracking numbers, carrier and service; the label PDF is a file the agent cannot read. An order not printed yet has no labels.',
	}),
	...print.description,
	...reprint.description,
	...printMany.description,
];
