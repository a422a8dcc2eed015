import type {
	IAuthenticate,
	ICredentialDataDecryptedObject,
	IHttpRequestOptions,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestHelper,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

/**
 * CartonCloud's API uses the OAuth2 client-credentials grant, but every call, the token call
 * included, must carry `Accept-Version: 1`; n8n's built-in OAuth2 credential cannot add that
 * header to its token request, so the token is fetched here through `preAuthentication` into an
 * expirable field, which n8n refreshes once after a 401.
 */
export class CartonCloudApi implements ICredentialType {
	name = 'cartonCloudApi';

	displayName = 'CartonCloud API';

	icon: Icon = {
		light: 'file:../icons/cartoncloud.svg',
		dark: 'file:../icons/cartoncloud.dark.svg',
	};

	documentationUrl = 'https://api-docs.cartoncloud.com/';

	properties: INodeProperties[] = [
		{
			displayName: 'Region',
			name: 'region',
			type: 'options',
			options: [
				{ name: 'Global', value: 'https://api.cartoncloud.com' },
				{ name: 'North America', value: 'https://api.na.cartoncloud.com' },
				{ name: 'Custom Base URL (Sandbox or Proxy)', value: 'custom' },
			],
			default: 'https://api.cartoncloud.com',
			description: 'The API host of your CartonCloud tenant',
		},
		{
			displayName: 'Base URL',
			name: 'customBaseUrl',
			type: 'string',
			default: '',
			placeholder: 'http://127.0.0.1:4011',
			displayOptions: { show: { region: ['custom'] } },
		},
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			required: true,
			description: 'From CartonCloud: Settings > API Clients',
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
		{
			displayName: 'Tenant ID',
			name: 'tenantId',
			type: 'string',
			default: '',
			required: true,
			placeholder: '6a1f0c52-3f7e-4b8a-9d2c-1e5b7a9c0d11',
			description: 'The UUID of your CartonCloud tenant (organisation)',
		},
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
	];

	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const basic = Buffer.from(
			`${String(credentials.clientId)}:${String(credentials.clientSecret)}`,
		).toString('base64');
		const response = (await this.helpers.httpRequest({
			method: 'POST',
			url: `${cartonCloudBaseUrl(credentials)}/uaa/oauth/token`,
			headers: {
				Authorization: `Basic ${basic}`,
				'Accept-Version': '1',
				'Content-Type': 'application/x-www-form-urlencoded',
				Accept: 'application/json',
			},
			body: 'grant_type=client_credentials',
			json: false,
		})) as string | { access_token?: string };
		const token = (
			typeof response === 'string' ? (JSON.parse(response) as { access_token?: string }) : response
		).access_token;
		if (!token) throw new Error('CartonCloud answered the token request without an access token');
		return { accessToken: token };
	}

	/**
	 * The bearer token, and `Accept-Version: 1` unless the request asks for another version: the
	 * warehouse-product search asks for 8, the only version whose products carry length, width and
	 * height (nodes/CartonCloud/actions/saleOrder/productMeasures.ts). A generic `authenticate` would
	 * overwrite the request's own header with 1.
	 */
	authenticate: IAuthenticate = async (
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> => {
		const headers = { ...(requestOptions.headers ?? {}) };
		if (!Object.keys(headers).some((name) => name.toLowerCase() === 'accept-version'))
			headers['Accept-Version'] = '1';
		headers.Authorization = `Bearer ${String(credentials.accessToken ?? '')}`;
		return { ...requestOptions, headers };
	};

	/**
	 * n8n's credential test (CredentialsTester.runRequestTest) sends this request through the same
	 * path as a node: `preAuthentication` always fetches a fresh token while testing (a refused
	 * token call is retried once, then its 401 is the test's answer), then the call goes to a
	 * tenant-scoped list, so one test proves the client id, the secret and the tenant. A refused
	 * call is answered with the first rule whose status matches, else the bare status text.
	 */
	test: ICredentialTestRequest = {
		request: {
			baseURL:
				'={{ ($credentials.region === "custom" ? String($credentials.customBaseUrl) : String($credentials.region)).replace(/\\/+$/, "") }}',
			url: '=/tenants/{{ encodeURIComponent(String($credentials.tenantId).trim()) }}/customers',
			method: 'GET',
			qs: { page: 1, size: 1 },
			headers: { Accept: 'application/json' },
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'Client ID or Client Secret rejected: CartonCloud refused to authenticate this API client (401). Check both, and the Region, in Settings > API Clients.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message:
						'Tenant ID refused: the Client ID and Secret are valid, but this API client has no access to that tenant (403). Check the Tenant ID.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message:
						'Tenant ID not found: the Client ID and Secret are valid, but CartonCloud knows no such tenant here (404). Check the Tenant ID and the Region.',
				},
			},
		],
	};
}

/** The API host for these credentials, without a trailing slash. */
export function cartonCloudBaseUrl(credentials: ICredentialDataDecryptedObject): string {
	const region = String(credentials.region ?? 'https://api.cartoncloud.com');
	const base = region === 'custom' ? String(credentials.customBaseUrl ?? '') : region;
	return base.replace(/\/+$/, '');
}
