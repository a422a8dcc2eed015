/**
 * Where the Starshipit Webhook Trigger's signature secret lives: version 1 kept it in the node's
 * `secret` parameter (stored unencrypted in the workflow and exported with it); version 2 reads it
 * from the `starshipitWebhookApi` credential, which n8n encrypts and never exports.
 */
import type {
	ICredentialTestFunctions,
	ICredentialsDecrypted,
	INodeCredentialTestResult,
	IWebhookFunctions,
} from 'n8n-workflow';

export const WEBHOOK_CREDENTIAL = 'starshipitWebhookApi';

/** The signature secret; empty when none is set. */
export async function webhookSecret(context: IWebhookFunctions): Promise<string> {
	if (context.getNode().typeVersion < 2) return String(context.getNodeParameter('secret', ''));
	try {
		const credential = await context.getCredentials<{ secret?: string }>(WEBHOOK_CREDENTIAL);
		return String(credential.secret ?? '');
	} catch {
		// No credential selected (or it cannot be read): version 2 then refuses every delivery.
		return '';
	}
}

/**
 * The credential test: Starshipit has no API that knows the webhook secret key, so this checks
 * what can be checked here: that it is set, without the stray spaces a paste brings, which would
 * make every signature differ.
 */
export async function starshipitWebhookSecretTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const secret = String(credential.data?.secret ?? '');
	if (!secret)
		return {
			status: 'Error',
			message: 'Enter the secret key set in Starshipit (Settings > Tracking & notifications)',
		};
	if (secret.trim() !== secret) {
		return {
			status: 'Error',
			message:
				'The secret key starts or ends with a space: no signature Starshipit makes would match it',
		};
	}
	return {
		status: 'OK',
		message:
			'The secret key is set. Starshipit cannot be asked for it: the trigger checks the signature of every delivery.',
	};
}
