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

	documentationUrl =
		'https://support.starshipit.com/articles/14700000001002-authentication-and-access';

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
				{
					name: 'No Client-Side Pacing',
					value: 'unpaced',
					description: 'For a proxy or test server that limits nothing; 429s are still retried',
				},
			],
			default: 'developer',
			description:
				"Your subscription's rate limit: the nodes space their calls to it instead of running into 429s",
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

	/**
	 * n8n runs this request with the keys being tested (CredentialsTester.runRequestTest) and
	 * answers a refused call with the first rule whose status matches, else with the HTTP status
	 * text alone ("Unauthorized"). Azure API Management checks the subscription key first (401),
	 * then its rate limit (429); only then does Starshipit check the API key (403): so the status
	 * says which key was refused. That a bad API key draws 403 is UNCONFIRMED (test/sandbox/README.md).
	 */
	test: ICredentialTestRequest = {
		request: {
			baseURL:
				'={{ String($credentials.baseUrl || "https://api.starshipit.com").trim().replace(/\\/+$/, "") }}',
			url: '/api/orders/search',
			method: 'GET',
			qs: { phrase: 'n8n-credential-test', limit: 1 },
			headers: { Accept: 'application/json' },
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						"Subscription key rejected: Starshipit's gateway answered 401, so the Subscription Key (Ocp-Apim-Subscription-Key) is wrong or not active. The API key was not checked.",
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message:
						'API key rejected: the Subscription Key was accepted, but Starshipit refused the API Key (StarShipIT-Api-Key) with 403. Each child account has its own key.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 429,
					message:
						'Rate limit reached: the Subscription Key is valid but the API Key was not checked yet; test again in a few seconds.',
				},
			},
		],
	};
}
