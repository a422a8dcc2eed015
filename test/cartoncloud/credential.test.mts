/**
 * The CartonCloud credential: its declarative `test` run as n8n's CredentialsTester runs it
 * (test/harness/credentialTest.mts: preAuthentication fetches a token, then a tenant-scoped list;
 * the status of a refusal picks the message), and the token's refresh during a run.
 */
import type { ICredentialDataDecryptedObject, INodeCredentialTestResult } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';
import { assertNoSecrets, chain, CREDENTIALS, type Env, json, useEnv } from './fixtures.mts';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { CALLS_IN_FLIGHT } =
	require('../../dist/nodes/shared/transport/inFlight.js') as typeof import('../../nodes/shared/transport/inFlight');

let env: Env;
useEnv((started) => (env = started));

const TOKEN = 'POST /uaa/oauth/token';

/** The Test button on the saved credential `cc`, with `data` as entered in the form. */
async function credentialTest(
	data: ICredentialDataDecryptedObject,
): Promise<INodeCredentialTestResult> {
	return await env.harness.testCredential({
		...CREDENTIALS.cartonCloudApi,
		type: 'cartonCloudApi',
		data: { ...data },
	});
}

describe('CartonCloud credential', () => {
	it('test succeeds for the right tenant: a fresh token (Basic auth, Accept-Version), then one tenant-scoped call', async () => {
		env.sb.server.clearLog();
		const result = await credentialTest({
			...env.credentialData,
			accessToken: 'a-token-the-test-must-not-reuse',
		});
		expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(env.sb.server.log.map((e) => `${e.method} ${e.path} ${e.status}`)).toEqual([
			`${TOKEN} 200`,
			`GET /tenants/${env.sb.tenantId}/customers 200`,
		]);
	});

	it('test names the Tenant ID when the client may not enter that tenant (403)', async () => {
		const result = await credentialTest({
			...env.credentialData,
			tenantId: '11111111-2222-4333-8444-555555555555',
		});
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/^Tenant ID refused: the Client ID and Secret are valid/);
	});

	it('test names the Client ID or Secret when no token is issued, without echoing the secret', async () => {
		env.sb.server.clearLog();
		const result = await credentialTest({
			...env.credentialData,
			clientSecret: 'wrong-secret-value',
		});
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/^Client ID or Client Secret rejected/);
		expect(result.message).not.toContain('wrong-secret-value');
		// n8n asks for a token once more after a 401 (the expired-token path), then gives up.
		expect(env.sb.server.log.map((e) => `${e.method} ${e.path} ${e.status}`)).toEqual([
			`${TOKEN} 401`,
			`${TOKEN} 401`,
		]);
	});

	it('test reports an unreachable host by its error code', async () => {
		const result = await credentialTest({
			...env.credentialData,
			customBaseUrl: 'http://127.0.0.1:9',
		});
		expect(result).toEqual({ status: 'Error', message: 'ECONNREFUSED' });
	});

	it('a token that expires mid-run is refreshed (once per page then in flight) and the run completes', async () => {
		const events = env.harness.credentialsHelper.events.preAuthentications;
		events.length = 0;
		env.harness.credentials.cc.data.accessToken = '';
		env.sb.server.clearLog();
		// Expire every token right after the first search page is answered.
		const log = env.sb.server.log;
		const push = log.push.bind(log);
		log.push = (...entries) => {
			const size = push(...entries);
			if (
				entries.some((e) => e.endpoint.endsWith('/outbound-orders/search')) &&
				log.filter((e) => e.endpoint.endsWith('/search')).length === 1
			)
				env.sb.expireTokens();
			return size;
		};
		try {
			const run = await env.harness.run(
				chain({
					name: 'All',
					parameters: { resource: 'saleOrder', operation: 'getMany', returnAll: true },
				}),
			);
			expect(run.status).toBe('success');
			expect(json(run, 'All')).toHaveLength(env.sb.world.orders.size);
			assertNoSecrets(env.sb, run.nodes);
		} finally {
			log.push = push;
		}
		// Pages after the first are read CALLS_IN_FLIGHT at a time: each one the expiry caught
		// refreshes the token itself (n8n refreshes per request), so at most that many refreshes.
		const searches = env.sb.server.log
			.filter((e) => e.endpoint.endsWith('/outbound-orders/search'))
			.map((e) => e.status);
		const pages = searches.filter((status) => status === 200).length;
		const refused = searches.filter((status) => status === 401).length;
		expect(searches.filter((status) => status !== 200 && status !== 401)).toEqual([]);
		expect(refused).toBeGreaterThanOrEqual(1);
		expect(refused).toBeLessThanOrEqual(Math.min(CALLS_IN_FLIGHT, pages - 1));
		expect(events).toEqual([
			{ type: 'cartonCloudApi', expired: false },
			...Array.from({ length: refused }, () => ({ type: 'cartonCloudApi', expired: true })),
		]);
		expect(env.sb.server.count(TOKEN)).toBe(1 + refused);
	});

	it('every call carries Accept-Version: 1 (the sandbox answers 400 without it)', async () => {
		env.sb.server.clearLog();
		await env.harness.run(
			chain({ name: 'Customers', parameters: { resource: 'customer', operation: 'getMany' } }),
		);
		expect(env.sb.server.log.every((e) => e.status !== 400 && e.status !== 406)).toBe(true);
	});
});
