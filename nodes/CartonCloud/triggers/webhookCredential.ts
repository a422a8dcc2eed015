/**
 * The credential that holds the CartonCloud Webhook Trigger's shared secret (read by
 * `webhookSecret` in nodes/shared/webhooks.ts), and its test.
 */
import type {
	ICredentialTestFunctions,
	ICredentialsDecrypted,
	INodeCredentialTestResult,
} from 'n8n-workflow';

export const WEBHOOK_CREDENTIAL = 'cartonCloudWebhookApi';

/** Characters that survive a URL query unchanged (RFC 3986 unreserved). */
const URL_SAFE = /^[A-Za-z0-9._~-]+$/;
/** 128 bits written as hex. */
const MIN_LENGTH = 32;

/**
 * The credential test: nothing remote knows this secret (CartonCloud only echoes the URL its staff
 * registered), so this checks what can be checked here: that it is set, survives the URL it
 * travels in, and is long enough not to be guessed.
 */
export async function cartonCloudWebhookSecretTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const secret = String(credential.data?.secret ?? '');
	if (!secret)
		return { status: 'Error', message: 'Enter the secret (e.g. from: openssl rand -hex 32)' };
	if (!URL_SAFE.test(secret)) {
		return {
			status: 'Error',
			message:
				'The secret travels in the webhook URL (?secret=…): use only letters, digits and - _ . ~ (e.g. openssl rand -hex 32)',
		};
	}
	if (secret.length < MIN_LENGTH) {
		return {
			status: 'Error',
			message: `Use at least ${MIN_LENGTH} characters (openssl rand -hex 32 gives 64): a short secret can be guessed by whoever can reach the webhook URL`,
		};
	}
	return {
		status: 'OK',
		message:
			'The secret is well formed. CartonCloud cannot be asked for it: the trigger checks it on every delivery.',
	};
}
