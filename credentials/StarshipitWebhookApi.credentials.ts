import type { ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

/**
 * The secret key Starshipit signs its tracking webhooks with (X-Starshipit-Signature), used by the
 * Starshipit Webhook Trigger (version 2). Kept in a credential, n8n stores it encrypted and leaves
 * it out of exported workflows. Nothing remote can check it: the node's credential test checks
 * its form, the trigger checks every delivery's signature.
 */
export class StarshipitWebhookApi implements ICredentialType {
	name = 'starshipitWebhookApi';

	displayName = 'Starshipit Webhook API';

	icon: Icon = { light: 'file:../icons/starshipit.svg', dark: 'file:../icons/starshipit.dark.svg' };

	documentationUrl =
		'https://support.starshipit.com/articles/14700000001002-authentication-and-access';

	properties: INodeProperties[] = [
		{
			displayName: 'Secret Key',
			name: 'secret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'The secret key set in Starshipit (Settings > Tracking & notifications, with the webhook URL). Each delivery must carry X-Starshipit-Signature, the HMAC-SHA256 of its body keyed with it; others get 401.',
		},
	];
}
