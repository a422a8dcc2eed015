import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { customerLocator, returnAllOrLimit, SALE_ORDER_STATUSES } from '../../helpers/descriptions';
import { forEachItem } from '../../../shared/items';
import { searchSaleOrders } from '../../helpers/saleOrderSearch';
import { dateRangeFields, saleOrderQuery } from './common';

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
	return await forEachItem(this, items, async (i) => {
		const returnAll = this.getNodeParameter('returnAll', i, false) as boolean;
		const limit = this.getNodeParameter('limit', i, 50) as number;
		const filters = this.getNodeParameter('filters', i, {}) as IDataObject;
		return await searchSaleOrders(this, saleOrderQuery(this, filters, i), i, returnAll ? undefined : limit);
	});
}
