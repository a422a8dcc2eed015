import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';
import * as address from './actions/address/Address.resource';
import * as label from './actions/label/Label.resource';
import * as manifest from './actions/manifest/Manifest.resource';
import * as order from './actions/order/Order.resource';
import * as rate from './actions/rate/Rate.resource';
import * as report from './actions/report/Report.resource';
import { router } from './actions/router';
import * as tracking from './actions/tracking/Tracking.resource';
import { getOrderFields } from './methods/resourceMapping';

export class Starshipit implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Starshipit',
		name: 'starshipit',
		icon: {
			light: 'file:../../icons/starshipit.svg',
			dark: 'file:../../icons/starshipit.dark.svg',
		},
		group: ['transform'],
		// Version 2: a failed item keeps its input item whole, led by its outcome (CHANGELOG.md).
		version: [1, 2],
		defaultVersion: 2,
		// The operation in words ("Get many sale orders"): each operation's `action`, looked up by
		// resource and operation; test/editor/nodeDescriptions.test.mts keeps it in step with the options.
		subtitle:
			'={{ {"order:archive":"Archive an order","order:create":"Create an order","order:createMany":"Create many orders","order:delete":"Delete an order","order:get":"Get an order","order:getMany":"Get many orders","order:update":"Update an order","label:print":"Print a label","label:printMany":"Print many labels","label:reprint":"Reprint a label","manifest:create":"Create a manifest","tracking:get":"Get tracking","rate:getDeliveryServices":"Get delivery services","rate:getQuotes":"Get rate quotes","address:validate":"Validate an address","report:reconcileWithCartonCloud":"Reconcile orders across both systems"}[$parameter["resource"] + ":" + $parameter["operation"]] }}',
		description:
			'Create Starshipit orders, print labels and manifests, track shipments and get rates',
		defaults: { name: 'Starshipit' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: 'starshipitApi', required: true },
			// Only the reconciliation report reads CartonCloud too.
			{
				name: 'cartonCloudApi',
				required: true,
				displayOptions: { show: { resource: ['report'] } },
			},
		],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Address', value: 'address' },
					{ name: 'Label', value: 'label' },
					{ name: 'Manifest', value: 'manifest' },
					{ name: 'Order', value: 'order' },
					{ name: 'Rate', value: 'rate' },
					{ name: 'Report', value: 'report' },
					{ name: 'Tracking', value: 'tracking' },
				],
				default: 'order',
			},
			...order.description,
			...label.description,
			...manifest.description,
			...tracking.description,
			...rate.description,
			...address.description,
			...report.description,
		],
	};

	methods = { resourceMapping: { getOrderFields } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
