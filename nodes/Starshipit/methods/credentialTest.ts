/**
 * Credential test that tells the two keys apart. Azure APIM checks the subscription key first
 * (401 whose message names the subscription key); Starshipit then checks the API key (403 in our
 * sandbox; the real reply is UNCONFIRMED, so any other 401/403 is reported as the API key too).
 */
import type { ICredentialTestFunctions, ICredentialsDecrypted, IDataObject, INodeCredentialTestResult } from 'n8n-workflow';
import { DEFAULT_BASE_URL } from '../transport';

function readFailure(error: unknown): { status?: number; body: IDataObject } {
	const e = error as { statusCode?: unknown; httpCode?: unknown; error?: unknown; response?: { status?: unknown; statusCode?: unknown; body?: unknown; data?: unknown } };
	const status = Number(e.statusCode ?? e.response?.status ?? e.response?.statusCode ?? e.httpCode);
	let body = e.error ?? e.response?.body ?? e.response?.data;
	if (typeof body === 'string') {
		try {
			body = JSON.parse(body);
		} catch {
			body = { message: body };
		}
	}
	return { status: Number.isFinite(status) && status > 0 ? status : undefined, body: (typeof body === 'object' && body !== null ? body : {}) as IDataObject };
}

export async function starshipitApiTest(this: ICredentialTestFunctions, credential: ICredentialsDecrypted): Promise<INodeCredentialTestResult> {
	const data = credential.data ?? {};
	const base = (typeof data.baseUrl === 'string' && data.baseUrl.trim() ? data.baseUrl.trim() : DEFAULT_BASE_URL).replace(/\/+$/, '');
	const { helpers } = this;
	try {
		// ICredentialTestFunctions offers only the legacy `request` helper (no httpRequest), and a
		// credential test must send the keys being tested, not a stored credential.
		const reply = (await helpers.request({
			method: 'GET',
			uri: `${base}/api/orders/search`,
			qs: { phrase: 'n8n-credential-test', limit: 1 },
			headers: {
				'StarShipIT-Api-Key': String(data.apiKey ?? ''),
				'Ocp-Apim-Subscription-Key': String(data.subscriptionKey ?? ''),
				Accept: 'application/json',
			},
			json: true,
		})) as IDataObject | undefined;
		if (reply && reply.success === false && typeof reply.statusCode === 'number') {
			return failureMessage(reply.statusCode, reply);
		}
		return { status: 'OK', message: 'Connection successful' };
	} catch (error) {
		const { status, body } = readFailure(error);
		return failureMessage(status ?? (typeof body.statusCode === 'number' ? body.statusCode : undefined), body, (error as Error).message);
	}
}

function failureMessage(status: number | undefined, body: IDataObject, fallback?: string): INodeCredentialTestResult {
	const message = typeof body.message === 'string' ? body.message : undefined;
	if (status === 401 && /subscription key/i.test(message ?? '')) {
		return { status: 'Error', message: `Subscription key rejected: ${message}` };
	}
	if (status === 401 || status === 403) {
		return { status: 'Error', message: `API key rejected${message ? `: ${message}` : ''}` };
	}
	if (status === 429) {
		// The gateway accepted the subscription key before rate limiting; the API key is unchecked.
		return { status: 'Error', message: 'Rate limit reached; the subscription key is valid, try the test again in a few seconds' };
	}
	// Any other answer from the API (e.g. a validation error) means both keys were accepted.
	if (status !== undefined && status >= 400 && status < 500 && Array.isArray(body.errors)) return { status: 'OK', message: 'Connection successful' };
	return { status: 'Error', message: `Could not reach Starshipit${status ? ` (HTTP ${status})` : ''}: ${message ?? fallback ?? 'no answer'}` };
}
