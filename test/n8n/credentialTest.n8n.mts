/**
 * The credential tests in a real n8n 2.41, through the path the editor's "Test" button takes
 * (POST /rest/credentials/test → CredentialsService.test → CredentialsTester.runRequestTest): each
 * credential's declarative `test`, whose rules turn a refusal's status into a message naming what
 * to fix. Starshipit: a wrong API key and a wrong subscription key each come back named, not as a
 * bare "Forbidden"/"Unauthorized". CartonCloud: preAuthentication fetches a token, then a
 * tenant-scoped call proves the tenant; a wrong secret and a wrong tenant each come back named.
 * The webhook secrets' credentials have nothing remote to ask: n8n finds their test as the webhook
 * triggers' `testedBy` (shown for the triggers' version 2 only) and runs the local check.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	credentialNames,
	OWNER,
	prepareN8n,
	type RealN8n,
	type RunningN8n,
} from '../../scripts/n8n/realN8n.mts';
import { CREDENTIALS, type Sandboxes, startSandboxes, WEBHOOK_SECRETS } from '../sandbox/index.mts';
import { DEFAULT_ACCOUNTS, DEFAULT_SUBSCRIPTION_KEY } from '../sandbox/starshipit/index.mts';

const BROWSER_ID = 'credential-test-browser';

let sb: Sandboxes;
let n8n: RealN8n;
let server: RunningN8n;
let cookie = '';

beforeAll(async () => {
	sb = await startSandboxes({ starshipit: { ratePerSecond: 1000, burst: 1000 } });
	n8n = await prepareN8n({
		credentials: sb.credentials(),
		credentialNames: credentialNames(CREDENTIALS),
		owner: true,
	});
	server = await n8n.start();
	const login = await fetch(`${server.baseUrl}/rest/login`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', 'browser-id': BROWSER_ID },
		body: JSON.stringify({ emailOrLdapLoginId: OWNER.email, password: OWNER.password }),
	});
	expect(login.status, await login.clone().text()).toBe(200);
	cookie = login.headers
		.getSetCookie()
		.map((c) => c.split(';')[0])
		.join('; ');
});

afterAll(async () => {
	await n8n?.dispose();
	await sb?.close();
});

async function testCredential(
	credential: { id: string; name: string },
	type: 'starshipitApi' | 'cartonCloudApi' | 'cartonCloudWebhookApi' | 'starshipitWebhookApi',
	data: Record<string, string>,
): Promise<{ status: string; message: string }> {
	const res = await fetch(`${server.baseUrl}/rest/credentials/test`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', 'browser-id': BROWSER_ID, cookie },
		body: JSON.stringify({ credentials: { id: credential.id, name: credential.name, type, data } }),
	});
	expect(res.status, await res.clone().text()).toBe(200);
	return ((await res.json()) as { data: { status: string; message: string } }).data;
}

const starshipit = async (data: Record<string, string>) =>
	await testCredential(CREDENTIALS.starshipit, 'starshipitApi', {
		baseUrl: sb.starshipit.url,
		...data,
	});

describe('Starshipit credential test in real n8n', () => {
	it('accepts good keys', async () => {
		expect(
			await starshipit({
				apiKey: DEFAULT_ACCOUNTS[0].apiKey,
				subscriptionKey: DEFAULT_SUBSCRIPTION_KEY,
			}),
		).toMatchObject({ status: 'OK' });
	});

	it('names a refused subscription key', async () => {
		const result = await starshipit({
			apiKey: DEFAULT_ACCOUNTS[0].apiKey,
			subscriptionKey: 'wrong-subscription-key',
		});
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/^Subscription key rejected/);
	});

	it('names a refused API key', async () => {
		const result = await starshipit({
			apiKey: 'wrong-api-key',
			subscriptionKey: DEFAULT_SUBSCRIPTION_KEY,
		});
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/^API key rejected/);
	});
});

describe('CartonCloud credential test in real n8n', () => {
	const stored = () => sb.credentials()[CREDENTIALS.cartonCloud.id].data as Record<string, string>;
	const cartonCloud = async (data: Record<string, string>) =>
		await testCredential(CREDENTIALS.cartonCloud, 'cartonCloudApi', { ...stored(), ...data });
	const TOKEN = 'POST /uaa/oauth/token';

	it('accepts the right tenant: a token from preAuthentication, then the tenant-scoped call', async () => {
		sb.cartonCloud.server.clearLog();
		expect(await cartonCloud({})).toMatchObject({ status: 'OK' });
		expect(sb.cartonCloud.server.log.map((e) => `${e.method} ${e.path} ${e.status}`)).toEqual([
			`${TOKEN} 200`,
			`GET /tenants/${sb.cartonCloud.tenantId}/customers 200`,
		]);
	});

	it("names the Tenant ID when the tenant is not the client's", async () => {
		const result = await cartonCloud({ tenantId: '11111111-2222-4333-8444-555555555555' });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/^Tenant ID refused/);
	});

	it('names the Client ID or Secret when the secret is wrong, without echoing it', async () => {
		const result = await cartonCloud({ clientSecret: 'wrong-client-secret' });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/^Client ID or Client Secret rejected/);
		expect(result.message).not.toContain('wrong-client-secret');
	});
});

describe("webhook secret credentials in real n8n (the triggers' testedBy)", () => {
	it('CartonCloud Webhook: the sandbox secret passes, a short one is named', async () => {
		expect(
			await testCredential(CREDENTIALS.cartonCloudWebhook, 'cartonCloudWebhookApi', {
				secret: WEBHOOK_SECRETS.cartonCloud,
			}),
		).toMatchObject({ status: 'OK' });
		const short = await testCredential(CREDENTIALS.cartonCloudWebhook, 'cartonCloudWebhookApi', {
			secret: 'short',
		});
		expect(short).toMatchObject({
			status: 'Error',
			message: expect.stringMatching(/^Use at least 32 characters/),
		});
	});

	it('Starshipit Webhook: the sandbox secret key passes, an empty one is named', async () => {
		expect(
			await testCredential(CREDENTIALS.starshipitWebhook, 'starshipitWebhookApi', {
				secret: WEBHOOK_SECRETS.starshipit,
			}),
		).toMatchObject({ status: 'OK' });
		const empty = await testCredential(CREDENTIALS.starshipitWebhook, 'starshipitWebhookApi', {
			secret: '',
		});
		expect(empty).toMatchObject({
			status: 'Error',
			message: expect.stringMatching(/^Enter the secret key/),
		});
	});
});
