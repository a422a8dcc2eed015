import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { createOrders } from './creation/createOrders';

export const description: INodeProperties[] = [
	{
		displayName:
			"Each input item becomes one order. They are sent with Starshipit's import, at most 50 orders per call, and each result is returned on the item it came from.",
		name: 'createManyNotice',
		type: 'notice',
		displayOptions: { show: { resource: ['order'], operation: ['createMany'] } },
		default: '',
	},
];

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await createOrders.call(this, items, true);
}
