import type { IHookFunctions, IWebhookFunctions } from 'n8n-workflow';

/**
 * Webhook lifecycle for services whose webhooks are registered by hand (Starshipit: in its
 * settings; CartonCloud: by its staff). There is no API to check, create or delete them, so
 * n8n is told the webhook exists and every step succeeds.
 */
export const manuallyRegisteredWebhook = {
	default: {
		async checkExists(this: IHookFunctions): Promise<boolean> {
			return true;
		},
		async create(this: IHookFunctions): Promise<boolean> {
			return true;
		},
		async delete(this: IHookFunctions): Promise<boolean> {
			return true;
		},
	},
};

/**
 * A webhook trigger's shared secret: version 1 kept it in the node's `secret` parameter (stored
 * unencrypted in the workflow and exported with it); version 2 reads it from `credentialType`,
 * which n8n encrypts and never exports. Empty when none is set, or the credential is missing or
 * cannot be read: the trigger then refuses every delivery.
 */
export async function webhookSecret(
	context: IWebhookFunctions,
	credentialType: string,
): Promise<string> {
	if (context.getNode().typeVersion < 2) return String(context.getNodeParameter('secret', ''));
	try {
		const credential = await context.getCredentials<{ secret?: string }>(credentialType);
		return String(credential.secret ?? '');
	} catch {
		return '';
	}
}
