import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { routeToOperation } from '../../shared/router';
import * as address from './address/Address.resource';
import * as label from './label/Label.resource';
import * as manifest from './manifest/Manifest.resource';
import * as order from './order/Order.resource';
import * as rate from './rate/Rate.resource';
import * as report from './report/Report.resource';
import * as tracking from './tracking/Tracking.resource';

const resources: Record<string, Record<string, unknown>> = {
	address,
	label,
	manifest,
	order,
	rate,
	report,
	tracking,
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await routeToOperation(this, resources);
}
