import type { ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

/**
 * The shared secret of the CartonCloud Webhook Trigger (version 2). CartonCloud signs nothing, so
 * the webhook URL its staff register carries this secret (`?secret=`), or a header does. Kept in a
 * credential, n8n stores it encrypted and leaves it out of exported workflows. Nothing remote can
 * check it: the node's credential test checks its form, the trigger checks every delivery.
 */
export class CartonCloudWebhookApi implements ICredentialType {
	name = 'cartonCloudWebhookApi';

	displayName = 'CartonCloud Webhook API';

	icon: Icon = {
		light: 'file:../icons/cartoncloud.svg',
		dark: 'file:../icons/cartoncloud.dark.svg',
	};

	documentationUrl = 'https://api-docs.cartoncloud.com/';

	properties: INodeProperties[] = [
		{
			displayName: 'Secret',
			name: 'secret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			placeholder: 'e.g. the output of: openssl rand -hex 32',
			description:
				'A long random value that CartonCloud sends back on every delivery: append it to the webhook URL as ?secret=… (letters, digits and - _ . ~ only, as it travels in the URL), or have it sent in the header set on the trigger',
		},
	];
}
