/**
 * Where the CartonCloud Webhook Trigger's shared secret lives: version 1 kept it in the node's
 * `secret` parameter (stored unencrypted in the workflow and exported with it); version 2 reads it
 * from the `cartonCloudWebhookApi` credential, which n8n encrypts and never exports.
 */
import type {
	ICredentialTestFunctions,
	ICredentialsDecrypted,
	INodeCredentialTestResult,
	IWebhookFunctions,
} from 'n8n-workflow';

export const WEBHOOK_CREDENTIAL = 'cartonCloudWebhookApi';

/** Characters that survive a URL query unchanged (RFC 3986 unreserved). */
const URL_SAFE = /^[A-Za-z0-9._~-]+$/;
/** 128 bits written as hex. */
const MIN_LENGTH = 32;

/** The secret a delivery must carry; empty when none is set (every delivery is then refused). */
export async function webhookSecret(context: IWebhookFunctions): Promise<string> {
	if (context.getNode().typeVersion < 2) return String(context.getNodeParameter('secret', ''));
	try {
		const credential = await context.getCredentials<{ secret?: string }>(WEBHOOK_CREDENTIAL);
		return String(credential.secret ?? '');
	} catch {
		// No credential selected (or it cannot be read): fail closed, the trigger answers 401.
		return '';
	}
}

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
