import {
	NodeConnectionTypes,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';
import { manuallyRegisteredWebhook, webhookSecret } from '../shared/webhooks';
import { receiveTrackingWebhook } from './triggers/trackingWebhook';
import {
	readTrackingStatuses,
	secretField,
	trackingStatusesField,
	WEBHOOK_SETUP_NOTICE,
	WEBHOOK_SETUP_NOTICE_V1,
} from './triggers/triggerFields';
import { starshipitWebhookSecretTest, WEBHOOK_CREDENTIAL } from './triggers/webhookCredential';

/**
 * Receives Starshipit's tracking webhook (no API key needed: Starshipit calls us). Version 2 (the
 * default) reads the signature secret from the Starshipit Webhook credential and refuses every
 * delivery until one is set; version 1 read it from its `secret` parameter, which n8n stores and
 * exports in plain text, and checked no signature while it was empty.
 */
export class StarshipitWebhookTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Starshipit Webhook Trigger',
		name: 'starshipitWebhookTrigger',
		icon: {
			light: 'file:../../icons/starshipit.svg',
			dark: 'file:../../icons/starshipit.dark.svg',
		},
		group: ['trigger'],
		version: [1, 2],
		defaultVersion: 2,
		subtitle: 'Tracking update received',
		description:
			'Starts the workflow when Starshipit posts a tracking update, checking its signature',
		defaults: { name: 'Starshipit Webhook Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'starshipitWebhookApi',
				required: true,
				testedBy: 'starshipitWebhookSecretTest',
				displayOptions: { show: { '@version': [2] } },
			},
		],
		webhooks: [
			{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' },
		],
		properties: [
			{
				displayName: WEBHOOK_SETUP_NOTICE,
				name: 'webhookNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { '@version': [2] } },
			},
			{
				displayName: WEBHOOK_SETUP_NOTICE_V1,
				name: 'webhookNoticeV1',
				type: 'notice',
				default: '',
				displayOptions: { show: { '@version': [1] } },
			},
			{ ...secretField, displayOptions: { show: { '@version': [1] } } },
			trackingStatusesField,
		],
	};

	methods = { credentialTest: { starshipitWebhookSecretTest } };

	webhookMethods = manuallyRegisteredWebhook;

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receiveTrackingWebhook(this, {
			secret: await webhookSecret(this, WEBHOOK_CREDENTIAL),
			// Version 1 checked no signature while its parameter was empty; version 2 fails closed.
			requireSecret: this.getNode().typeVersion >= 2,
			statuses: readTrackingStatuses(this),
		});
	}
}
