import type { ICredentialsDecrypted, ICredentialTestFunctions, INodeCredentialTestResult } from 'n8n-workflow';
import { cartonCloudBaseUrl } from '../../../credentials/CartonCloudApi.credentials';

interface UserInfo {
	name?: string;
	email?: string;
	tenants?: { id?: string; name?: string }[];
}

function statusOf(error: unknown): string {
	const e = error as { statusCode?: unknown; httpCode?: unknown; response?: { status?: unknown } };
	const status = e?.statusCode ?? e?.response?.status ?? e?.httpCode;
	return status === undefined ? 'no response' : `HTTP ${String(status)}`;
}

function parse<T>(body: unknown): T {
	return (typeof body === 'string' ? JSON.parse(body) : body) as T;
}

/**
 * Fetches a token exactly as the credential does (Basic client auth, form body,
 * Accept-Version: 1), reads /uaa/userinfo and checks the Tenant ID is one of the user's
 * tenants. Messages carry status codes only: never the secret or the token.
 */
export async function cartonCloudApiTest(this: ICredentialTestFunctions, credential: ICredentialsDecrypted): Promise<INodeCredentialTestResult> {
	const data = credential.data ?? {};
	const base = cartonCloudBaseUrl(data);
	if (!/^https?:\/\//i.test(base)) return { status: 'Error', message: 'The base URL must start with http:// or https://' };
	const tenantId = String(data.tenantId ?? '').trim();
	const basic = Buffer.from(`${String(data.clientId ?? '')}:${String(data.clientSecret ?? '')}`).toString('base64');

	let token: string | undefined;
	try {
		// A credential test context offers only the legacy `request` helper (no httpRequest).
		// eslint-disable-next-line @n8n/community-nodes/no-deprecated-workflow-functions
		const response = await this.helpers.request({
			method: 'POST',
			uri: `${base}/uaa/oauth/token`,
			headers: { Authorization: `Basic ${basic}`, 'Accept-Version': '1', 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
			body: 'grant_type=client_credentials',
			json: false,
		});
		token = parse<{ access_token?: string }>(response).access_token;
	} catch (error) {
		return { status: 'Error', message: `CartonCloud did not issue a token (${statusOf(error)}): check the Client ID, Client Secret and Region` };
	}
	if (!token) return { status: 'Error', message: 'CartonCloud answered the token request without an access token' };

	let user: UserInfo;
	try {
		// A credential test context offers only the legacy `request` helper (no httpRequest).
		// eslint-disable-next-line @n8n/community-nodes/no-deprecated-workflow-functions
		const response = await this.helpers.request({
			method: 'GET',
			uri: `${base}/uaa/userinfo`,
			headers: { Authorization: `Bearer ${token}`, 'Accept-Version': '1', Accept: 'application/json' },
			json: true,
		});
		user = parse<UserInfo>(response);
	} catch (error) {
		return { status: 'Error', message: `A token was issued but /uaa/userinfo failed (${statusOf(error)})` };
	}

	const tenants = user.tenants ?? [];
	const tenant = tenants.find((t) => t.id === tenantId);
	if (!tenant) {
		const visible = tenants.length > 0 ? tenants.map((t) => `${t.name ?? 'unnamed'} (${t.id})`).join(', ') : 'none';
		return {
			status: 'Error',
			message: `Tenant ID "${tenantId}" is not one this API client can access. Tenants it can see: ${visible}`,
		};
	}
	return { status: 'OK', message: `Connected to ${tenant.name ?? tenant.id}` };
}
