import type {
	IDataObject,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { manuallyRegisteredWebhook } from '../shared/webhooks';
import { pollSaleOrderTrigger } from './helpers/polling';
import { SALE_ORDER_STATUSES } from './helpers/descriptions';
import { customerIds, customersField } from './helpers/triggerFields';
import { receiveSaleOrderWebhook } from './helpers/webhook';
import { searchCustomers } from './methods/listSearch';

const polling = { event: ['saleOrderReachedStatus'] };
const webhook = { event: ['webhook'] };

/**
 * DEPRECATED, hidden from the node creator: the version-1 trigger that held both mechanisms.
 * It stays so workflows saved with it keep loading and running; its two modes now run the code of
 * CartonCloud Sale Order Trigger (polling) and CartonCloud Webhook Trigger (webhook, reading each
 * order back). New workflows use those two nodes; README "Migrating from CartonCloud Trigger".
 */
export class CartonCloudTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'CartonCloud Trigger',
		name: 'cartonCloudTrigger',
		icon: { light: 'file:../../icons/cartoncloud.svg', dark: 'file:../../icons/cartoncloud.dark.svg' },
		group: ['trigger'],
		version: 1,
		hidden: true,
		subtitle: '={{$parameter["event"] === "webhook" ? "Webhook" : "Sale Order Reached Status"}}',
		description: 'Deprecated: use CartonCloud Sale Order Trigger (polling) or CartonCloud Webhook Trigger instead',
		defaults: { name: 'CartonCloud Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'cartonCloudApi', required: true, testedBy: 'cartonCloudApiTest' }],
		webhooks: [
			{
				name: 'default',
				// Only the webhook event registers a URL: an empty method means no webhook for polling.
				httpMethod: '={{$parameter["event"] === "webhook" ? "POST" : ""}}',
				responseMode: 'onReceived',
				path: 'webhook',
			},
		],
		properties: [
			{
				displayName: 'This node is deprecated: replace it with CartonCloud Sale Order Trigger (polling) or CartonCloud Webhook Trigger',
				name: 'deprecatedNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Event',
				name: 'event',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Sale Order Reached Status (Polling)', value: 'saleOrderReachedStatus' },
					{ name: 'Webhook From CartonCloud', value: 'webhook' },
				],
				default: 'saleOrderReachedStatus',
			},
			{
				displayName: 'Statuses',
				name: 'statuses',
				type: 'multiOptions',
				options: SALE_ORDER_STATUSES,
				default: ['PACKED'],
				displayOptions: { show: polling },
			},
			{ displayName: 'Statuses', name: 'webhookStatuses', type: 'multiOptions', options: SALE_ORDER_STATUSES, default: [], displayOptions: { show: webhook } },
			customersField,
			{ displayName: 'Options', name: 'options', type: 'collection', default: {}, displayOptions: { show: polling }, options: [
				{ displayName: 'Emit Existing Orders on First Poll', name: 'emitExisting', type: 'boolean', default: false },
			] },
			{ displayName: 'Options', name: 'webhookOptions', type: 'collection', default: {}, displayOptions: { show: webhook }, options: [
				{ displayName: 'Shared Header Name', name: 'sharedHeaderName', type: 'string', default: '' },
				{ displayName: 'Shared Header Value', name: 'sharedHeaderValue', type: 'string', typeOptions: { password: true }, default: '' },
			] },
		],
	};

	methods = { listSearch: { searchCustomers } };

	webhookMethods = manuallyRegisteredWebhook;

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		if (this.getNodeParameter('event', 'saleOrderReachedStatus') !== 'saleOrderReachedStatus') return null;
		return await pollSaleOrderTrigger(this);
	}

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		if (this.getNodeParameter('event', 'saleOrderReachedStatus') !== 'webhook') {
			this.getResponseObject().status(404).json({ message: 'This trigger polls CartonCloud; it does not accept webhooks' });
			return { noWebhookResponse: true };
		}
		const options = this.getNodeParameter('webhookOptions', {}) as IDataObject;
		const secretHeader = String(options.sharedHeaderName ?? '').trim();
		return await receiveSaleOrderWebhook(this, {
			// Version 1 made the header optional; kept so old workflows keep working after the upgrade.
			secret: secretHeader ? String(options.sharedHeaderValue ?? '') : '',
			secretHeader,
			allowWithoutSecret: !secretHeader,
			statuses: this.getNodeParameter('webhookStatuses', []) as string[],
			customerIds: customerIds(this.getNodeParameter('customers', {})),
		});
	}
}
