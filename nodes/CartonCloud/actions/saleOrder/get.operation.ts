import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { explainNotFound } from '../../../shared/errors';
import { forEachItem } from '../../../shared/items';
import { outputProperties, simplifies } from '../../../shared/output';
import { apiRequest } from '../../transport';
import { simpleSaleOrderDetail } from '../simplify';
import { SALE_ORDER_ID_HINT, SALE_ORDERS, saleOrderIdField } from './common';
import { addProductMeasures, addProductWeightsField } from './productMeasures';
import { requireText } from '../common.descriptions';

const properties: INodeProperties[] = [
	saleOrderIdField,
	addProductWeightsField,
	...outputProperties(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['saleOrder'], operation: ['get'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const found = await forEachItem(this, items, async (i) => {
		const id = requireText(this, 'saleOrderId', 'Sale Order ID', i, undefined, SALE_ORDER_ID_HINT);
		const response = await apiRequest(this, {
			method: 'GET',
			path: `${SALE_ORDERS}/${encodeURIComponent(id)}`,
			itemIndex: i,
		}).catch((error: unknown) => {
			throw explainNotFound(
				this,
				error,
				i,
				`Sale order "${id}" is not in CartonCloud: ${SALE_ORDER_ID_HINT}`,
			);
		});
		const order = response.body as IDataObject;
		return simplifies(this, i) ? simpleSaleOrderDetail(order) : order;
	});
	if (!simplifies(this, 0) && (this.getNodeParameter('addProductWeights', 0, true) as boolean))
		await addProductMeasures(this, found);
	return found;
}
