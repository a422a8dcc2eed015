import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { customerLocator, returnAllOrLimit, SALE_ORDER_STATUSES } from '../common.descriptions';
import { forEachItem } from '../../../shared/items';
import { searchSaleOrders } from '../../transport/saleOrderSearch';
import { dateRangeFields, PACKED_NOTICE, saleOrderQuery } from './common';
import { addProductMeasures, addProductWeightsField } from './productMeasures';

const properties: INodeProperties[] = [
	...returnAllOrLimit({}),
	addProductWeightsField,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Statuses',
				name: 'statuses',
				type: 'multiOptions',
				options: SALE_ORDER_STATUSES,
				default: [],
				description: 'Only sale orders in one of these statuses',
			},
			customerLocator({ description: 'Only sale orders of this customer' }),
			{
				displayName: 'Customer Reference',
				name: 'customerReference',
				type: 'string',
				default: '',
				description: "The customer's order number (exact match)",
			},
			...dateRangeFields(),
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['saleOrder'], operation: ['getMany'] } }, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const found = await forEachItem(this, items, async (i) => {
		const returnAll = this.getNodeParameter('returnAll', i, false) as boolean;
		const limit = this.getNodeParameter('limit', i, 50) as number;
		const filters = this.getNodeParameter('filters', i, {}) as IDataObject;
		return await searchSaleOrders(this, saleOrderQuery(this, filters, i), i, returnAll ? undefined : limit);
	});
	if (this.getNodeParameter('addProductWeights', 0, true) as boolean) await addProductMeasures(this, found);
	if (found.length === 0) explainNothingFound(this);
	return found;
}

/**
 * Packed is off by default in CartonCloud (help centre, sale-order statuses): a tenant without it
 * never has a PACKED order, and a search for them finds nothing, run after run. Say so where the
 * user looks, above the (empty) output.
 */
function explainNothingFound(context: IExecuteFunctions): void {
	const filters = context.getNodeParameter('filters', 0, {}) as IDataObject;
	const statuses = (filters.statuses as string[] | undefined) ?? [];
	if (!statuses.includes('PACKED')) return;
	context.addExecutionHints({
		message: PACKED_NOTICE,
		type: 'info',
		location: 'outputPane',
	});
}
