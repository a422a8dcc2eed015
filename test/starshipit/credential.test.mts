/**
 * The Starshipit credential's declarative `test`, run as n8n 2.41's CredentialsTester runs it
 * (test/harness/credentialTest.mts): one search call with the keys as entered; a refusal's status
 * picks the rule, so the message names the key that was refused. Over real HTTP against the
 * sandbox, whose gateway answers a bad subscription key 401 and a bad API key 403 (gate.mts).
 */
import type { INodeCredentialTestResult } from 'n8n-workflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Harness } from '../harness/index.mts';
import { DEFAULT_SUBSCRIPTION_KEY, type StarshipitSandbox } from '../sandbox/starshipit/index.mts';
import { API_KEY, CREDENTIALS, harnessFor, startSandbox } from './fixtures.mts';

let sandbox: StarshipitSandbox;
let harness: Harness;

beforeAll(async () => {
	sandbox = await startSandbox();
	harness = harnessFor(sandbox);
});
afterAll(async () => sandbox.close());

async function test(data: Record<string, string>): Promise<INodeCredentialTestResult> {
	return await harness.testCredential({
		...CREDENTIALS.starshipitApi,
		type: 'starshipitApi',
		data: { baseUrl: sandbox.url, ...data },
	});
}

describe('Starshipit credential test, as n8n runs a declarative test', () => {
	it('accepts good keys with one search call', async () => {
		sandbox.server.clearLog();
		expect(await test({ apiKey: API_KEY, subscriptionKey: DEFAULT_SUBSCRIPTION_KEY })).toEqual({
			status: 'OK',
			message: 'Connection successful!',
		});
		expect(sandbox.server.log.map((e) => `${e.endpoint} ${e.status}`)).toEqual([
			'GET /api/orders/search 200',
		]);
	});

	it('accepts a base URL with a trailing slash', async () => {
		expect(
			await test({
				apiKey: API_KEY,
				subscriptionKey: DEFAULT_SUBSCRIPTION_KEY,
				baseUrl: `${sandbox.url}/`,
			}),
		).toMatchObject({ status: 'OK' });
	});

	it('names a refused subscription key (401)', async () => {
		const result = await test({ apiKey: API_KEY, subscriptionKey: 'wrong-subscription' });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/^Subscription key rejected/);
		expect(result.message).not.toContain('wrong-subscription');
	});

	it('names a refused API key (403)', async () => {
		const result = await test({
			apiKey: 'wrong-api-key',
			subscriptionKey: DEFAULT_SUBSCRIPTION_KEY,
		});
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/^API key rejected/);
		expect(result.message).not.toContain('wrong-api-key');
	});

	it('names the rate limit, not a key, when the gateway answers 429', async () => {
		sandbox.configure({ ratePerSecond: 1, burst: 1 });
		try {
			await test({ apiKey: API_KEY, subscriptionKey: DEFAULT_SUBSCRIPTION_KEY });
			const result = await test({ apiKey: API_KEY, subscriptionKey: DEFAULT_SUBSCRIPTION_KEY });
			expect(result.status).toBe('Error');
			expect(result.message).toMatch(/^Rate limit reached/);
		} finally {
			sandbox.configure({ ratePerSecond: 1000, burst: 1000 });
		}
	});

	it('reports an unreachable host by its error code', async () => {
		expect(
			await test({
				apiKey: API_KEY,
				subscriptionKey: DEFAULT_SUBSCRIPTION_KEY,
				baseUrl: 'http://127.0.0.1:9',
			}),
		).toEqual({ status: 'Error', message: 'ECONNREFUSED' });
	});
});
