/**
 * The credential test as n8n 2.41 runs it (CredentialsTester.getCredentialTestFunction, then
 * testCredentials): a credential type's own declarative `test` wins, and its failure shows only
 * the HTTP status text; without one, n8n calls the node's `testedBy` function with n8n-core's
 * CredentialTestContext. Over real HTTP against the sandbox.
 */
import path from 'node:path';
import type { ICredentialTestFunction, ICredentialTestFunctions, ICredentialsDecrypted, INodeCredentialTestResult, INodeType } from 'n8n-workflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SUBSCRIPTION_KEY, type StarshipitSandbox } from '../sandbox/starshipit/index.mts';
import { API_KEY, harnessFor, PACKAGE, startSandbox } from './fixtures.mts';
import { n8nCore } from '../harness/n8n.mts';
import { loadPackageTypes } from '../harness/registry.mts';

const { CredentialTestContext } = n8nCore;

let sandbox: StarshipitSandbox;
let node: INodeType;

beforeAll(async () => {
	sandbox = await startSandbox();
	node = harnessFor(sandbox).nodeType(`${PACKAGE}.starshipit`); // the built node, as n8n loads it
});
afterAll(async () => sandbox.close());

/** What n8n's CredentialsTester picks for `starshipitApi`: the credential's `test`, else the node's `testedBy`. */
function pickedByN8n(): ICredentialTestFunction {
	const type = loadPackageTypes(path.resolve(import.meta.dirname, '../..')).credentialTypes.starshipitApi;
	if (type.test) throw new Error('StarshipitApi has a declarative `test`: n8n would run it and show only "Unauthorized"/"Forbidden"');
	const entry = node.description.credentials?.find((c) => c.name === 'starshipitApi');
	const fn = typeof entry?.testedBy === 'string' ? node.methods?.credentialTest?.[entry.testedBy] : undefined;
	if (!fn) throw new Error('no testedBy function for starshipitApi');
	return fn;
}

async function test(data: Record<string, string>): Promise<INodeCredentialTestResult> {
	const fn = pickedByN8n();
	const context = new CredentialTestContext({} as never) as unknown as ICredentialTestFunctions;
	const credential: ICredentialsDecrypted = { id: 'ss', name: 'Starshipit', type: 'starshipitApi', data: { baseUrl: sandbox.url, ...data } };
	return await fn!.call(context, credential);
}

describe('credential test, as n8n picks it (testedBy starshipitApiTest)', () => {
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
