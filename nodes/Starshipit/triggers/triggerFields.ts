/** Parameters shared by the Starshipit triggers (polling and webhook). */
import type {
	INodeProperties,
	INodePropertyOptions,
	IPollFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';
import { readChoices } from '../../shared/choices';

export const TRACKING_STATUSES = [
	'Printed',
	// Sent when the order is put on a carrier manifest (GorgonFreeman/bedrock's webhook receiver acts on it).
	'Manifested',
	'Dispatched',
	'InTransit',
	'OutForDelivery',
	'Delivered',
	'PickupInStore',
	'AttemptedDelivery',
	'Exception',
	'AwaitingCollection',
	'Cancelled',
];

export const trackingStatusesField: INodeProperties = {
	displayName: 'Tracking Statuses',
	name: 'statuses',
	type: 'multiOptions',
	options: TRACKING_STATUSES.map((s) => ({
		name: s.replace(/([a-z])([A-Z])/g, '$1 $2'),
		value: s,
	})),
	default: [],
	description: 'Only these tracking statuses start the workflow; none selected means all',
};

/** The Tracking Statuses the trigger (webhook or poll) is set to emit; a value not offered is an error. */
export function readTrackingStatuses(context: IPollFunctions | IWebhookFunctions): string[] {
	return readChoices(
		context,
		context.getNodeParameter('statuses', []),
		trackingStatusesField.options as INodePropertyOptions[],
		'Tracking Statuses',
	);
}

export const WEBHOOK_SETUP_NOTICE =
	'Starshipit has no API to register webhooks, so set it up once by hand: 1) copy this node’s Production URL (shown above under Webhook URLs); 2) in Starshipit open Settings > Tracking & notifications (older accounts: Customer Notifications) and paste it as the webhook URL; 3) set a secret key there and enter the same one in this node’s Starshipit Webhook credential (deliveries are refused until one is set); 4) activate this workflow.';

/** Version 1 of the Starshipit Webhook Trigger kept the secret key in a node parameter. */
export const WEBHOOK_SETUP_NOTICE_V1 =
	'Starshipit has no API to register webhooks, so set it up once by hand: 1) copy this node’s Production URL (shown above under Webhook URLs); 2) in Starshipit open Settings > Tracking & notifications (older accounts: Customer Notifications) and paste it as the webhook URL; 3) set a secret key there and enter the same one below; 4) activate this workflow.';

export const secretField: INodeProperties = {
	displayName: 'Secret Key',
	name: 'secret',
	type: 'string',
	typeOptions: { password: true },
	default: '',
	description:
		'The secret key set in Starshipit. When set, a request must carry X-Starshipit-Signature: the lowercase hex HMAC-SHA256 of the raw body (base64 and a sha256= prefix are accepted too); others get 401 and are ignored. Version 2 of this node keeps it in a credential instead: this parameter is stored and exported with the workflow.',
};

export const emitOnField: INodeProperties = {
	displayName: 'Emit',
	name: 'emitOn',
	type: 'options',
	options: [
		{
			name: 'Each Shipped Order Once',
			value: 'shipped',
			description: 'An order only when it first shows up shipped',
		},
		{
			name: 'Each Tracking Update',
			value: 'statusChange',
			description:
				'An order when it first shows up shipped, and again when Starshipit reports it with a new tracking status',
		},
	],
	default: 'statusChange',
};

export const lookbackField: INodeProperties = {
	displayName: 'Initial Look-Back (Hours)',
	name: 'initialLookbackHours',
	type: 'number',
	typeOptions: { minValue: 0 },
	default: 24,
	description:
		'On the first poll, orders shipped this far back are emitted too (0 = only from now on)',
};
