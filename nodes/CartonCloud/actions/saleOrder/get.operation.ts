import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { forEachItem } from '../../../shared/items';
import { apiRequest } from '../../transport';
import { SALE_ORDERS, saleOrderIdField } from './common';
import { addProductMeasures, addProductWeightsField } from './productMeasures';
import { requireText } from '../common.descriptions';

const properties: INodeProperties[] = [saleOrderIdField, addProductWeightsField];

export const description = updateDisplayOptions({ show: { resource: ['saleOrder'], operation: ['get'] } }, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const found = await forEachItem(this, items, async (i) => {
		const id = requireText(this, 'saleOrderId', 'Sale Order ID', i);
		const response = await apiRequest(this, { method: 'GET', path: `${SALE_ORDERS}/${encodeURIComponent(id)}`, itemIndex: i });
		return response.body as IDataObject;
	});
	if (this.getNodeParameter('addProductWeights', 0, true) as boolean) await addProductMeasures(this, found);
	return found;
}
