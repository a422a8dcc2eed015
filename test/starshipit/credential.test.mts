/**
 * The credential test as n8n runs it: the node's `methods.credentialTest.starshipitApiTest`
 * (the credential entry's `testedBy`) called with n8n-core's CredentialTestContext, over real HTTP.
 */
import type { ICredentialTestFunctions, ICredentialsDecrypted, INodeCredentialTestResult, INodeType } from 'n8n-workflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SUBSCRIPTION_KEY, type StarshipitSandbox } from '../sandbox/starshipit/index.mts';
import { API_KEY, harnessFor, PACKAGE, startSandbox } from './fixtures.mts';
import { n8nCore } from '../harness/n8n.mts';

const { CredentialTestContext } = n8nCore;

let sandbox: StarshipitSandbox;
let node: INodeType;

beforeAll(async () => {
	sandbox = await startSandbox();
	node = harnessFor(sandbox).nodeType(`${PACKAGE}.starshipit`); // the built node, as n8n loads it
});
afterAll(async () => sandbox.close());

async function test(data: Record<string, string>): Promise<INodeCredentialTestResult> {
	const entry = node.description.credentials?.find((c) => c.name === 'starshipitApi');
	const fn = node.methods?.credentialTest?.[entry!.testedBy as string];
	const context = new CredentialTestContext({} as never) as unknown as ICredentialTestFunctions;
	const credential: ICredentialsDecrypted = { id: 'ss', name: 'Starshipit', type: 'starshipitApi', data: { baseUrl: sandbox.url, ...data } };
	return await fn!.call(context, credential);
}

describe('credential test (testedBy starshipitApiTest)', () => {
	it('accepts good keys', async () => {
		expect(await test({ apiKey: API_KEY, subscriptionKey: DEFAULT_SUBSCRIPTION_KEY })).toEqual({ status: 'OK', message: 'Connection successful' });
	});

	it('tells a rejected subscription key', async () => {
		const result = await test({ apiKey: API_KEY, subscriptionKey: 'wrong-subscription' });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/^Subscription key rejected/);
		expect(result.message).not.toContain('wrong-subscription');
	});

	it('tells a rejected API key', async () => {
		const result = await test({ apiKey: 'wrong-api-key', subscriptionKey: DEFAULT_SUBSCRIPTION_KEY });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/^API key rejected/);
		expect(result.message).not.toContain('wrong-api-key');
	});

	it('reports an unreachable host', async () => {
		const result = await test({ apiKey: API_KEY, subscriptionKey: DEFAULT_SUBSCRIPTION_KEY, baseUrl: 'http://127.0.0.1:9' });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/Could not reach Starshipit/);
	});
});
