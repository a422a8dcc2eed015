/**
 * Secrets live in credentials: in a real n8n 2.41 with every bundled workflow imported and every
 * secret set (the sandbox credentials, webhook secrets included, imported with
 * `n8n import:credentials`), `n8n export:workflow --all` holds none of them. n8n stores node
 * parameters in plain text and exports them; a credential is stored encrypted and a workflow only
 * names it, so the export must show the webhook triggers at version 2 naming their secret
 * credentials, and no secret value anywhere.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { credentialNames, prepareN8n, type RealN8n } from '../../scripts/n8n/realN8n.mts';
import { DEFAULT_CLIENT } from '../sandbox/cartoncloud/index.mts';
import { CREDENTIALS, type Sandboxes, startSandboxes, WEBHOOK_SECRETS } from '../sandbox/index.mts';
import { DEFAULT_SUBSCRIPTION_KEY } from '../sandbox/starshipit/index.mts';
import { secretFindings } from '../workflows/secretScan.mts';

const WORKFLOWS = resolve(import.meta.dirname, '../../workflows');

let sb: Sandboxes;
let n8n: RealN8n;

beforeAll(async () => {
	sb = await startSandboxes();
	n8n = await prepareN8n({
		credentials: sb.credentials(),
		credentialNames: credentialNames(CREDENTIALS),
	});
	const files = readdirSync(WORKFLOWS)
		.filter((f) => f.endsWith('.json'))
		.map((f) => join(WORKFLOWS, f));
	await n8n.importWorkflows(files);
});

afterAll(async () => {
	await n8n?.dispose();
	await sb?.close();
});

/** Every secret the imported credentials hold (what a leak would show). */
function secretValues(): string[] {
	const secretField = /secret|password|key|token/i;
	return Object.values(sb.credentials()).flatMap(({ data }) =>
		Object.entries(data)
			.filter(
				([field, value]) =>
					secretField.test(field) && typeof value === 'string' && value.length > 0,
			)
			.map(([, value]) => String(value)),
	);
}

describe('n8n export:workflow with every secret set', () => {
	it('exports no secret value, and the webhook triggers name their secret credentials', async () => {
		const file = join(n8n.userFolder, 'export.json');
		await n8n.cli(['export:workflow', '--all', `--output=${file}`]);
		const text = readFileSync(file, 'utf8');
		const exported = JSON.parse(text) as {
			name: string;
			nodes: {
				name: string;
				type: string;
				typeVersion: number;
				parameters?: unknown;
				credentials?: Record<string, { id: string; name: string }>;
			}[];
		}[];
		expect(exported).toHaveLength(readdirSync(WORKFLOWS).filter((f) => f.endsWith('.json')).length);

		const secrets = secretValues();
		expect(secrets).toEqual(
			expect.arrayContaining([
				WEBHOOK_SECRETS.cartonCloud,
				WEBHOOK_SECRETS.starshipit,
				DEFAULT_SUBSCRIPTION_KEY,
				DEFAULT_CLIENT.clientSecret,
			]),
		);
		expect(
			secrets.filter((secret) => text.includes(secret)).map((s) => `${s.slice(0, 4)}…`),
		).toEqual([]);
		expect(exported.flatMap((w) => secretFindings(w.name, w))).toEqual([]);

		const triggers = exported
			.flatMap((w) => w.nodes)
			.filter((n) => /\.(cartonCloud|starshipit)WebhookTrigger$/.test(n.type))
			.map((n) => ({
				type: n.type.split('.')[1],
				version: n.typeVersion,
				credentials: n.credentials,
			}))
			.sort((a, b) => a.type.localeCompare(b.type));
		expect(triggers).toEqual([
			{
				type: 'cartonCloudWebhookTrigger',
				version: 2,
				credentials: {
					cartonCloudApi: CREDENTIALS.cartonCloud,
					cartonCloudWebhookApi: CREDENTIALS.cartonCloudWebhook,
				},
			},
			{
				type: 'starshipitWebhookTrigger',
				version: 2,
				credentials: { starshipitWebhookApi: CREDENTIALS.starshipitWebhook },
			},
		]);
	});

	it('the credentials themselves are exported encrypted (no secret in plain text)', async () => {
		const file = join(n8n.userFolder, 'credentials-export.json');
		await n8n.cli(['export:credentials', '--all', `--output=${file}`]);
		const text = readFileSync(file, 'utf8');
		const exported = JSON.parse(text) as { id: string; type: string; data: unknown }[];
		expect(exported.map((c) => c.id)).toEqual(
			expect.arrayContaining([CREDENTIALS.cartonCloudWebhook.id, CREDENTIALS.starshipitWebhook.id]),
		);
		expect(exported.every((c) => typeof c.data === 'string')).toBe(true);
		expect(
			secretValues()
				.filter((secret) => text.includes(secret))
				.map((s) => `${s.slice(0, 4)}…`),
		).toEqual([]);
	});
});
