/**
 * `npm run demo`: the whole flow on this machine, no accounts needed.
 * Starts both sandboxes, runs the bundled order-push workflow, lets the Starshipit sandbox print
 * and ship the orders (as a warehouse would), runs the tracking-writeback workflow, prints a
 * report, then runs both again to show that nothing is created or written twice.
 *
 * `npm run demo -- --live` runs the same two workflows against real accounts whose credentials
 * come from the environment (see README); it creates real Starshipit orders and skips the
 * simulated shipping step. No credential value is ever printed.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { INodeExecutionData } from 'n8n-workflow';
import {
	Harness,
	shutdownEngine,
	type CredentialStore,
	type RunResult,
	type WorkflowJson,
} from '../test/harness/index.mts';
import { CREDENTIALS, startSandboxes, type Sandboxes } from '../test/sandbox/index.mts';

const live = process.argv.includes('--live');
const workflow = (name: string) =>
	JSON.parse(
		fs.readFileSync(path.resolve(import.meta.dirname, '../workflows', `${name}.json`), 'utf8'),
	) as WorkflowJson;
const orderPush = workflow('order-push-scheduled');
const writeback = workflow('tracking-writeback-scheduled');

function liveCredentials(): CredentialStore {
	const need = (name: string) => {
		const value = process.env[name];
		if (!value) throw new Error(`--live needs the environment variable ${name} (see README)`);
		return value;
	};
	const region = process.env.CARTONCLOUD_REGION ?? 'https://api.cartoncloud.com';
	return {
		[CREDENTIALS.cartonCloud.id]: {
			type: 'cartonCloudApi',
			data: {
				region:
					region.startsWith('http') &&
					!region.includes('api.cartoncloud.com') &&
					!region.includes('api.na.cartoncloud.com')
						? 'custom'
						: region,
				customBaseUrl: region,
				clientId: need('CARTONCLOUD_CLIENT_ID'),
				clientSecret: need('CARTONCLOUD_CLIENT_SECRET'),
				tenantId: need('CARTONCLOUD_TENANT_ID'),
			},
		},
		[CREDENTIALS.starshipit.id]: {
			type: 'starshipitApi',
			data: {
				apiKey: need('STARSHIPIT_API_KEY'),
				subscriptionKey: need('STARSHIPIT_SUBSCRIPTION_KEY'),
				baseUrl: process.env.STARSHIPIT_BASE_URL ?? 'https://api.starshipit.com',
			},
		},
	};
}

/** The step a run with failed orders ends in: it fails the run on purpose (README, Alerts). */
const DIGEST_STOP = 'Mark run failed (orders need attention)';
/** The run's error, unless it is the digest's deliberate one. */
const unexpectedError = (run: RunResult) => (run.nodes[DIGEST_STOP]?.error ? undefined : run.error);
const digestLine = (run: RunResult) =>
	run.nodes[DIGEST_STOP]?.error
		? `    → the alert workflow e-mailed the new ones (each problem once); in n8n the run shows as failed (${DIGEST_STOP})`
		: undefined;

const items = (run: RunResult, node: string): INodeExecutionData[] =>
	run.nodes[node]?.outputs[0] ?? [];
const failures = (run: RunResult, node: string): INodeExecutionData[] =>
	run.nodes[node]?.outputs[0] ?? [];

function reportPush(run: RunResult): { created: number; skipped: number; failed: number } {
	const pushError = unexpectedError(run);
	if (pushError) throw new Error(`Order push failed: ${pushError.message}`);
	const done = items(run, 'In Starshipit');
	const failed = failures(run, 'Failed orders (see reason)');
	const created = done.filter((i) => i.json.already_existed === false).length;
	const skipped = done.length - created;
	console.log(
		`  sale orders eligible (PACKED)     ${items(run, 'Sale orders ready to ship').length}`,
	);
	console.log(`  Starshipit orders created         ${created}`);
	console.log(`  skipped, already in Starshipit    ${skipped}`);
	console.log(`  failed                            ${failed.length}`);
	for (const item of failed) {
		const reference = (item.json.references as { customer?: string } | undefined)?.customer ?? '?';
		console.log(`    ${reference.padEnd(12)} ${String(item.json.reason)}`);
	}
	const pushDigest = digestLine(run);
	if (pushDigest) console.log(pushDigest);
	return { created, skipped, failed: failed.length };
}

function reportWriteback(run: RunResult): { written: number; unchanged: number; failed: number } {
	const writebackError = unexpectedError(run);
	if (writebackError) throw new Error(`Tracking writeback failed: ${writebackError.message}`);
	const done = items(run, 'Written or already there');
	const failed = failures(run, 'Tracking not written (see reason)');
	const written = done.filter((i) => i.json.unchanged === false).length;
	console.log(
		`  shipped orders found in Starshipit ${items(run, 'Recently shipped in Starshipit').length}`,
	);
	console.log(`  tracking written to consignments  ${written}`);
	console.log(`  already there, not written again  ${done.length - written}`);
	console.log(`  not written                       ${failed.length}`);
	const reasons = new Map<string, string[]>();
	for (const item of failed) {
		const reason = String(item.json.reason).replace(/Sale order "[^"]+" \([^)]+\) /, 'sale order ');
		reasons.set(reason, [...(reasons.get(reason) ?? []), String(item.json.order_number)]);
	}
	for (const [reason, orders] of reasons)
		console.log(
			`    ${orders.length} × ${reason} (${orders.slice(0, 3).join(', ')}${orders.length > 3 ? ' …' : ''})`,
		);
	const writebackDigest = digestLine(run);
	if (writebackDigest) console.log(writebackDigest);
	return { written, unchanged: done.length - written, failed: failed.length };
}

async function main(): Promise<void> {
	const started = Date.now();
	let sandboxes: Sandboxes | undefined;
	let credentials: CredentialStore;
	if (live) {
		credentials = liveCredentials();
		console.log('Live mode: real CartonCloud and Starshipit accounts from the environment.\n');
	} else {
		sandboxes = await startSandboxes();
		credentials = sandboxes.credentials();
		console.log(
			`Sandbox: Starshipit ${sandboxes.starshipit.url} (2 requests/s, the developer tier), CartonCloud ${sandboxes.cartonCloud.url}\n`,
		);
	}
	const harness = new Harness(credentials);
	try {
		console.log('1. Order push: workflows/order-push-scheduled.json');
		const push = reportPush(await harness.run(orderPush));

		if (sandboxes) {
			const shipped = sandboxes.starshipit.shipAll();
			console.log(
				`\n2. The warehouse prints and dispatches ${shipped} orders in Starshipit (sandbox)`,
			);
		}

		console.log('\n3. Tracking writeback: workflows/tracking-writeback-scheduled.json');
		const back = reportWriteback(await harness.run(writeback));

		console.log('\n4. Both again: nothing may be created or written twice');
		const push2 = reportPush(await harness.run(orderPush));
		const back2 = reportWriteback(await harness.run(writeback));

		const twice = push2.created + back2.written;
		console.log(
			`\nSummary: ${push.created} orders created, ${push.failed} failed with their reason, ${back.written} tracking numbers written back; ` +
				`second run created ${push2.created} and wrote ${back2.written}. ${((Date.now() - started) / 1000).toFixed(1)} s.`,
		);
		if (twice !== 0) process.exitCode = 1;
	} finally {
		await sandboxes?.close();
		await shutdownEngine();
	}
}

main().catch((error: unknown) => {
	console.error(error instanceof Error ? error.message : error);
	process.exitCode = 1;
});
