/**
 * Alerts that reach a person, in a real n8n against a real SMTP server (the sandbox's mail catcher,
 * test/sandbox/mail/smtpSink.mts, which the credential `smtp` points at):
 * - the failures digest of the order push sends ONE e-mail naming each failed order (the sandbox
 *   seed's KOA-19001..19003), its reason and a link to the execution, then fails the run, so the
 *   Executions list shows it as an error;
 * - in `n8n start`, a run that fails for any other reason (here: the mail server refused the
 *   digest) starts the bundled error workflow (workflows/error-alerts.json, each workflow's
 *   settings.errorWorkflow), which e-mails the workflow, the failing step and the execution link;
 *   a run the digest already reported is not mailed a second time.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../scripts/n8n/paths.mts';
import { credentialNames, type ImportedWorkflow, prepareN8n, type RealN8n, withCartonCloudSecret } from '../../scripts/n8n/realN8n.mts';
import { BAD_ORDER_REFERENCES } from '../sandbox/cartoncloud/index.mts';
import { CREDENTIALS, type Sandboxes, startSandboxes } from '../sandbox/index.mts';
import { RUN_FAILED_NODE } from './alertFiles.mts';

const BAD = Object.values(BAD_ORDER_REFERENCES) as string[];
const FILES = ['error-alerts', 'order-push-scheduled', 'order-push-webhook'];
const ORDER_PUSH_WEBHOOK = { path: '3e23d534-be6d-1210-3d8c-c9ca09f60091/webhook' };

let sb: Sandboxes;
let n8n: RealN8n;
let workflows: Record<string, ImportedWorkflow>;

beforeAll(async () => {
	sb = await startSandboxes({ starshipit: { ratePerSecond: 1000, burst: 1000 } });
	n8n = await prepareN8n({ credentials: sb.credentials(), credentialNames: credentialNames(CREDENTIALS) });
	const imported = await n8n.importWorkflows(FILES.map((f) => join(PACKAGE_ROOT, 'workflows', `${f}.json`)));
	workflows = Object.fromEntries(FILES.map((f, i) => [f, imported[i]]));
});

afterAll(async () => {
	await n8n?.dispose();
	await sb?.close();
});

beforeEach(() => {
	sb.cartonCloud.reset();
	sb.cartonCloud.configure({ webhookUrl: undefined });
	sb.starshipit.reset();
	sb.mail.clear();
});

describe('alerts in real n8n, delivered over SMTP', () => {
	it('the order push e-mails one digest of the failed orders with reasons and the execution link, and the run shows as failed', async () => {
		const run = await n8n.execute(workflows['order-push-scheduled'].id);
		expect(run.status).toBe('error');
		expect(run.error?.node?.name).toBe(RUN_FAILED_NODE);
		expect(run.error?.message).toContain(BAD.join(', '));
		// Every good order was still created: the digest runs after the batch, not instead of it.
		expect(run.output('In Starshipit').length).toBeGreaterThan(30);

		const [mail] = await sb.mail.waitFor(1);
		expect(sb.mail.messages).toHaveLength(1);
		expect(mail.to).toEqual(['ops@example.com']);
		expect(mail.subject).toBe(`3 order(s) not created in Starshipit: ${workflows['order-push-scheduled'].name}`);
		expect(mail.text).toMatch(/- KOA-19001: .*address1/);
		expect(mail.text).toMatch(/- KOA-19002: .*postcode.*10/);
		expect(mail.text).toMatch(/- KOA-19003: .*country.*Atlantis/);
		expect(mail.text).toMatch(new RegExp(`Execution: http://127\\.0\\.0\\.1:\\d+/workflow/${workflows['order-push-scheduled'].id}/executions/\\d+`));
		for (const reference of BAD) expect(mail.html).toContain(`<td>${reference}</td>`);
	});

	it('in `n8n start`, the error workflow e-mails a run that failed on its own, and not one the digest already reported', async () => {
		// n8n 2.x starts an error workflow only when it is published ("is not active and cannot be executed").
		const server = await n8n.start({ publish: [workflows['order-push-webhook'].id, workflows['error-alerts'].id], webhooks: [ORDER_PUSH_WEBHOOK] });
		try {
			sb.cartonCloud.configure({ webhookUrl: withCartonCloudSecret(server.webhookUrl(ORDER_PUSH_WEBHOOK.path)) });
			const pack = async (reference: string) => {
				const order = sb.cartonCloud.findOrderByReference(reference)!;
				// One status change at a time, as a warehouse makes them: the trigger re-reads the order,
				// so two queued deliveries would both see PACKED and push it twice.
				sb.cartonCloud.setOutboundOrderStatus(order.id, 'PICKED');
				await sb.cartonCloud.flushWebhooks();
				sb.cartonCloud.setOutboundOrderStatus(order.id, 'PACKED');
				const deliveries = await sb.cartonCloud.flushWebhooks();
				expect(deliveries.map((d) => d.status)).toContain(200);
			};

			// 1. The mail server refuses the digest: the run fails at the e-mail step; n8n starts the
			//    error workflow, whose own e-mail gets through.
			sb.mail.refuseNext(1);
			await pack(BAD_ORDER_REFERENCES.emptyAddress1);
			const [alert] = await sb.mail.waitFor(1, 60_000);
			expect(alert.subject).toBe(`n8n run failed: ${workflows['order-push-webhook'].name}`);
			expect(alert.text).toContain('failed at step "E-mail failures digest"');
			expect(alert.text).toMatch(new RegExp(`Execution: ${server.baseUrl.replace(/\./g, '\\.')}/workflow/${workflows['order-push-webhook'].id}/executions/\\d+`));

			// 2. The digest gets through: exactly one e-mail for the run (the error workflow skips it).
			sb.mail.clear();
			await pack(BAD_ORDER_REFERENCES.longPostcode);
			const [digest] = await sb.mail.waitFor(1, 60_000);
			expect(digest.subject).toMatch(/^1 order\(s\) not created in Starshipit: /);
			expect(digest.text).toMatch(/- KOA-19002: .*postcode/);
			// The error workflow runs right after the failed run; give it time to (not) mail.
			await new Promise((r) => setTimeout(r, 5000));
			expect(sb.mail.messages.map((m) => m.subject)).toEqual([digest.subject]);
		} catch (error) {
			(error as Error).message += `\n--- n8n log (tail) ---\n${server.logs().slice(-4000)}`;
			throw error;
		} finally {
			await server.stop();
		}
	});
});
