/**
 * Real-n8n cases under load (issue 10 §4): the same workflow files as the bundled cases, with
 * volume. Rows use the case shape of ./cases.mts and run in the same suite.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../scripts/n8n/paths.mts';
import type { WorkflowJson } from '../../scripts/n8n/realN8n.mts';
import { webhooksOf } from '../../scripts/n8n/webhooks.mts';
import type { RealN8nCase } from './cases.mts';
import { addPackedOrders, addStarshipitOrders, expectBurstWritten, trackingBurst } from './volume.mts';

/** How many tracking webhooks arrive at once when a manifest closes (the target). */
export const MANIFEST_SIZE = 200;

const TRACKING_WEBHOOK = 'workflows/tracking-writeback-webhook.json';

/** The workflow's own webhook (read from the file, so a changed trigger is followed). */
export function webhookOfFile(file: string): { path: string; method: string } {
	const json = JSON.parse(readFileSync(join(PACKAGE_ROOT, file), 'utf8')) as WorkflowJson;
	const [hook] = webhooksOf(json.nodes);
	if (!hook) throw new Error(`${file} has no webhook`);
	return { path: hook.path, method: hook.method };
}

let burstTargets: string[] = [];
let burstAnswers: { status: number; error?: string }[] = [];

export const LOAD_CASES: RealN8nCase[] = [
	{
		file: TRACKING_WEBHOOK,
		title: `a manifest closing: ${MANIFEST_SIZE} tracking webhooks at once all end written (${TRACKING_WEBHOOK})`,
		kind: 'webhook',
		webhook: webhookOfFile(TRACKING_WEBHOOK),
		arrange: ({ sb }) => {
			burstTargets = addPackedOrders(sb, MANIFEST_SIZE);
			addStarshipitOrders(sb, burstTargets);
		},
		call: async ({ sb, url }) => {
			burstAnswers = await trackingBurst(sb, url, burstTargets);
			return undefined;
		},
		assert: async ({ sb }) => {
			// Every delivery acknowledged (the Starshipit sandbox gives a receiver 5 s: webhooks.mts), and
			// every tracking number written by the webhooks alone (no scheduled writeback runs here).
			await expectBurstWritten(sb, burstTargets, burstAnswers, 120_000);
		},
	},
];
