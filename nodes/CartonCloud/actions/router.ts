import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { routeToOperation } from '../../shared/router';
import * as consignment from './consignment/Consignment.resource';
import * as customer from './customer/Customer.resource';
import * as saleOrder from './saleOrder/SaleOrder.resource';
import * as tracking from './tracking/Tracking.resource';

const resources = {
	saleOrder: saleOrder.operations,
	consignment: consignment.operations,
	tracking: tracking.operations,
	customer: customer.operations,
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await routeToOperation(this, resources);
}
