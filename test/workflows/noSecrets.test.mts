/**
 * No bundled workflow carries a secret. n8n stores node parameters unencrypted in the workflow and
 * exports them with it (`n8n export:workflow`, the editor's download, a shared template), so every
 * secret lives in a credential, which n8n encrypts and never exports; a node only names its
 * credential by id and name. Checked over every `workflows/*.json`: no parameter named like a
 * secret holds a value, no parameter value looks like a key, no credential reference carries
 * data, and none of the sandbox's secret values appears anywhere in the file.
 * (The same for an export from a real n8n with the secrets set: test/n8n/export.n8n.mts.)
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CLIENT } from '../sandbox/cartoncloud/index.mts';
import { WEBHOOK_SECRETS } from '../sandbox/index.mts';
import { DEFAULT_ACCOUNTS, DEFAULT_SUBSCRIPTION_KEY } from '../sandbox/starshipit/index.mts';
import { secretFindings } from './secretScan.mts';

const WORKFLOWS = path.resolve(import.meta.dirname, '../../workflows');
const FILES = fs.readdirSync(WORKFLOWS).filter((f) => f.endsWith('.json')).sort();

describe('bundled workflows hold no secret', () => {
	it('the check finds what it must (a secret parameter, a key-looking value, credential data)', () => {
		const planted = {
			nodes: [
				{ name: 'v1 trigger', type: 'x.cartonCloudWebhookTrigger', parameters: { statuses: ['PACKED'], secret: 'hunter2' } },
				{ name: 'Set', type: 'n8n-nodes-base.set', parameters: { values: [{ name: 'h', value: `key ${'ab12'.repeat(10)}` }] } },
				{ name: 'HTTP', type: 'n8n-nodes-base.httpRequest', parameters: { headerParameters: { parameters: [{ name: 'Authorization', value: 'Bearer abcdefghijklmnop1234' }] } } },
				{ name: 'Cred', type: 'x', parameters: {}, credentials: { starshipitApi: { id: 's', name: 'S', data: { apiKey: 'k' } } } },
				{ name: 'Fine', type: 'x', parameters: { secret: '', note: 'tenant 6a1f0c52-3f7e-4b8a-9d2c-1e5b7a9c0d11' }, credentials: { starshipitApi: { id: 's', name: 'S' } } },
			],
		};
		expect(secretFindings('planted.json', planted).map((f) => `${f.node} ${f.path}`)).toEqual([
			'v1 trigger parameters.secret',
			'Set parameters.values[0].value',
			'HTTP parameters.headerParameters.parameters[0].value',
			'Cred credentials.starshipitApi',
		]);
	});

	it.each(FILES)('%s: no secret in any node parameter or credential reference', (file) => {
		const text = fs.readFileSync(path.join(WORKFLOWS, file), 'utf8');
		expect(secretFindings(file, JSON.parse(text) as Parameters<typeof secretFindings>[1])).toEqual([]);
		const known = [DEFAULT_SUBSCRIPTION_KEY, DEFAULT_CLIENT.clientSecret, ...DEFAULT_ACCOUNTS.map((a) => a.apiKey), ...Object.values(WEBHOOK_SECRETS)];
		expect(known.filter((secret) => text.includes(secret))).toEqual([]);
	});

	it('the webhook triggers are at version 2 and name their secret credential', () => {
		const triggers = FILES.flatMap((file) =>
			(JSON.parse(fs.readFileSync(path.join(WORKFLOWS, file), 'utf8')) as { nodes: { name: string; type: string; typeVersion: number; credentials?: Record<string, unknown> }[] }).nodes
				.filter((n) => /\.(cartonCloud|starshipit)WebhookTrigger$/.test(n.type))
				.map((n) => ({ file, type: n.type.split('.')[1], version: n.typeVersion, credentials: Object.keys(n.credentials ?? {}).sort() })),
		);
		expect(triggers).toEqual([
			{ file: 'order-push-webhook.json', type: 'cartonCloudWebhookTrigger', version: 2, credentials: ['cartonCloudApi', 'cartonCloudWebhookApi'] },
			{ file: 'tracking-writeback-webhook.json', type: 'starshipitWebhookTrigger', version: 2, credentials: ['starshipitWebhookApi'] },
		]);
	});
});
