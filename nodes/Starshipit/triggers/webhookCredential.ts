/**
 * The credential that holds the Starshipit Webhook Trigger's signature secret (read by
 * `webhookSecret` in nodes/shared/webhooks.ts), and its test.
 */
import type {
	ICredentialTestFunctions,
	ICredentialsDecrypted,
	INodeCredentialTestResult,
} from 'n8n-workflow';

export const WEBHOOK_CREDENTIAL = 'starshipitWebhookApi';

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
