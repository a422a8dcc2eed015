import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import * as consignment from './consignment/Consignment.resource';
import * as customer from './customer/Customer.resource';
import * as saleOrder from './saleOrder/SaleOrder.resource';
import * as tracking from './tracking/Tracking.resource';

type Operation = { execute: (this: IExecuteFunctions, items: INodeExecutionData[]) => Promise<INodeExecutionData[]> };

const resources: Record<string, Record<string, Operation>> = {
	saleOrder: saleOrder.operations,
	consignment: consignment.operations,
	tracking: tracking.operations,
	customer: customer.operations,
};

/** Dispatches to `actions/<resource>/<operation>.operation.ts`; each handles its items (and pairs them). */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const handler = resources[resource]?.[operation];
	if (!handler) {
		throw new NodeOperationError(this.getNode(), `The operation "${operation}" of "${resource}" is not supported`);
	}
	return [await handler.execute.call(this, items)];
}
