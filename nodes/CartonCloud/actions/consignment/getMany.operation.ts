import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { allOf, oneOf, type SearchCondition } from '../../transport/conditions';
import { CONSIGNMENT_DETAIL_TYPES, CONSIGNMENT_STATUSES, customerLocator, returnAllOrLimit } from '../common.descriptions';
import { forEachItem } from '../../../shared/items';
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
				description: "Only the consignment generated from this sale order (found through the consignment's generatedFromTask link)",
			},
			customerLocator({ description: 'Only consignments of this customer' }),
			{
				displayName: 'Customer Reference',
				name: 'customerReference',
				type: 'string',
				default: '',
				description: "The customer's reference (exact match); a consignment generated from a sale order copies the order's",
			},
			{
				displayName: 'Statuses',
				name: 'statuses',
				type: 'multiOptions',
				options: CONSIGNMENT_STATUSES,
				default: [],
				description: 'CartonCloud cannot search consignments by status, so these are filtered after the search',
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['consignment'], operation: ['getMany'] } }, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await forEachItem(this, items, async (i) => {
		const returnAll = this.getNodeParameter('returnAll', i, false) as boolean;
		const limit = this.getNodeParameter('limit', i, 50) as number;
		const filters = this.getNodeParameter('filters', i, {}) as IDataObject;
		// Only documented search fields (reference §4): the rest is filtered here.
		const parts: SearchCondition[] = [];
		const saleOrderId = String(filters.saleOrderId ?? '').trim();
		if (saleOrderId) parts.push(oneOf('/generatedFromTask/id', [saleOrderId]));
		const customerId = String((filters.customer as { value?: unknown } | undefined)?.value ?? '').trim();
		if (customerId) parts.push(consignmentField('customerId', customerId));
		const reference = String(filters.customerReference ?? '').trim();
		if (reference) parts.push(consignmentField('reference', reference));
		// With no filter, every consignment: any of the documented detail types.
		if (parts.length === 0) parts.push(oneOf('/details/type', CONSIGNMENT_DETAIL_TYPES));
		const statuses = (filters.statuses as string[] | undefined) ?? [];
		if (statuses.length === 0) return await search(this, CONSIGNMENTS, allOf(parts), { returnAll, limit, itemIndex: i });
		const all = await search(this, CONSIGNMENTS, allOf(parts), { returnAll: true, itemIndex: i });
		const matching = all.filter((c) => statuses.includes(String(c.status)));
		return returnAll ? matching : matching.slice(0, limit);
	});
}
