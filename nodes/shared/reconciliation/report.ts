/**
 * The reconciliation report across both systems (Starshipit node, Report › Reconcile With
 * CartonCloud): its parameters, and one run of it that returns one summary item (counts, an e-mail
 * subject and HTML body) followed by one item per exception, each with what to do.
 *
 * It runs once per execution, whatever the number of input items (a report, not a per-item
 * action): the parameters of the first item apply. With "Input Items Are Recorded Problems" the
 * input items are the open problems the bundled alerts recorded (./recorded.ts).
 */
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { SALE_ORDER_STATUSES } from '../../CartonCloud/transport/saleOrderSearch';
import { readChoices } from '../choices';
import { readWholeNumber } from '../values';
import { HOUR_MS, reconcile } from './compare';
import { fetchBothSides } from './fetchBothSides';
import { knownTimeZone, localIso } from './localTime';
import { recordedProblemsOf } from './recorded';
import { summaryHtml, summarySubject } from './summary';

export const reportProperties: INodeProperties[] = [
	{
		displayName: 'Push Status',
		name: 'pushStatuses',
		type: 'multiOptions',
		options: SALE_ORDER_STATUSES,
		default: ['PACKED'],
		required: true,
		description:
			'The sale-order statuses at which your order push creates Starshipit orders (the same choice as in the push). CartonCloud has Packed off by default: then orders go from Awaiting Pick and Pack straight to Dispatched.',
	},
	{
		displayName: 'Window (Hours)',
		name: 'windowHours',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 168,
		description:
			'Compare Starshipit orders updated within this many hours (and every sale order at the push status, however old)',
	},
	{
		displayName: 'Stuck After (Hours)',
		name: 'stuckAfterHours',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 48,
		description: 'Report Starshipit orders still unshipped this many hours after their order date',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Input Items Are Recorded Problems',
				name: 'recordedProblems',
				type: 'boolean',
				default: false,
				description:
					'Whether the input items are the open problems the bundled alerts recorded (the rows of their data table: kind, order_number, status, reason): each exception about such an order then names the reason the last run recorded and the one action that fixes it',
			},
			{
				displayName: 'Report Orders Without Consignment',
				name: 'reportMissingConsignments',
				type: 'boolean',
				default: false,
				description:
					'Whether to report shipped orders whose sale order has no consignment at all (customers whose "Automatically Generate a Consignment from a Sale Order" setting is off have none, so they would show up every day)',
			},
		],
	},
];

/** Compares the two systems and returns the summary item, then one item per exception. */
export async function reconciliationReport(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const pushStatuses = readChoices(
		this,
		this.getNodeParameter('pushStatuses', itemIndex, []),
		SALE_ORDER_STATUSES,
		'Push Status',
		itemIndex,
	);
	if (!pushStatuses.length)
		throw new NodeOperationError(
			this.getNode(),
			'"Push Status" is empty: choose the status at which your order push picks sale orders up',
			{ itemIndex },
		);
	const windowHours = readWholeNumber(
		this,
		this.getNodeParameter('windowHours', itemIndex, 168),
		'Window (Hours)',
		168,
		itemIndex,
	);
	const stuckAfterHours = readWholeNumber(
		this,
		this.getNodeParameter('stuckAfterHours', itemIndex, 48),
		'Stuck After (Hours)',
		48,
		itemIndex,
	);
	const options = this.getNodeParameter('options', itemIndex, {}) as {
		reportMissingConsignments?: boolean;
		recordedProblems?: boolean;
	};
	const recorded =
		options.recordedProblems === true
			? recordedProblemsOf(this.getInputData().map((item) => item.json))
			: undefined;
	const timeZone = knownTimeZone(this.getTimezone());
	// Whole seconds: the window is read by people, and no listing is finer than a second.
	const now = new Date(Math.floor(Date.now() / 1000) * 1000);
	const windowStart = new Date(now.getTime() - windowHours * HOUR_MS);

	const sides = await fetchBothSides(this, { pushStatuses, windowStart, itemIndex });
	const result = reconcile({
		now,
		pushStatuses,
		stuckAfterHours,
		saleOrders: sides.saleOrders,
		starshipitOrders: sides.starshipitOrders,
		consignments: sides.consignments,
		reportMissingConsignments: options.reportMissingConsignments === true,
		recorded,
	});
	const context = { windowStart, now, stuckAfterHours, pushStatuses, timeZone };
	const summary: INodeExecutionData = {
		json: {
			report: 'summary',
			subject: summarySubject(result, context),
			counts: result.counts,
			checked: result.checked,
			window: {
				since: localIso(windowStart, timeZone),
				until: localIso(now, timeZone),
				time_zone: timeZone,
				starshipit_listed_since: localIso(sides.listedSince, timeZone),
			},
			...(recorded && { recorded_problems: recorded.length }),
			html: summaryHtml(result, context),
		},
		pairedItem: { item: itemIndex },
	};
	// The reason the last run recorded (when given) leads, then the action that follows from it.
	const exceptions = result.exceptions.map(
		({ kind, order_number, last_reason, action, ...rest }) => ({
			json: {
				report: 'exception',
				kind,
				order_number,
				...(last_reason !== undefined && { last_reason }),
				action,
				...rest,
			},
			pairedItem: { item: itemIndex },
		}),
	);
	return [summary, ...exceptions];
}
