import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { createOrders } from './creation/createOrders';
import { orderInputProperties } from './input/orderInput';

/** The order input (shared with Create Many, which shows the same fields). */
export const description: INodeProperties[] = orderInputProperties;

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await createOrders.call(this, items, false);
}
