/**
 * The alerts of the bundled push and write-back workflows, in-process: the error branch lays each
 * failed item out for people (outcome, order number, reason, then every field it came with), every
 * run hands its outcomes to the alert workflow (workflows/order-alerts.json), which e-mails each
 * problem once, again only when its reason changes, and the recovery when it is fixed, keeping what
 * it mailed in a data table; a run with failed orders fails on purpose. The stand-ins of n8n's
 * nodes keep the e-mails in `harnessOutbox` and the table in `harnessDataTables`; the real nodes
 * against an SMTP server and n8n's database are proven in real n8n (test/n8n/alerts.n8n.mts).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { IDataObject } from 'n8n-workflow';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { harnessOutbox } from '../harness/coreNodes.mts';
import { harnessDataTables } from '../harness/dataTables.mts';
import { FAILED_ORDERS_NODE, RUN_FAILED_NODE, TRACKING_NOT_WRITTEN_NODE } from '../n8n/alertFiles.mts';
import { BAD_ORDER_REFERENCES } from '../sandbox/cartoncloud/index.mts';
import { type Env, loadWorkflow, saleOrders, startEnv } from './fixtures.mts';

const BAD = Object.values(BAD_ORDER_REFERENCES) as string[];
const TABLE = 'CartonCloud-Starshipit alerts';
const WITHOUT_CONSIGNMENTS = 'Customers without consignments';
const WORKFLOWS = path.resolve(import.meta.dirname, '../../workflows');
const ERROR_WORKFLOW = JSON.parse(fs.readFileSync(path.join(WORKFLOWS, 'error-alerts.json'), 'utf8')) as { id: string };
const ALERTS = loadWorkflow('order-alerts');

const rows = () => harnessDataTables.byName(TABLE)?.rows ?? [];
const world = (env: Env, reference: string) => [...env.sandboxes.cartonCloud.world.orders.values()].find((o) => o.references.customer === reference)!;

describe('Order push alerts', () => {
	let env: Env;
	beforeAll(async () => {
		env = await startEnv();
		harnessDataTables.clear();
	});
	afterAll(async () => {
		await env.sandboxes.close();
	});
	beforeEach(() => {
		harnessOutbox.length = 0;
	});

	it('the first run e-mails one message naming each failed order, its reason and the execution, then fails on purpose', async () => {
		const run = await env.harness.run(loadWorkflow('order-push-scheduled'));
		expect(harnessOutbox).toHaveLength(1);
		const [mail] = harnessOutbox;
		expect(mail.subject).toBe('3 order(s) need attention: CartonCloud → Starshipit: push packed sale orders (every 5 minutes)');
		expect(mail.to).toBe('ops@example.com');
		expect(mail.text).toMatch(/- KOA-19001: not created in Starshipit\. Sale order "KOA-19001": details\.deliver\.address\.address1 .*is required/);
		expect(mail.text).toMatch(/- KOA-19002: not created in Starshipit\. .*postcode.*10/);
		expect(mail.text).toMatch(/- KOA-19003: not created in Starshipit\. .*Atlantis/);
		expect(mail.text).toMatch(/Execution: http:\/\/127\.0\.0\.1:5678\/workflow\/ccssOrderPushSch\/executions\/\S+/);
		for (const reference of BAD) expect(mail.html).toContain(`<li>${reference}: not created in Starshipit.`);

		expect(run.status).toBe('error');
		expect(run.nodes[RUN_FAILED_NODE]?.error?.message).toBe(run.error?.message);
		expect(run.error?.message).toBe(`3 order(s) not created in Starshipit or not confirmed (the alert workflow e-mails each problem once): ${BAD.join(', ')}`);
		expect(rows().map((r) => [r.alert_key, r.status]).sort()).toEqual(BAD.map((b) => [`push:main:${b}`, 'failed']));
	});

	it('an item on the error branch carries every field of its sale order, led by its outcome, order number and reason', async () => {
		const run = await env.harness.run(loadWorkflow('order-push-scheduled'));
		const listed = new Map(run.output('Sale orders ready to ship').map((i) => [(i.json.references as IDataObject).customer, i.json]));
		const failed = run.output(FAILED_ORDERS_NODE);
		expect(failed).toHaveLength(3);
		for (const { json } of failed) {
			const saleOrder = listed.get(json.order_number)!;
			expect(Object.keys(json).slice(0, 3)).toEqual(['outcome', 'order_number', 'reason']);
			expect(json.outcome).toBe('failed');
			// Every field of the sale order, as CartonCloud listed it: its own `details` (delivery address, instructions) too.
			for (const [key, value] of Object.entries(saleOrder)) expect(json[key], key).toEqual(value);
			expect(String(json.reason)).toContain(String(json.order_number));
		}
		// The reason's field path points at a field the item still carries.
		const noStreet = failed.find((i) => i.json.order_number === BAD_ORDER_REFERENCES.emptyAddress1)!.json;
		expect(noStreet.reason).toMatch(/details\.deliver\.address\.address1/);
		expect(((noStreet.details as IDataObject).deliver as { address: IDataObject }).address).toHaveProperty('address1', '');
	});

	it('the same failures on later runs send nothing; a changed reason is mailed again; a fixed order is reported fixed, once', async () => {
		await env.harness.run(loadWorkflow('order-push-scheduled'));
		expect(harnessOutbox).toHaveLength(0);

		// KOA-19002: the postcode is corrected, but the country is now one nobody knows: another reason.
		const { address } = world(env, BAD_ORDER_REFERENCES.longPostcode).details.deliver;
		const atlantis = world(env, BAD_ORDER_REFERENCES.unknownCountry).details.deliver.address;
		Object.assign(address, { postcode: '3000', country: { ...atlantis.country, name: 'Narnia' } });
		await env.harness.run(loadWorkflow('order-push-scheduled'));
		expect(harnessOutbox.map((m) => m.subject)).toEqual(['1 order(s) need attention: CartonCloud → Starshipit: push packed sale orders (every 5 minutes)']);
		expect(harnessOutbox[0].text).toMatch(/- KOA-19002: not created in Starshipit\. .*Narnia/);
		expect(harnessOutbox[0].text).not.toMatch(/KOA-1900[13]/);

		harnessOutbox.length = 0;
		world(env, BAD_ORDER_REFERENCES.emptyAddress1).details.deliver.address.address1 = '12 Fixed Street';
		const fixed = await env.harness.run(loadWorkflow('order-push-scheduled'));
		expect(harnessOutbox.map((m) => m.subject)).toEqual(['1 fixed: CartonCloud → Starshipit: push packed sale orders (every 5 minutes)']);
		expect(harnessOutbox[0].text).toMatch(/Fixed since the last alert:\n- KOA-19001: fixed \(it had failed: Sale order "KOA-19001": details\.deliver\.address\.address1 .*is required/);
		expect(fixed.error?.message).toMatch(/^2 order\(s\) not created .*: KOA-19002, KOA-19003$/);
		expect(rows().map((r) => r.order_number).sort()).toEqual(['KOA-19002', 'KOA-19003']);

		harnessOutbox.length = 0;
		await env.harness.run(loadWorkflow('order-push-scheduled'));
		expect(harnessOutbox).toHaveLength(0);
	});

	it('a run in which nothing failed sends nothing and succeeds', async () => {
		const workflow = loadWorkflow('order-push-scheduled');
		const good = saleOrders(env, 'PACKED').find((o) => !BAD.includes(o.references.customer))!;
		const search = workflow.nodes.find((n) => n.name === 'Sale orders ready to ship')!;
		search.parameters = { ...search.parameters, filters: { ...(search.parameters.filters as object), customerReference: good.references.customer } };
		const run = await env.harness.run(workflow);
		expect(run.output('In Starshipit')).toHaveLength(1);
		expect(run.nodes[FAILED_ORDERS_NODE]).toBeUndefined();
		expect(harnessOutbox).toHaveLength(0);
		expect(run.status).toBe('success');
	});

	it('an order the push could not confirm is mailed as such, never as not created', async () => {
		harnessDataTables.clear();
		const facts = { order_key: 'push:X-1', alert_key: 'push:main:X-1', kind: 'push', account: 'main', order_number: 'X-1', status: 'unknown', reason: 'Order "X-1": Starshipit answered 502 to the import', problem: 'could not be confirmed — look in Starshipit before re-sending', workflow: 'push', execution_url: 'http://n8n/e/1' };
		const run = await env.harness.run(ALERTS, { startNode: 'Orders of a run', items: [{ json: facts }] });
		expect(run.status).toBe('success');
		expect(harnessOutbox.map((m) => m.text.split('\n')[1])).toEqual(['- X-1: could not be confirmed — look in Starshipit before re-sending. Order "X-1": Starshipit answered 502 to the import']);
		expect(harnessOutbox[0].text).not.toContain('not created');
	});
});

describe('Tracking write-back alerts', () => {
	let env: Env;
	beforeAll(async () => {
		env = await startEnv();
		await env.harness.run(loadWorkflow('order-push-scheduled'));
		env.sandboxes.starshipit.shipAll();
	});
	afterAll(async () => {
		// The fast tier shares this module's tables with the next file: leave no list behind.
		harnessDataTables.clear();
		await env.sandboxes.close();
	});
	beforeEach(() => {
		harnessOutbox.length = 0;
		harnessDataTables.clear();
	});

	/** Bondi Beauty listed once, as an ops person would, in the table every bundled write-back reads. */
	const listBondi = (customer_name = 'Bondi Beauty') =>
		harnessDataTables.seed(WITHOUT_CONSIGNMENTS, ['customer_name'], [{ customer_name }]);

	it('a customer listed as having no consignments is not reported: its orders come out ignored and nothing is mailed', async () => {
		listBondi();
		const run = await env.harness.run(loadWorkflow('tracking-writeback-scheduled'));
		expect(run.status).toBe('success');
		expect(run.nodes[TRACKING_NOT_WRITTEN_NODE]).toBeUndefined();
		const ignored = run.output('Written or already there').filter((i) => (i.json.outcome as IDataObject).status === 'ignored');
		expect(ignored.length).toBeGreaterThan(0);
		expect(ignored.every((i) => String(i.json.customerName) === 'Bondi Beauty')).toBe(true);
		expect(harnessOutbox).toHaveLength(0);
		expect(rows()).toEqual([]);
	});

	it('otherwise they are mailed once, and reported fixed once the customer is listed', async () => {
		const first = await env.harness.run(loadWorkflow('tracking-writeback-scheduled'));
		const failed = first.output(TRACKING_NOT_WRITTEN_NODE);
		expect(failed.length).toBeGreaterThan(0);
		expect(Object.keys(failed[0].json).slice(0, 3)).toEqual(['outcome', 'order_number', 'reason']);
		expect(harnessOutbox).toHaveLength(1);
		expect(harnessOutbox[0].subject).toBe(`${failed.length} order(s) need attention: Starshipit → CartonCloud: write tracking back (every 15 minutes)`);
		expect(harnessOutbox[0].text).toMatch(/- BON-\S+: tracking not written to CartonCloud\. Sale order "BON-\S+" \(.+\) has no consignment/);
		expect(first.error?.message).toMatch(/order\(s\) tracking not written to CartonCloud/);

		await env.harness.run(loadWorkflow('tracking-writeback-scheduled'));
		expect(harnessOutbox).toHaveLength(1);

		// Listed by its CartonCloud ID this time: the table takes either.
		listBondi(env.sandboxes.cartonCloud.world.customers.find((c) => c.name === 'Bondi Beauty')!.id);
		const settled = await env.harness.run(loadWorkflow('tracking-writeback-scheduled'));
		expect(settled.status).toBe('success');
		expect(harnessOutbox).toHaveLength(2);
		expect(harnessOutbox[1].subject).toBe(`${failed.length} fixed: Starshipit → CartonCloud: write tracking back (every 15 minutes)`);
		expect(harnessOutbox[1].text).toMatch(/- BON-\S+: fixed \(it had failed: Sale order "BON-\S+" \(.+\) has no consignment/);
		expect(rows()).toEqual([]);
	});
});

describe('Alert wiring of the bundled workflows', () => {
	const bundled = () => fs.readdirSync(WORKFLOWS).filter((f) => f.endsWith('.json')).map((f) => ({ file: f, json: JSON.parse(fs.readFileSync(path.join(WORKFLOWS, f), 'utf8')) as { id: string; nodes: Array<{ name: string; type: string; parameters: IDataObject }>; settings?: { errorWorkflow?: string } } }));

	it('every bundled workflow names the error-alert workflow as its error workflow (the alert workflow, a sub-workflow, fails its caller)', () => {
		for (const { file, json } of bundled().filter((w) => !['error-alerts.json', 'order-alerts.json'].includes(w.file))) {
			expect(json.settings?.errorWorkflow, file).toBe(ERROR_WORKFLOW.id);
		}
	});

	it('the scheduled and the webhook workflows that meet the same orders report them to the same alert workflow, under the same keys', () => {
		const facts = (file: string) => {
			const workflow = bundled().find((w) => w.file === file)!.json;
			const call = workflow.nodes.filter((n) => n.type === 'n8n-nodes-base.executeWorkflow').map((n) => (n.parameters.workflowId as { value: string }).value);
			const keys = workflow.nodes.filter((n) => n.name.startsWith('Alert facts')).map((n) => String(n.parameters.jsonOutput).match(/alert_key: '([^']+)'/)![1]);
			return { call, keys };
		};
		expect(facts('order-push-scheduled.json')).toEqual({ call: [ALERTS.id], keys: ['push:main:'] });
		expect(facts('order-push-webhook.json')).toEqual(facts('order-push-scheduled.json'));
		expect(facts('tracking-writeback-scheduled.json')).toEqual({ call: [ALERTS.id], keys: ['tracking:main:'] });
		expect(facts('tracking-writeback-webhook.json')).toEqual(facts('tracking-writeback-scheduled.json'));
	});

	it('a webhook run hands the alert workflow its failure only; the scheduled twin, meeting the same orders, reports them fixed', () => {
		const wentThrough = (file: string) => bundled().find((w) => w.file === file)!.json.nodes.some((n) => n.name === 'Orders that went through');
		expect(['order-push-scheduled.json', 'tracking-writeback-scheduled.json'].map(wentThrough)).toEqual([true, true]);
		expect(['order-push-webhook.json', 'tracking-writeback-webhook.json'].map(wentThrough)).toEqual([false, false]);
	});
});
