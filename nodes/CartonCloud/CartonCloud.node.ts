import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import * as consignment from './actions/consignment/Consignment.resource';
import * as customer from './actions/customer/Customer.resource';
import { router } from './actions/router';
import * as saleOrder from './actions/saleOrder/SaleOrder.resource';
import * as tracking from './actions/tracking/Tracking.resource';
import { searchCustomers } from './methods/listSearch';
import { getCustomers } from './methods/loadOptions';

export class CartonCloud implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'CartonCloud',
		name: 'cartonCloud',
		icon: {
			light: 'file:../../icons/cartoncloud.svg',
			dark: 'file:../../icons/cartoncloud.dark.svg',
		},
		group: ['transform'],
		// Version 2: a failed item keeps its input item whole, led by its outcome (CHANGELOG.md).
		version: [1, 2],
		defaultVersion: 2,
		// The operation in words ("Get many sale orders"): each operation's `action`, looked up by
		// resource and operation; test/editor/nodeDescriptions.test.mts keeps it in step with the options.
		subtitle:
			'={{ {"saleOrder:addDocument":"Add a document to a sale order","saleOrder:create":"Create a sale order","saleOrder:delete":"Delete a sale order","saleOrder:downloadDocument":"Download a sale order document","saleOrder:get":"Get a sale order","saleOrder:getDocuments":"Get the documents of a sale order","saleOrder:getMany":"Get many sale orders","consignment:get":"Get a consignment","consignment:getMany":"Get many consignments","consignment:update":"Update a consignment","customer:getMany":"Get many customers","tracking:writeBack":"Write tracking to a consignment"}[$parameter["resource"] + ":" + $parameter["operation"]] }}',
		description: 'Work with CartonCloud sale orders, consignments, documents and customers',
		defaults: { name: 'CartonCloud' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'cartonCloudApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Consignment', value: 'consignment' },
					{ name: 'Customer', value: 'customer' },
					{ name: 'Sale Order', value: 'saleOrder' },
					{
						name: 'Tracking',
						value: 'tracking',
						description: "Write shipment tracking back to a sale order's consignment",
					},
				],
				default: 'saleOrder',
			},
			...saleOrder.description,
			...consignment.description,
			...tracking.description,
			...customer.description,
		],
	};

	methods = {
		listSearch: { searchCustomers },
		loadOptions: { getCustomers },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
