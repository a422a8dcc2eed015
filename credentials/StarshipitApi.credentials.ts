import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

/**
 * Starshipit needs two headers on every call: the API key picks the account (parent or child),
 * the subscription key picks the API tier and its rate limit. Both come from Settings > API.
 */
export class StarshipitApi implements ICredentialType {
	name = 'starshipitApi';

	displayName = 'Starshipit API';

	icon: Icon = { light: 'file:../icons/starshipit.svg', dark: 'file:../icons/starshipit.dark.svg' };

	documentationUrl = 'https://support.starshipit.com/articles/14700000001002-authentication-and-access';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'StarShipIT-Api-Key from Settings > API. Each child account has its own.',
		},
		// eslint-disable-next-line @n8n/community-nodes/credential-unnecessary-password -- it is a secret: it grants API access and carries the rate limit
		{
			displayName: 'Subscription Key',
			name: 'subscriptionKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'Ocp-Apim-Subscription-Key from Settings > API; it sets your rate limit',
		},
		{
			displayName: 'Rate Limit Tier',
			name: 'rateTier',
			type: 'options',
			options: [
				{ name: 'Developer (2 Requests per Second)', value: 'developer' },
				{ name: 'Production (20 Requests per Second)', value: 'production' },
				{ name: 'No Client-Side Pacing', value: 'unpaced', description: 'For a proxy or test server that limits nothing; 429s are still retried' },
			],
			default: 'developer',
			description: "Your subscription's rate limit: the nodes space their calls to it instead of running into 429s",
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.starshipit.com',
			description: 'Change only for the local sandbox or a proxy',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				'StarShipIT-Api-Key': '={{$credentials.apiKey}}',
				'Ocp-Apim-Subscription-Key': '={{$credentials.subscriptionKey}}',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/api/orders/search',
			qs: { phrase: 'n8n-credential-test', limit: 1 },
			method: 'GET',
		},
	};
}
