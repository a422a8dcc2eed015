import {
	NodeConnectionTypes,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';
import { manuallyRegisteredWebhook } from '../shared/webhooks';
import { pollShippedOrderTrigger } from './helpers/shippedPoll';
import { receiveTrackingWebhook } from './helpers/trackingWebhook';
import { emitOnField, lookbackField, secretField, trackingStatusesField } from './helpers/triggerFields';
import { starshipitApiTest } from './methods/credentialTest';

const polling = { show: { mode: ['polling'] } };
const webhook = { show: { mode: ['webhook'] } };

/**
 * DEPRECATED, hidden from the node creator: the version-1 trigger that held both mechanisms.
 * It stays so workflows saved with it keep loading and running; its two modes now run the code of
 * Starshipit Shipped Order Trigger (polling) and Starshipit Webhook Trigger. New workflows use
 * those two nodes; README "Migrating from the combined triggers".
 */
export class StarshipitTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Starshipit Trigger',
		name: 'starshipitTrigger',
		icon: { light: 'file:../../icons/starshipit.svg', dark: 'file:../../icons/starshipit.dark.svg' },
		group: ['trigger'],
		version: 1,
		hidden: true,
		subtitle: '={{$parameter["mode"] === "polling" ? "Poll shipped orders" : "Tracking webhook"}}',
		description: 'Deprecated: use Starshipit Shipped Order Trigger (polling) or Starshipit Webhook Trigger instead',
		defaults: { name: 'Starshipit Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		polling: true,
		credentials: [{ name: 'starshipitApi', required: true, testedBy: 'starshipitApiTest', displayOptions: polling }],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook', ndvHideUrl: '={{ $parameter["mode"] === "polling" }}' }],
		properties: [
			{
				displayName: 'This node is deprecated: replace it with Starshipit Shipped Order Trigger (polling) or Starshipit Webhook Trigger',
				name: 'deprecatedNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Mode',
				name: 'mode',
				type: 'options',
				options: [
					{ name: 'Webhook (Tracking Updates)', value: 'webhook' },
					{ name: 'Polling (Shipped Orders)', value: 'polling' },
				],
				default: 'webhook',
			},
			{ ...secretField, displayOptions: webhook },
			{ ...emitOnField, displayOptions: polling },
			trackingStatusesField,
			{ ...lookbackField, displayOptions: polling },
		],
	};

	methods = { credentialTest: { starshipitApiTest } };

	webhookMethods = manuallyRegisteredWebhook;

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		if (this.getNodeParameter('mode', 'webhook') !== 'webhook') return { webhookResponse: { received: true, emitted: 0 } };
		return await receiveTrackingWebhook(this, {
			secret: this.getNodeParameter('secret', '') as string,
			statuses: this.getNodeParameter('statuses', []) as string[],
		});
	}

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		if (this.getNodeParameter('mode', 'webhook') !== 'polling') return null;
		return await pollShippedOrderTrigger(this);
	}
}
