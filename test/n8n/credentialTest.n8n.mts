/**
 * The Starshipit credential test in a real n8n 2.41, through the path the editor's "Test" button
 * takes (POST /rest/credentials/test → CredentialsService.test → CredentialsTester): a wrong API
 * key and a wrong subscription key each come back named, not as a bare "Forbidden"/"Unauthorized".
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { credentialNames, OWNER, prepareN8n, type RealN8n, type RunningN8n } from '../../scripts/n8n/realN8n.mts';
import { CREDENTIALS, type Sandboxes, startSandboxes } from '../sandbox/index.mts';
import { DEFAULT_ACCOUNTS, DEFAULT_SUBSCRIPTION_KEY } from '../sandbox/starshipit/index.mts';

const BROWSER_ID = 'credential-test-browser';

let sb: Sandboxes;
let n8n: RealN8n;
let server: RunningN8n;
let cookie = '';

beforeAll(async () => {
	sb = await startSandboxes({ starshipit: { ratePerSecond: 1000, burst: 1000 } });
	n8n = await prepareN8n({ credentials: sb.credentials(), credentialNames: credentialNames(CREDENTIALS), owner: true });
	server = await n8n.start();
	const login = await fetch(`${server.baseUrl}/rest/login`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', 'browser-id': BROWSER_ID },
		body: JSON.stringify({ emailOrLdapLoginId: OWNER.email, password: OWNER.password }),
	});
	expect(login.status, await login.clone().text()).toBe(200);
	cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
});

afterAll(async () => {
	await n8n?.dispose();
	await sb?.close();
});

async function testCredential(data: Record<string, string>): Promise<{ status: string; message: string }> {
	const res = await fetch(`${server.baseUrl}/rest/credentials/test`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', 'browser-id': BROWSER_ID, cookie },
		body: JSON.stringify({
			credentials: { id: CREDENTIALS.starshipit.id, name: CREDENTIALS.starshipit.name, type: 'starshipitApi', data: { baseUrl: sb.starshipit.url, ...data } },
		}),
	});
	expect(res.status, await res.clone().text()).toBe(200);
	return ((await res.json()) as { data: { status: string; message: string } }).data;
}

describe('Starshipit credential test in real n8n', () => {
	it('accepts good keys', async () => {
		expect(await testCredential({ apiKey: DEFAULT_ACCOUNTS[0].apiKey, subscriptionKey: DEFAULT_SUBSCRIPTION_KEY })).toMatchObject({ status: 'OK' });
	});

	it('names a refused subscription key', async () => {
		const result = await testCredential({ apiKey: DEFAULT_ACCOUNTS[0].apiKey, subscriptionKey: 'wrong-subscription-key' });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/^Subscription key rejected/);
	});

	it('names a refused API key', async () => {
		const result = await testCredential({ apiKey: 'wrong-api-key', subscriptionKey: DEFAULT_SUBSCRIPTION_KEY });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/^API key rejected/);
	});
});
