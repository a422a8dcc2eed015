/** Reads resource and operation and hands all input items to that operation. */
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import * as address from './address/Address.resource';
import * as label from './label/Label.resource';
import * as manifest from './manifest/Manifest.resource';
import * as order from './order/Order.resource';
import * as rate from './rate/Rate.resource';
import * as tracking from './tracking/Tracking.resource';

type Operation = { execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> };

const resources: Record<string, Record<string, unknown>> = { address, label, manifest, order, rate, tracking };

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const handler = resources[resource]?.[operation] as Operation | undefined;
	if (!handler || typeof handler.execute !== 'function') {
		throw new NodeOperationError(this.getNode(), `The operation "${operation}" of resource "${resource}" is not supported`);
	}
	return [await handler.execute.call(this, items)];
}
