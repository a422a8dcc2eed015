import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { allOf, oneOf, type SearchCondition } from '../../transport/conditions';
import {
	CONSIGNMENT_DETAIL_TYPES,
	CONSIGNMENT_STATUSES,
	customerLocator,
	locatorText,
	returnAllOrLimit,
} from '../common.descriptions';
import { readChoices } from '../../../shared/choices';
import { forEachItem } from '../../../shared/items';
import { ANSWER_LIMIT, fitAnswer, outputProperties, simplifies } from '../../../shared/output';
import { readLimit } from '../../../shared/values';
import { simpleConsignment } from '../simplify';
import { search } from '../../transport';
import { CONSIGNMENTS, consignmentField } from './common';

const properties: INodeProperties[] = [
	...returnAllOrLimit({}),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Sale Order ID',
				name: 'saleOrderId',
				type: 'string',
				default: '',
				description:
					"Only the consignment generated from this sale order (found through the consignment's generatedFromTask link)",
			},
			customerLocator({ description: 'Only consignments of this customer' }),
			{
				displayName: 'Customer Reference',
				name: 'customerReference',
				type: 'string',
				default: '',
				description:
					"The customer's reference (exact match); a consignment generated from a sale order copies the order's",
			},
			{
				displayName: 'Statuses',
				name: 'statuses',
				type: 'multiOptions',
				options: CONSIGNMENT_STATUSES,
				default: [],
				description:
					'CartonCloud cannot search consignments by status, so these are filtered after the search (an expression may give a list or comma-separated text)',
			},
		],
	},
	...outputProperties(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['consignment'], operation: ['getMany'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await forEachItem(this, items, async (i) => {
		const limit = readLimit(this, i);
		const filters = this.getNodeParameter('filters', i, {}) as IDataObject;
		const statuses = readChoices(this, filters.statuses, CONSIGNMENT_STATUSES, 'Statuses', i);
		// Only documented search fields (reference §4): the rest is filtered here.
		const parts: SearchCondition[] = [];
		const saleOrderId = String(filters.saleOrderId ?? '').trim();
		if (saleOrderId) parts.push(oneOf('/generatedFromTask/id', [saleOrderId]));
		const customerId = locatorText(filters.customer);
		if (customerId) parts.push(consignmentField('customerId', customerId));
		const reference = String(filters.customerReference ?? '').trim();
		if (reference) parts.push(consignmentField('reference', reference));
		// With no filter, every consignment: any of the documented detail types.
		if (parts.length === 0) parts.push(oneOf('/details/type', CONSIGNMENT_DETAIL_TYPES));
		let found: IDataObject[];
		if (statuses.length === 0)
			found = await search(this, CONSIGNMENTS, allOf(parts), {
				returnAll: limit === undefined,
				limit,
				itemIndex: i,
			});
		else {
			const all = await search(this, CONSIGNMENTS, allOf(parts), { returnAll: true, itemIndex: i });
			const matching = all.filter((c) => statuses.includes(String(c.status)));
			found = limit === undefined ? matching : matching.slice(0, limit);
		}
		if (!simplifies(this, i)) return found;
		const always: string[] = [];
		if (found.length === 0) always.push('No consignment matches these filters.');
		if (limit !== undefined && found.length >= limit)
			always.push(
				`The Limit (${limit}) was reached: more consignments may match. Narrow the filters or raise the Limit to see them.`,
			);
		return fitAnswer(found.map(simpleConsignment), {
			always,
			cut: (shown, total) =>
				`Showing ${shown} of the ${total} consignments found: an answer stops at about ${ANSWER_LIMIT.toLocaleString('en')} characters. Narrow the search (sale order, customer reference, statuses) to see the others.`,
		});
	});
}
