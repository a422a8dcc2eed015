import type { ICredentialDataDecryptedObject, INodeCredentialTestResult, IWorkflowExecuteAdditionalData } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';
import { assertNoSecrets, CC, chain, type Env, json, useEnv } from './fixtures.mts';
import { createRequire } from 'node:module';
import { n8nCore } from '../harness/n8n.mts';

const require = createRequire(import.meta.url);
const { CALLS_IN_FLIGHT } = require('../../dist/nodes/shared/transport/inFlight.js') as typeof import('../../nodes/shared/transport/inFlight');

const { CredentialTestContext } = n8nCore;

let env: Env;
useEnv((started) => (env = started));

const TOKEN = 'POST /uaa/oauth/token';

async function credentialTest(data: ICredentialDataDecryptedObject): Promise<INodeCredentialTestResult> {
	const node = env.harness.nodeType(CC) as unknown as {
		description: { credentials: { name: string; testedBy?: string }[] };
		methods: { credentialTest: Record<string, (this: unknown, credential: unknown) => Promise<INodeCredentialTestResult>> };
	};
	const testedBy = node.description.credentials.find((c) => c.name === 'cartonCloudApi')!.testedBy!;
	const context = new CredentialTestContext({} as IWorkflowExecuteAdditionalData);
	return await node.methods.credentialTest[testedBy].call(context, { id: 'cc', name: 'CartonCloud Sandbox', type: 'cartonCloudApi', data });
}

describe('CartonCloud credential', () => {
	it('test succeeds for the right tenant (token with Basic auth and Accept-Version, then /uaa/userinfo)', async () => {
		env.sb.server.clearLog();
		const result = await credentialTest(env.credentialData);
		expect(result).toEqual({ status: 'OK', message: 'Connected to Sandbox 3PL Pty Ltd' });
		expect(env.sb.server.log.map((e) => `${e.endpoint} ${e.status}`)).toEqual([`${TOKEN} 200`, 'GET /uaa/userinfo 200']);
	});

	it('test lists the tenants the client can see when the Tenant ID is wrong', async () => {
		const result = await credentialTest({ ...env.credentialData, tenantId: '11111111-2222-4333-8444-555555555555' });
		expect(result.status).toBe('Error');
		expect(result.message).toBe(
			`Tenant ID "11111111-2222-4333-8444-555555555555" is not one this API client can access. Tenants it can see: Sandbox 3PL Pty Ltd (${env.sb.tenantId})`,
		);
	});

	it('test reports bad client credentials without echoing the secret', async () => {
		const result = await credentialTest({ ...env.credentialData, clientSecret: 'wrong-secret-value' });
		expect(result.status).toBe('Error');
		expect(result.message).toContain('CartonCloud did not issue a token (HTTP 401)');
		expect(result.message).not.toContain('wrong-secret-value');
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
			if (entries.some((e) => e.endpoint.endsWith('/outbound-orders/search')) && log.filter((e) => e.endpoint.endsWith('/search')).length === 1) env.sb.expireTokens();
			return size;
		};
		try {
			const run = await env.harness.run(chain({ name: 'All', parameters: { resource: 'saleOrder', operation: 'getMany', returnAll: true } }));
			expect(run.status).toBe('success');
			expect(json(run, 'All')).toHaveLength(env.sb.world.orders.size);
			assertNoSecrets(env.sb, run.nodes);
		} finally {
			log.push = push;
		}
		// Pages after the first are read CALLS_IN_FLIGHT at a time: each one the expiry caught
		// refreshes the token itself (n8n refreshes per request), so at most that many refreshes.
		const searches = env.sb.server.log.filter((e) => e.endpoint.endsWith('/outbound-orders/search')).map((e) => e.status);
		const pages = searches.filter((status) => status === 200).length;
		const refused = searches.filter((status) => status === 401).length;
		expect(searches.filter((status) => status !== 200 && status !== 401)).toEqual([]);
		expect(refused).toBeGreaterThanOrEqual(1);
		expect(refused).toBeLessThanOrEqual(Math.min(CALLS_IN_FLIGHT, pages - 1));
		expect(events).toEqual([{ type: 'cartonCloudApi', expired: false }, ...Array.from({ length: refused }, () => ({ type: 'cartonCloudApi', expired: true }))]);
		expect(env.sb.server.count(TOKEN)).toBe(1 + refused);
	});

	it('every call carries Accept-Version: 1 (the sandbox answers 400 without it)', async () => {
		env.sb.server.clearLog();
		await env.harness.run(chain({ name: 'Customers', parameters: { resource: 'customer', operation: 'getMany' } }));
		expect(env.sb.server.log.every((e) => e.status !== 400 && e.status !== 406)).toBe(true);
	});
});
