import type {
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { manuallyRegisteredWebhook, webhookSecret } from '../shared/webhooks';
import {
	customerIds,
	customersField,
	STATUS_CHOICE_NOTICE,
	statusesField,
} from './triggers/triggerFields';
import { DEFAULT_SECRET_HEADER, receiveSaleOrderWebhook } from './triggers/saleOrderWebhook';
import { searchCustomers } from './methods/listSearch';
import { cartonCloudWebhookSecretTest, WEBHOOK_CREDENTIAL } from './triggers/webhookCredential';
import { readChoices } from '../shared/choices';
import { SALE_ORDER_STATUSES } from './transport/saleOrderSearch';

/**
 * Receives CartonCloud's status-change webhook and emits the sale order as CartonCloud holds it.
 * Version 2 (the default) reads the shared secret from the CartonCloud Webhook credential;
 * version 1 read it from its `secret` parameter, which n8n stores and exports in plain text.
 */
export class CartonCloudWebhookTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'CartonCloud Webhook Trigger',
		name: 'cartonCloudWebhookTrigger',
		icon: {
			light: 'file:../../icons/cartoncloud.svg',
			dark: 'file:../../icons/cartoncloud.dark.svg',
		},
		group: ['trigger'],
		version: [1, 2],
		defaultVersion: 2,
		subtitle: 'Sale order status changed',
		description:
			'Starts the workflow when CartonCloud posts a sale order status change, after reading the order back from CartonCloud',
		defaults: { name: 'CartonCloud Webhook Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			// Each delivery is checked by reading the sale order back from CartonCloud.
			{ name: 'cartonCloudApi', required: true },
			{
				name: 'cartonCloudWebhookApi',
				required: true,
				testedBy: 'cartonCloudWebhookSecretTest',
				displayOptions: { show: { '@version': [2] } },
			},
		],
		webhooks: [
			{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' },
		],
		properties: [
			{
				displayName:
					'CartonCloud staff register webhooks (integrations@cartoncloud.com.au): send them the Production URL above with <code>?secret=</code> and the secret of the CartonCloud Webhook credential above appended, and ask for the "Order status change" trigger. Each delivery only names a sale order: the order is read back from CartonCloud and only what CartonCloud returns is emitted.',
				name: 'webhookNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { '@version': [2] } },
			},
			{
				displayName:
					'CartonCloud staff register webhooks (integrations@cartoncloud.com.au): send them the Production URL above with <code>?secret=</code> and the secret below appended, and ask for the "Order status change" trigger. Each delivery only names a sale order: the order is read back from CartonCloud and only what CartonCloud returns is emitted.',
				name: 'webhookNoticeV1',
				type: 'notice',
				default: '',
				displayOptions: { show: { '@version': [1] } },
			},
			statusesField('Emit a sale order only when CartonCloud says it is in one of these statuses'),
			{ displayName: STATUS_CHOICE_NOTICE, name: 'statusNotice', type: 'notice', default: '' },
			{
				displayName: 'Secret',
				name: 'secret',
				type: 'string',
				typeOptions: { password: true },
				required: true,
				default: '',
				description:
					'A long random value (e.g. from `openssl rand -hex 32`) that CartonCloud sends in the URL (?secret=…) or in the header below. Requests without it get 401; until it is set every request is refused. Version 2 of this node keeps it in a credential instead: this parameter is stored and exported with the workflow.',
				displayOptions: { show: { '@version': [1] } },
			},
			customersField,
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Header Name',
						name: 'headerName',
						type: 'string',
						default: DEFAULT_SECRET_HEADER,
						description:
							'A header that may carry the secret instead of the URL, if CartonCloud staff can set one on the webhook',
					},
				],
			},
		],
	};

	methods = { listSearch: { searchCustomers }, credentialTest: { cartonCloudWebhookSecretTest } };

	webhookMethods = manuallyRegisteredWebhook;

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const options = this.getNodeParameter('options', {}) as { headerName?: string };
		return await receiveSaleOrderWebhook(this, {
			secret: await webhookSecret(this, WEBHOOK_CREDENTIAL),
			secretHeader: options.headerName ?? DEFAULT_SECRET_HEADER,
			statuses: readChoices(
				this,
				this.getNodeParameter('statuses', []),
				SALE_ORDER_STATUSES,
				'Statuses',
			),
			customerIds: customerIds(this.getNodeParameter('customers', {})),
		});
	}
}
