/**
 * The failures digest on the error branches of the bundled order-push and write-back workflows,
 * in-process: one e-mail per run listing every failed order with its reason and a link to the
 * execution, then the run fails on purpose so the Executions list shows it as an error. The Send
 * Email stand-in keeps the message in `harnessOutbox`; the real node speaking SMTP, and the error
 * workflow, are proven in real n8n (test/n8n/alerts.n8n.mts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { harnessOutbox } from '../harness/coreNodes.mts';
import { BAD_ORDER_REFERENCES } from '../sandbox/cartoncloud/index.mts';
import { type Env, loadWorkflow, startEnv } from './fixtures.mts';

const BAD = Object.values(BAD_ORDER_REFERENCES) as string[];
const STOP = 'Mark run failed (digest sent)';
const ERROR_WORKFLOW = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '../../workflows/error-alerts.json'), 'utf8')) as { id: string };

describe('Failures digest', () => {
	let env: Env;
	beforeAll(async () => {
		env = await startEnv();
	});
	afterAll(async () => {
		await env.sandboxes.close();
	});
	beforeEach(() => {
		harnessOutbox.length = 0;
	});

	it('order push: one e-mail lists each failed order with its reason and the execution link, then the run fails', async () => {
		const run = await env.harness.run(loadWorkflow('order-push-scheduled'));
		expect(harnessOutbox).toHaveLength(1);
		const [mail] = harnessOutbox;
		expect(mail.subject).toMatch(/^3 order\(s\) not created in Starshipit: /);
		expect(mail.to).toBe('ops@example.com');
		expect(mail.text).toMatch(/- KOA-19001: .*KOA-19001.*address1/);
		expect(mail.text).toMatch(/- KOA-19002: .*postcode/);
		expect(mail.text).toMatch(/- KOA-19003: .*Atlantis/);
		expect(mail.text).toMatch(/Execution: http:\/\/127\.0\.0\.1:5678\/workflow\/[^/\s]+\/executions\/\S+/);
		for (const reference of BAD) expect(mail.html).toContain(`<td>${reference}</td>`);

		expect(run.status).toBe('error');
		expect(run.nodes[STOP]?.error?.message).toBe(run.error?.message);
		expect(run.error?.message).toBe(`3 order(s) not created in Starshipit (the failures digest was e-mailed): ${BAD.join(', ')}`);
	});

	it('a run in which nothing failed sends nothing and succeeds', async () => {
		env.sandboxes.cartonCloud.reset();
		const workflow = loadWorkflow('order-push-scheduled');
		// One good packed order only.
		const good = env.sandboxes.cartonCloud.state().outboundOrders.find((o) => o.status === 'PACKED' && !BAD.includes(o.references.customer))!;
		const search = workflow.nodes.find((n) => n.name === 'Sale orders ready to ship')!;
		search.parameters = { ...search.parameters, filters: { ...(search.parameters.filters as object), customerReference: good.references.customer } };
		const run = await env.harness.run(workflow);
		expect(run.output('In Starshipit')).toHaveLength(1);
		expect(run.nodes['Not created (see error)']).toBeUndefined();
		expect(harnessOutbox).toHaveLength(0);
		expect(run.status).toBe('success');
	});

	it('every bundled workflow names the error-alert workflow as its error workflow', () => {
		const dir = path.resolve(import.meta.dirname, '../../workflows');
		for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.json') && f !== 'error-alerts.json')) {
			const json = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as { settings?: { errorWorkflow?: string } };
			expect(json.settings?.errorWorkflow, file).toBe(ERROR_WORKFLOW.id);
		}
	});
});
