/**
 * `npm run n8n`: the real n8n with this package, both sandboxes, sandbox credentials and every
 * workflows/*.json preloaded, until Ctrl+C. Click through the whole flow in the editor.
 *
 * - Installs the pinned n8n into the cache on first use (scripts/n8n/install.mts; ~4 min, 3 GB).
 * - Packs dist/ (run `npm run build` first; the package script does) into a fresh user folder's
 *   community nodes folder; the folder is removed on exit (kept with N8N_TEST_KEEP=1).
 * - Logs you in as a ready-made owner: n8n 2.41 creates it from N8N_INSTANCE_OWNER_MANAGED_BY_ENV +
 *   N8N_INSTANCE_OWNER_EMAIL + N8N_INSTANCE_OWNER_PASSWORD_HASH (bcrypt) at start
 *   (n8n/dist/instance-settings-loader/loaders/owner.instance-settings-loader.js).
 * - Publishes the webhook workflows (so CartonCloud's and Starshipit's sandbox webhooks reach them)
 *   the error workflow (n8n 2.x starts an error workflow only when it is published) and the alert
 *   workflow the pushes and write-backs call (a published workflow runs only published sub-workflows);
 *   the scheduled ones stay unpublished: open one and press "Execute workflow" (its "Run now" trigger).
 *
 * Env: N8N_PORT (default 5678), STARSHIPIT_PORT (4010), CARTONCLOUD_PORT (4011), SMTP_PORT (4025), N8N_TEST_HOME.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { CREDENTIALS, startSandboxes } from '../../test/sandbox/index.mts';
import { EXIT_REGISTRY_UNAVAILABLE, PACKAGE_ROOT } from './paths.mts';
import {
	CARTONCLOUD_WEBHOOK_SECRET,
	credentialNames,
	OWNER,
	prepareN8n,
	withCartonCloudSecret,
} from './realN8n.mts';
import { webhooksOf } from './webhooks.mts';

async function main(): Promise<void> {
	const install = spawnSync(
		process.execPath,
		[
			join(PACKAGE_ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'),
			join(import.meta.dirname, 'install.mts'),
		],
		{
			cwd: PACKAGE_ROOT,
			stdio: ['ignore', 'pipe', 'inherit'],
			encoding: 'utf8',
		},
	);
	if (install.status !== 0) {
		process.stdout.write(install.stdout ?? '');
		process.exit(install.status === EXIT_REGISTRY_UNAVAILABLE ? EXIT_REGISTRY_UNAVAILABLE : 1);
	}

	const sandboxes = await startSandboxes({
		ports: {
			starshipit: Number(process.env.STARSHIPIT_PORT ?? 4010),
			cartonCloud: Number(process.env.CARTONCLOUD_PORT ?? 4011),
			smtp: Number(process.env.SMTP_PORT ?? 4025),
		},
	});
	const n8n = await prepareN8n({
		credentials: sandboxes.credentials(),
		credentialNames: credentialNames(CREDENTIALS),
		owner: true,
	});
	let stopping = false;
	const stop = async (code = 0) => {
		if (stopping) return;
		stopping = true;
		console.log('\nStopping n8n and the sandboxes...');
		await n8n.dispose();
		await sandboxes.close();
		process.exit(code);
	};
	process.on('SIGINT', () => void stop());
	process.on('SIGTERM', () => void stop());

	try {
		const dir = join(PACKAGE_ROOT, 'workflows');
		const files = readdirSync(dir)
			.filter((f) => f.endsWith('.json'))
			.sort()
			.map((f) => join(dir, f));
		const imported = await n8n.importWorkflows(files);
		const withHooks = imported
			.map((w) => ({ ...w, hooks: webhooksOf(w.json.nodes) }))
			.filter((w) => w.hooks.length > 0);
		// The error workflow and the alert workflow: nothing starts them but another (published) run.
		const errorWorkflows = imported.filter((w) =>
			w.json.nodes.some(
				(n) =>
					n.type === 'n8n-nodes-base.errorTrigger' ||
					n.type === 'n8n-nodes-base.executeWorkflowTrigger',
			),
		);
		const port = Number(process.env.N8N_PORT ?? 5678);
		const server = await n8n.start({
			port,
			// n8n 2.x runs an error workflow or a sub-workflow only when it is published ("is not active and cannot be executed").
			publish: [...withHooks.map((w) => w.id), ...errorWorkflows.map((w) => w.id)],
			webhooks: withHooks.flatMap((w) => w.hooks.map(({ path, method }) => ({ path, method }))),
		});

		sandboxes.showN8n(server.baseUrl);
		// Point the sandboxes' own webhooks at the published workflows that receive them.
		for (const w of withHooks) {
			for (const hook of w.hooks) {
				if (/\.cartonCloud\w*Trigger$/.test(hook.type))
					sandboxes.cartonCloud.configure({
						webhookUrl: withCartonCloudSecret(server.webhookUrl(hook.path)),
					});
				if (/\.starshipit\w*Trigger$/.test(hook.type))
					sandboxes.starshipit.configure({ webhookUrl: server.webhookUrl(hook.path) });
			}
		}

		const lines = [
			'',
			`n8n is running with ${imported.length} workflows and the sandbox credentials:`,
			'',
			`  Editor      ${server.baseUrl}/   (log in: ${OWNER.email} / ${OWNER.password})`,
			`  Console     ${sandboxes.consoleUrl}   (both systems side by side: pack, dispatch, print, ship, inject faults, alert e-mails)`,
			`  Starshipit  ${sandboxes.starshipit.url}   CartonCloud  ${sandboxes.cartonCloud.url}   (GET <url>/_sandbox/state, /_sandbox/log)`,
			`  Mail        SMTP ${sandboxes.mail.host}:${sandboxes.mail.port}, credential "SMTP (alerts)": the alert e-mails show on the console`,
			'',
			...imported.map((w) => {
				const hooks = webhooksOf(w.json.nodes)
					.map((h) => `\n      ${h.method} ${server.webhookUrl(h.path)}`)
					.join('');
				const published = hooks || errorWorkflows.includes(w) ? ' (published)' : '';
				return `  ${server.baseUrl}/workflow/${w.id}  ${w.name}${published}${hooks}`;
			}),
			'',
			'Sandbox webhooks (CartonCloud status changes, Starshipit tracking) go to the published workflows.',
			`CartonCloud webhook secret (in the credential "${CREDENTIALS.cartonCloudWebhook.name}", appended to its URL as ?secret=): ${CARTONCLOUD_WEBHOOK_SECRET}`,
			`n8n user folder: ${n8n.userFolder}. Ctrl+C stops everything.`,
		];
		console.log(lines.join('\n'));
	} catch (error) {
		console.error(error);
		await stop(1);
	}
}

void main();
