import { NodeConnectionTypes, type INodePropertyOptions, type INodeType, type INodeTypeDescription, type IWebhookFunctions, type IWebhookResponseData } from 'n8n-workflow';
import { manuallyRegisteredWebhook } from '../shared/webhooks';
import { receiveTrackingWebhook } from './triggers/trackingWebhook';
import { secretField, trackingStatusesField, WEBHOOK_SETUP_NOTICE } from './triggers/triggerFields';
import { readChoices } from '../shared/choices';

/** Receives Starshipit's tracking webhook (no API key needed: Starshipit calls us). */
export class StarshipitWebhookTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Starshipit Webhook Trigger',
		name: 'starshipitWebhookTrigger',
		icon: { light: 'file:../../icons/starshipit.svg', dark: 'file:../../icons/starshipit.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: 'Tracking update received',
		description: 'Starts the workflow when Starshipit posts a tracking update, checking its signature',
		defaults: { name: 'Starshipit Webhook Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }],
		properties: [{ displayName: WEBHOOK_SETUP_NOTICE, name: 'webhookNotice', type: 'notice', default: '' }, secretField, trackingStatusesField],
	};

	webhookMethods = manuallyRegisteredWebhook;

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receiveTrackingWebhook(this, {
			secret: this.getNodeParameter('secret', '') as string,
			statuses: readChoices(this, this.getNodeParameter('statuses', []), trackingStatusesField.options as INodePropertyOptions[], 'Tracking Statuses'),
		});
	}
}
