import {
	NodeConnectionTypes,
	type IDataObject,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';
import { pollShipped, type PollSettings, type PollState } from './helpers/shippedPoll';
import { verifySignature } from './helpers/signature';
import { starshipitApiTest } from './methods/credentialTest';
import { starshipitRequestAllItems } from './transport';
import { manuallyRegisteredWebhook } from '../shared/webhooks';

const TRACKING_STATUSES = [
	'Printed',
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

export class StarshipitTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Starshipit Trigger',
		name: 'starshipitTrigger',
		icon: { light: 'file:../../icons/starshipit.svg', dark: 'file:../../icons/starshipit.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["mode"] === "polling" ? "Poll shipped orders" : "Tracking webhook"}}',
		description: 'Starts the workflow on Starshipit tracking updates (webhook) or newly shipped orders (polling)',
		defaults: { name: 'Starshipit Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		polling: true,
		credentials: [{ name: 'starshipitApi', required: true, testedBy: 'starshipitApiTest', displayOptions: { show: { mode: ['polling'] } } }],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				path: 'webhook',
				ndvHideUrl: '={{ $parameter["mode"] === "polling" }}',
			},
		],
		properties: [
			{
				displayName: 'Mode',
				name: 'mode',
				type: 'options',
				options: [
					{ name: 'Webhook (Tracking Updates)', value: 'webhook', description: 'Starshipit posts each tracking update to this node' },
					{ name: 'Polling (Shipped Orders)', value: 'polling', description: 'Check Starshipit for shipped orders on a schedule' },
				],
				default: 'webhook',
			},
			{
				displayName:
					'Starshipit has no API to register webhooks, so set it up once by hand: 1) copy this node’s Production URL (shown above under Webhook URLs); 2) in Starshipit open Settings > Tracking & notifications (older accounts: Customer Notifications) and paste it as the webhook URL; 3) optionally set a secret key there and enter the same one below; 4) activate this workflow.',
				name: 'webhookNotice',
				type: 'notice',
				displayOptions: { show: { mode: ['webhook'] } },
				default: '',
			},
			{
				displayName: 'Secret Key',
				name: 'secret',
				type: 'string',
				typeOptions: { password: true },
				displayOptions: { show: { mode: ['webhook'] } },
				default: '',
				description:
					'The secret key set in Starshipit. When set, requests without a valid X-Starshipit-Signature (assumed: base64 HMAC-SHA256 of the body; hex and a sha256= prefix are accepted) are answered 401 and ignored.',
			},
			{
				displayName: 'Emit',
				name: 'emitOn',
				type: 'options',
				displayOptions: { show: { mode: ['polling'] } },
				options: [
					{ name: 'Each Tracking Status Change', value: 'statusChange', description: 'An order when it first shows up shipped, and again whenever its tracking status changes' },
					{ name: 'Each Shipped Order Once', value: 'shipped', description: 'An order only when it first shows up shipped' },
				],
				default: 'statusChange',
			},
			{
				displayName: 'Tracking Statuses',
				name: 'statuses',
				type: 'multiOptions',
				options: TRACKING_STATUSES.map((s) => ({ name: s.replace(/([a-z])([A-Z])/g, '$1 $2'), value: s })),
				default: [],
				description: 'Only these tracking statuses start the workflow; none selected means all',
			},
			{
				displayName: 'Initial Look-Back (Hours)',
				name: 'initialLookbackHours',
				type: 'number',
				displayOptions: { show: { mode: ['polling'] } },
				typeOptions: { minValue: 0 },
				default: 24,
				description: 'On the first poll, orders shipped this far back are emitted too (0 = only from now on)',
			},
		],
	};

	methods = { credentialTest: { starshipitApiTest } };

	webhookMethods = manuallyRegisteredWebhook;

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		if (this.getNodeParameter('mode', 'webhook') !== 'webhook') return { webhookResponse: { received: true, emitted: 0 } };
		const request = this.getRequestObject();
		const secret = this.getNodeParameter('secret', '') as string;
		if (secret) {
			const raw = (request as { rawBody?: Buffer }).rawBody ?? Buffer.from(JSON.stringify(request.body ?? {}));
			if (!verifySignature(raw, this.getHeaderData()['x-starshipit-signature'] as string | undefined, secret)) {
				this.getResponseObject().status(401).json({ message: 'Invalid or missing X-Starshipit-Signature' });
				return { noWebhookResponse: true };
			}
		}
		const body = this.getBodyData() as IDataObject | IDataObject[];
		const events = (Array.isArray(body) ? body : [body]).filter((e) => typeof e === 'object' && e !== null);
		const statuses = this.getNodeParameter('statuses', []) as string[];
		const wanted = statuses.length ? events.filter((e) => statuses.includes(String(e.tracking_status))) : events;
		if (wanted.length === 0) return { webhookResponse: { received: true, emitted: 0 } };
		return { workflowData: [this.helpers.returnJsonArray(wanted)] };
	}

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		if (this.getNodeParameter('mode', 'webhook') !== 'polling') return null;
		const settings: PollSettings = {
			emitOn: this.getNodeParameter('emitOn', 'statusChange') as PollSettings['emitOn'],
			statuses: this.getNodeParameter('statuses', []) as string[],
			initialLookbackHours: this.getNodeParameter('initialLookbackHours', 24) as number,
		};
		if (this.getMode() === 'manual') {
			// A sample for building the workflow: recent shipped orders, state untouched.
			const since = new Date(Date.now() - Math.max(settings.initialLookbackHours, 24 * 7) * 3600 * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
			const rows = await starshipitRequestAllItems(this, { path: '/api/orders/shipped', qs: { since_last_updated: since }, rowsKey: 'orders', limit: 5 });
			return rows.length ? [this.helpers.returnJsonArray(rows)] : null;
		}
		const state = this.getWorkflowStaticData('node') as PollState;
		const emitted = await pollShipped(this, state, settings);
		return emitted.length ? [this.helpers.returnJsonArray(emitted)] : null;
	}
}
