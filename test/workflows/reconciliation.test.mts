/**
 * workflows/reconciliation-report.json against both sandboxes, started from its "Run now" manual
 * trigger. Its Send Email node (which ships disabled until an SMTP credential is chosen) is checked
 * for its wiring and then left out: the report is what is under test here, the e-mail path is the
 * alerts' (proven in real n8n).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { harnessDataTables } from '../harness/dataTables.mts';
import type { IDataObject } from 'n8n-workflow';
import { BAD_ORDER_REFERENCES } from '../sandbox/cartoncloud/index.mts';
import { clearLogs, type Env, loadWorkflow, startEnv } from './fixtures.mts';
import { seedReconciliationWorld, type ReconciliationWorld } from './reconciliationSeed.mts';
import type { WorkflowJson } from '../harness/index.mts';
import * as coreNodes from '../harness/coreNodes.mts';

const REPORT = 'Reconcile CartonCloud and Starshipit';
const SUMMARY = 'Reconciliation summary';

/** The harness's Send Email stand-in and its outbox, when the harness has one. */
const outbox = (coreNodes as Record<string, unknown>).harnessOutbox as Array<{ subject: string; html: string }> | undefined;
const canSendEmail = 'n8n-nodes-base.emailSend' in coreNodes.coreNodeTypes && outbox !== undefined;

function reportWorkflow(): WorkflowJson {
	const workflow = loadWorkflow('reconciliation-report');
	const email = workflow.nodes.find((n) => n.type === 'n8n-nodes-base.emailSend')!;
	expect(email.parameters).toMatchObject({ subject: '={{ $json.subject }}', html: '={{ $json.html }}', emailFormat: 'html' });
	expect(workflow.connections[SUMMARY].main[0]![0].node).toBe(email.name);
	if (canSendEmail && !email.disabled) return workflow;
	return { ...workflow, nodes: workflow.nodes.filter((n) => n !== email), connections: { ...workflow.connections, [SUMMARY]: { main: [[]] } } };
}

async function runReport(env: Env) {
	const workflow = reportWorkflow();
	const sent = outbox?.length ?? 0;
	const run = await env.harness.run(workflow);
	expect(run.status).toBe('success');
	const [summary, ...exceptions] = run.output(REPORT).map((i) => i.json);
	expect(run.output(SUMMARY).map((i) => i.json)).toEqual([summary]);
	// With the e-mail node enabled (and a harness that can run it): one message, the summary's.
	if (workflow.nodes.some((n) => n.type === 'n8n-nodes-base.emailSend')) {
		expect(outbox!.slice(sent).map((m) => [m.subject, m.html])).toEqual([[summary.subject, summary.html]]);
	}
	return { summary, exceptions, byKind: (kind: string) => exceptions.filter((e) => e.kind === kind).map((e) => e.order_number as string).sort() };
}

interface ListedView {
	order_number: string;
	order_date: string;
	status: string;
}

describe('Reconciliation report, on the seeded sandbox', () => {
	let env: Env;
	beforeAll(async () => {
		env = await startEnv();
		harnessDataTables.clear();
		await env.harness.run(loadWorkflow('order-push-scheduled'));
	});
	afterAll(async () => {
		// The fast tier shares this module's tables with the next file: leave no list behind.
		harnessDataTables.clear();
		await env.sandboxes.close();
	});

	const starshipit = () => (env.sandboxes.starshipit.snapshot() as { accounts: Array<{ apiKey: string; orders: ListedView[] }> }).accounts[0].orders;

	it('after the push: the orders the push could not create, and the orders waiting too long', async () => {
		const { summary, exceptions, byKind } = await runReport(env);
		expect(byKind('not_in_starshipit')).toEqual(Object.values(BAD_ORDER_REFERENCES).sort());
		const stuck = starshipit().filter((o) => Date.now() - Date.parse(o.order_date) >= 48 * 3_600_000).map((o) => o.order_number).sort();
		expect(byKind('stuck_unshipped')).toEqual(stuck);
		expect(exceptions).toHaveLength(3 + stuck.length);
		expect(summary).toMatchObject({ report: 'summary', counts: { not_in_starshipit: 3, no_sale_order: 0, duplicate_order_number: 0, total: exceptions.length } });
		expect(String(summary.subject)).toMatch(/reconciliation .*: \d+ exceptions \(3 not in starshipit/);
		expect(String(summary.html)).toContain(BAD_ORDER_REFERENCES.longPostcode);
		for (const e of exceptions) expect(String(e.action)).toMatch(/\.$/);
		// The push recorded why it could not create them (the alert workflow's data table): each says so, and what fixes it.
		const noStreet = exceptions.find((e) => e.order_number === BAD_ORDER_REFERENCES.emptyAddress1)!;
		expect(Object.keys(noStreet).slice(0, 5)).toEqual(['report', 'kind', 'order_number', 'last_reason', 'action']);
		expect(noStreet.last_reason).toMatch(/details\.deliver\.address\.address1/);
		expect(noStreet.action).toBe(`Correct sale order ${BAD_ORDER_REFERENCES.emptyAddress1} as the reason says; the next push then creates it in Starshipit.`);
		expect(String(summary.html)).toContain('Reason the last run recorded');
		expect(summary.recorded_problems).toBe(3);
	});

	it("gives its window in the workflow's time zone, readable, with no milliseconds", async () => {
		const workflow = reportWorkflow();
		workflow.settings = { ...workflow.settings, timezone: 'Australia/Sydney' };
		const run = await env.harness.run(workflow);
		const [summary] = run.output(REPORT).map((i) => i.json);
		const window = summary.window as Record<string, string>;
		expect(window.time_zone).toBe('Australia/Sydney');
		for (const time of [window.since, window.until, window.starshipit_listed_since]) expect(time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+1[01]:00$/);
		const local = new Intl.DateTimeFormat('en-CA', { timeZone: 'Australia/Sydney', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
		expect(String(summary.html)).toMatch(new RegExp(`Window: \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} \\(Australia/Sydney\\) to ${local} \\d{2}:\\d{2} \\(Australia/Sydney\\)\\.`));
		expect(String(summary.subject)).toContain(`reconciliation ${local}:`);
		expect(String(summary.html)).not.toMatch(/\.\d{3}Z/);
	});

	it('after shipping: tracking missing on consignments until the write-back has run', async () => {
		env.sandboxes.starshipit.shipAll();
		const before = await runReport(env);
		const missing = before.byKind('tracking_not_on_consignment');
		expect(missing.length).toBeGreaterThan(20);
		// Bondi Beauty generates no consignments: not reported unless asked for.
		expect(missing.some((n) => n.startsWith('BON-'))).toBe(false);
		expect(before.byKind('stuck_unshipped')).toEqual([]);

		// The write-back writes what it can and records why it cannot write Bondi's: the report now lists those, with that reason.
		await env.harness.run(loadWorkflow('tracking-writeback-scheduled'));
		const after = await runReport(env);
		const bondi = after.byKind('tracking_not_on_consignment');
		expect(bondi.length).toBeGreaterThan(0);
		expect(bondi.every((n) => n.startsWith('BON-'))).toBe(true);
		const recorded = after.exceptions.filter((e) => e.kind === 'tracking_not_on_consignment');
		expect(recorded.every((e) => /has no consignment/.test(String(e.last_reason)))).toBe(true);
		expect((after.summary.counts as IDataObject).total).toBe(3 + bondi.length);

		// Once Bondi Beauty is listed as a customer without consignments, nothing is left to report about it.
		harnessDataTables.seed('Customers without consignments', ['customer_name'], [{ customer_name: 'Bondi Beauty' }]);
		await env.harness.run(loadWorkflow('tracking-writeback-scheduled'));
		const settled = await runReport(env);
		expect(settled.byKind('tracking_not_on_consignment')).toEqual([]);
		expect((settled.summary.counts as IDataObject).total).toBe(3);
	});
});

describe('Reconciliation report, 1,000 orders', () => {
	const world: ReconciliationWorld = {
		unshipped: 300,
		printed: 100,
		shipped: 600,
		planted: { not_in_starshipit: 5, no_sale_order: 4, duplicate_order_number: 3, tracking_not_on_consignment: 6, stuck_unshipped: 7 },
	};
	let env: Env;
	beforeAll(async () => {
		env = await startEnv();
		harnessDataTables.clear();
		seedReconciliationWorld(env.sandboxes, world);
		clearLogs(env);
	});
	afterAll(async () => {
		await env.sandboxes.close();
	});

	it('finds every planted exception with a bounded number of paged calls', async () => {
		const { summary } = await runReport(env);
		expect(summary.counts).toEqual({ ...world.planted, total: 25 });
		expect(summary.checked).toEqual({ sale_orders_at_push_status: 405, starshipit_orders: 1007, shipped_orders: 600 });

		const starshipitCalls = env.sandboxes.starshipit.server.counts();
		const cartonCloudCalls = env.sandboxes.cartonCloud.server.counts();
		// Starshipit: ceil(307/250) unshipped + ceil(100/250) printed + ceil(600/250) shipped pages
		// (the printed tab's list is whichever the listing uses; nothing else is called).
		expect(starshipitCalls['GET /api/orders/unshipped']).toBe(2);
		expect(starshipitCalls['GET /api/orders/shipped']).toBe(3);
		expect(Object.values(starshipitCalls).reduce((a, b) => a + b, 0)).toBe(6);
		// CartonCloud: ceil(405/100) pages of sale orders at PACKED, ceil(604/50) look-ups of the other
		// order numbers, ceil(600/50) consignment searches, and the token.
		expect(cartonCloudCalls).toEqual({
			'POST /uaa/oauth/token': 1,
			'POST /tenants/:tenantId/outbound-orders/search': 5 + 13,
			'POST /tenants/:tenantId/consignments/search': 12,
		});
		const total = Object.values(starshipitCalls).reduce((a, b) => a + b, 0) + Object.values(cartonCloudCalls).reduce((a, b) => a + b, 0);
		expect(total).toBe(37);
	});
});
