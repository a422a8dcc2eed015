/**
 * workflows/order-push-scheduled.json and order-push-webhook.json, unmodified, against both
 * sandboxes. The scheduled one starts from its "Run now" manual trigger: the Schedule Trigger
 * beside it emits the same single item (see test/harness/coreNodes.mts); n8n's own scheduler is
 * proven in real n8n (`npm run test:n8n`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BAD_ORDER_REFERENCES } from '../sandbox/cartoncloud/index.mts';
import { WEBHOOK_SECRETS } from '../sandbox/index.mts';
import { clearLogs, count, type Env, loadWorkflow, saleOrders, starshipitOrders, startEnv, webhookReceiver } from './fixtures.mts';
import { reasonOf } from '../harness/outcome.mts';

const IMPORT = 'POST /api/orders/import';
const BAD = Object.values(BAD_ORDER_REFERENCES) as string[];

describe('Order push, scheduled', () => {
	let env: Env;
	beforeAll(async () => {
		env = await startEnv();
	});
	afterAll(async () => {
		await env.sandboxes.close();
	});

	it('turns every packed sale order into exactly one Starshipit order; bad ones go down the error branch with their reason', async () => {
		const workflow = loadWorkflow('order-push-scheduled');
		const packed = saleOrders(env, 'PACKED').map((o) => o.references.customer);
		const good = packed.filter((ref) => !BAD.includes(ref));
		expect(good.length).toBeGreaterThan(30);

		const run = await env.harness.run(workflow);
		// The three bad orders fail the run on purpose, after the alerts (test/workflows/alerts.test.mts).
		expect(run.nodes['Mark run failed (orders need attention)']?.error).toBeDefined();

		const created = starshipitOrders(env).map((o) => o.order_number);
		expect(created.sort()).toEqual([...good].sort());
		expect(count(env, 'starshipit', IMPORT)).toBe(Math.ceil(good.length / 50));

		const inStarshipit = run.output('In Starshipit');
		expect(inStarshipit).toHaveLength(good.length);
		expect(inStarshipit.every((i) => i.json.already_existed === false)).toBe(true);

		const failed = run.output('Failed orders (see reason)');
		expect(failed.map((i) => (i.json.references as { customer: string }).customer).sort()).toEqual([...BAD].sort());
		const reason = (ref: string) => String(reasonOf(failed.find((i) => (i.json.references as { customer: string }).customer === ref)!));
		expect(reason(BAD_ORDER_REFERENCES.emptyAddress1)).toMatch(/KOA-19001.*address1/);
		expect(reason(BAD_ORDER_REFERENCES.longPostcode)).toMatch(/KOA-19002.*postcode.*10/);
		expect(reason(BAD_ORDER_REFERENCES.unknownCountry)).toMatch(/KOA-19003.*country.*Atlantis/);
	});

	it('the mapping as the workflow sets it: Reference is the Customer PO custom field where there is one, Shipping Method comes from the per-customer table', async () => {
		// Run by the test above; every good packed order is in Starshipit.
		const byNumber = new Map(starshipitOrders(env).map((o) => [o.order_number, o]));
		const packed = saleOrders(env, 'PACKED').filter((o) => byNumber.has(o.references.customer));
		const table: Record<string, string> = { 'Koala Outdoor Co': 'Bulky Goods', 'Kiwi Kitchenware': 'Trans-Tasman Express' };
		const withPo = packed.filter((o) => typeof o.properties.customerPo === 'string');
		expect(withPo.length).toBeGreaterThan(3);
		expect(packed.length - withPo.length).toBeGreaterThan(10);
		for (const order of packed) {
			const sent = byNumber.get(order.references.customer)!;
			expect(sent.reference).toBe(String(order.properties.customerPo ?? order.customer.name));
			expect(sent.shipping_method).toBe(table[order.customer.name!] ?? order.details.deliver.method?.requestedService);
		}
		expect(new Set(packed.map((o) => o.customer.name))).toEqual(new Set(['Koala Outdoor Co', 'Kiwi Kitchenware', 'Bondi Beauty']));
	});

	it('a second run creates nothing and reports the same failures again', async () => {
		const before = starshipitOrders(env).length;
		clearLogs(env);
		const run = await env.harness.run(loadWorkflow('order-push-scheduled'));
		expect(starshipitOrders(env)).toHaveLength(before);
		expect(count(env, 'starshipit', IMPORT)).toBe(0);
		expect(run.output('In Starshipit').every((i) => i.json.already_existed === true)).toBe(true);
		expect(run.output('Failed orders (see reason)')).toHaveLength(BAD.length);
	});
});

describe('Order push, webhook', () => {
	let env: Env;
	let receiver: Awaited<ReturnType<typeof webhookReceiver>>;
	beforeAll(async () => {
		receiver = await webhookReceiver();
		// Every entity type goes to the URL (issue 13.6); the trigger answers the others 200 and ignores them.
		env = await startEnv({ cartonCloud: { webhookUrl: receiver.url } });
	});
	afterAll(async () => {
		await env.sandboxes.close();
		await receiver.close();
	});

	it("creates the Starshipit order from CartonCloud's own status-change webhook, once", async () => {
		// The set-up generates the trigger's secret into its CartonCloud Webhook credential (the
		// sandbox credentials); CartonCloud sends it back in the URL (?secret=).
		const workflow = loadWorkflow('order-push-webhook');
		const secret = WEBHOOK_SECRETS.cartonCloud;
		const picked = saleOrders(env, 'AWAITING_PICK_AND_PACK').find((o) => o.customer.name === 'Kiwi Kitchenware')!;
		const deliver = async (delivery: (typeof receiver.received)[number]) =>
			await env.harness.webhook(workflow, 'Sale order packed', { headers: delivery.headers, query: { secret }, rawBody: delivery.rawBody, body: JSON.parse(delivery.rawBody.toString('utf8')) });
		// The trigger reads the order back from CartonCloud, so each delivery is handled before the next change.
		const deliverAll = async () => {
			await env.sandboxes.cartonCloud.flushWebhooks();
			const results = [];
			for (const delivery of receiver.received.splice(0)) results.push({ type: JSON.parse(delivery.rawBody.toString('utf8')).type as string, result: await deliver(delivery) });
			return results;
		};

		env.sandboxes.cartonCloud.setOutboundOrderStatus(picked.id, 'PICKED');
		const pickedHooks = await deliverAll();
		expect(pickedHooks.map((h) => h.result.statusCode).every((code) => code === 200)).toBe(true);
		expect(pickedHooks.every((h) => h.result.run?.nodes['Create Starshipit order'] === undefined)).toBe(true);

		env.sandboxes.cartonCloud.setOutboundOrderStatus(picked.id, 'PACKED');
		const packedHooks = await deliverAll();
		const packedHook = packedHooks.find((h) => h.type === 'OUTBOUND')!.result;
		expect(packedHook.statusCode).toBe(200);
		expect(packedHook.run?.output('In Starshipit').map((i) => i.json.order_number)).toEqual([picked.references.customer]);
		// Other entity types on the same URL (the consignment) are answered 200 and ignored.
		expect(packedHooks.filter((h) => h.type !== 'OUTBOUND').every((h) => h.result.statusCode === 200 && h.result.run === undefined)).toBe(true);

		const again = await deliver({ headers: {}, rawBody: Buffer.from(JSON.stringify({ ...picked, status: 'PACKED' })) } as never);
		expect(again.run?.output('In Starshipit')).toHaveLength(1);
		expect(starshipitOrders(env).filter((o) => o.order_number === picked.references.customer)).toHaveLength(1);
	});
});
