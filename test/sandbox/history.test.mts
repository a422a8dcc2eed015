/**
 * Issue 22: realistic accounts. A Starshipit account with months of history (20,000 orders over
 * 60 days), CartonCloud sale orders of realistic ages (packed only now after weeks awaiting
 * stock), and a planted order created 200 days ago that never shipped; and the bundled order push
 * against all of it.
 */
import axios from 'axios';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCartonCloudSandbox, OLDEST_PACKED } from './cartoncloud/index.mts';
import {
	createStarshipitSandbox,
	DEFAULT_SUBSCRIPTION_KEY,
	type StarshipitSandbox,
} from './starshipit/index.mts';
import { type Env, loadWorkflow, saleOrders, startEnv } from '../workflows/fixtures.mts';
import { BAD_ORDER_REFERENCES } from './cartoncloud/index.mts';

const DAY = 86_400_000;
const utc = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

describe('Starshipit history (issue 22)', () => {
	let sandbox: StarshipitSandbox;
	let api: ReturnType<typeof axios.create>;
	beforeAll(async () => {
		sandbox = createStarshipitSandbox({ history: true, ratePerSecond: 1e6, burst: 1e6 });
		await sandbox.listen();
		api = axios.create({
			baseURL: sandbox.url,
			validateStatus: () => true,
			headers: {
				'Ocp-Apim-Subscription-Key': DEFAULT_SUBSCRIPTION_KEY,
				'StarShipIT-Api-Key': 'sandbox-api-key',
			},
		});
	});
	afterAll(async () => sandbox.close());

	it('holds 20,000 orders over 60 days, mostly shipped or delivered, some printed, some unshipped, a few archived, made in well under the time a test can wait', () => {
		const summary = sandbox.historySummary!;
		console.log(`history: ${summary.created} orders in ${summary.milliseconds} ms`, summary.tabs);
		expect(summary.created).toBe(20_000);
		expect(summary.milliseconds).toBeLessThan(5000);
		const { unshipped, printed, shipped, archived } = summary.tabs;
		expect(unshipped + printed + shipped + archived).toBe(20_000);
		expect(shipped).toBeGreaterThan(18_000);
		for (const n of [unshipped, printed, archived]) expect(n).toBeGreaterThan(50);
		expect(Date.now() - Date.parse(summary.oldestOrderDate)).toBeGreaterThan(59 * DAY);
	});

	it('answers listings page by page with total_pages, in the documented shapes', async () => {
		const since = utc(Date.now() - 61 * DAY);
		const first = (
			await api.get('/api/orders/shipped', { params: { since_last_updated: since, limit: 250 } })
		).data;
		const shipped = sandbox.historySummary!.tabs.shipped;
		expect(first).toMatchObject({ success: true, total_pages: Math.ceil(shipped / 250) });
		expect(first.orders).toHaveLength(250);
		expect(first.orders[0]).toMatchObject({
			order_id: expect.any(Number),
			order_number: expect.any(String),
			tracking_number: expect.any(String),
			manifest_sent: true,
		});
		const unshipped = (
			await api.get('/api/orders/unshipped', { params: { since_last_updated: since, limit: 250 } })
		).data;
		expect(unshipped.total_pages).toBe(Math.ceil(sandbox.historySummary!.tabs.unshipped / 250));
		expect(unshipped.orders[0]).toMatchObject({ status: 'Unshipped', items: expect.any(Array) });
		// Unshipped for weeks: outside the default 24 hours, inside a long since_last_updated.
		expect(
			unshipped.orders.some(
				(o: { order_date: string }) => Date.now() - Date.parse(o.order_date) > 7 * DAY,
			),
		).toBe(true);
		const printed = (
			await api.get('/api/orders/shipments', {
				params: { status: 'unmanifested', since_created_date: since, limit: 250 },
			})
		).data;
		expect(printed.total_pages).toBe(Math.ceil(sandbox.historySummary!.tabs.printed / 250));
	});

	it('finds one order by number in any tab, reprints its label, and searches by number', async () => {
		const shippedRow = (
			await api.get('/api/orders/shipped', {
				params: { since_last_updated: utc(Date.now() - 61 * DAY) },
			})
		).data.orders[0];
		const one = (
			await api.get('/api/orders', { params: { order_number: shippedRow.order_number } })
		).data.order;
		expect(one).toMatchObject({
			order_id: shippedRow.order_id,
			manifested: true,
			manifest_number: expect.any(Number),
		});
		expect(['Shipped', 'Delivered']).toContain(one.status);
		const reprint = (
			await api.post('/api/orders/shipment', { order_id: one.order_id, reprint: true })
		).data;
		expect(Buffer.from(reprint.labels[0], 'base64').subarray(0, 4).toString('latin1')).toBe('%PDF');
		const found = (
			await api.get('/api/orders/search', {
				params: { phrase: shippedRow.order_number, fields: 'Order_Number' },
			})
		).data;
		expect(found.orders.map((o: { order_id: number }) => o.order_id)).toContain(
			shippedRow.order_id,
		);
		// Archived orders are listed nowhere but still found by id.
		const archived = [...sandbox.state.accountByKey().orders.values()].find(
			(s) => s.order.archived,
		)!;
		expect(
			(await api.get('/api/orders', { params: { order_id: archived.order.order_id } })).data.order
				.archived,
		).toBe(true);
		expect(
			(
				await api.get('/api/orders/search', {
					params: { phrase: archived.order.order_number, fields: 'Order_Number' },
				})
			).data.orders.map((o: { order_id: number }) => o.order_id),
		).not.toContain(archived.order.order_id);
	});

	it('seeds more history and plants single orders through the control API', async () => {
		const raw = axios.create({ baseURL: sandbox.url, validateStatus: () => true });
		const more = await raw.post('/_sandbox/history', {
			orders: 500,
			days: 5,
			apiKey: 'sandbox-child-api-key',
		});
		expect(more.data).toMatchObject({ apiKey: 'sandbox-child-api-key', created: 500 });
		const planted = await raw.post('/_sandbox/orders/plant', {
			order_number: 'OLD-200',
			order_date: new Date(Date.now() - 200 * DAY).toISOString(),
		});
		expect(planted.data.order).toMatchObject({ order_number: 'OLD-200', status: 'Unshipped' });
		const found = (await api.get('/api/orders', { params: { order_number: 'OLD-200' } })).data
			.order;
		expect(Date.now() - Date.parse(found.last_updated)).toBeGreaterThan(199 * DAY);
		// Not in the default 24-hour window, nor in 60 days of updates: only a look-back of 200 days finds it.
		const listed = async (days: number) =>
			(
				await api.get('/api/orders/unshipped', {
					params: {
						since_last_updated: utc(Date.now() - days * DAY),
						limit: 250,
						page: 1,
						ids_only: 'true',
					},
				})
			).data.order_ids as number[];
		expect(await listed(60)).not.toContain(found.order_id);
		expect(
			(await raw.post('/_sandbox/orders/plant', { order_number: 'X', order_date: 'yesterday' }))
				.status,
		).toBe(400);
	});
});

describe('CartonCloud sale orders of realistic ages (issue 22)', () => {
	it('some packed orders waited weeks for stock; the oldest was created 45 days ago and packed today', () => {
		const sb = createCartonCloudSandbox();
		const packed = sb.state().outboundOrders.filter((o) => o.status === 'PACKED');
		const age = (o: (typeof packed)[number]) =>
			(Date.now() - Date.parse(o.timestamps.created!.time)) / DAY;
		const sincePacked = (o: (typeof packed)[number]) =>
			(Date.now() - Date.parse(o.timestamps.packed!.time)) / DAY;
		expect(packed.filter((o) => age(o) > 7 && sincePacked(o) < 1).length).toBeGreaterThanOrEqual(6);
		const oldest = packed.reduce((a, b) => (age(a) > age(b) ? a : b));
		expect(oldest.customer.references.code).toBe(OLDEST_PACKED.customer);
		expect(age(oldest)).toBeGreaterThan(OLDEST_PACKED.createdDaysAgo);
		expect(age(oldest)).toBeLessThan(OLDEST_PACKED.createdDaysAgo + 4);
		expect(sincePacked(oldest)).toBeLessThan(1);
	});

	it('plants an order of any age, in process and through the control API', async () => {
		const sb = createCartonCloudSandbox();
		const order = sb.plantSaleOrder({ createdDaysAgo: 200, customer: 'KIW' });
		expect(order).toMatchObject({
			status: 'PACKED',
			references: { customer: 'KIW-STALE-1' },
			customer: { name: 'Kiwi Kitchenware' },
		});
		expect((Date.now() - Date.parse(order.timestamps.created!.time)) / DAY).toBeCloseTo(200, 0);
		expect(
			sb
				.state()
				.consignments.some(
					(c) => (c as { generatedFromTask?: { id: string } }).generatedFromTask?.id === order.id,
				),
		).toBe(true);
		await sb.listen();
		try {
			const res = await axios.post(
				`${sb.url}/_sandbox/outbound-orders/plant`,
				{ createdDaysAgo: 90, status: 'AWAITING_STOCK', reference: 'BON-OLD-1', customer: 'BON' },
				{ validateStatus: () => true },
			);
			expect(res.data).toMatchObject({
				status: 'AWAITING_STOCK',
				references: { customer: 'BON-OLD-1' },
			});
			expect(
				(
					await axios.post(
						`${sb.url}/_sandbox/outbound-orders/plant`,
						{ createdDaysAgo: 'x' },
						{ validateStatus: () => true },
					)
				).status,
			).toBe(400);
		} finally {
			await sb.close();
		}
	});
});

describe('the order push against a realistic account (issue 22)', () => {
	let env: Env;
	beforeAll(async () => {
		env = await startEnv({ starshipit: { history: true } });
	});
	afterAll(async () => env.sandboxes.close());

	it('creates every packed sale order once, and finds the copy of a 200-day-old order that never shipped instead of creating it again', async () => {
		const { saleOrder, starshipitOrder } = env.sandboxes.plantStaleOrder({ createdDaysAgo: 200 });
		const before = env.sandboxes.starshipit.state.accountByKey().orders.size;
		const bad = Object.values(BAD_ORDER_REFERENCES) as string[];
		const packed = saleOrders(env, 'PACKED').filter((o) => !bad.includes(o.references.customer));
		expect(packed.map((o) => o.references.customer)).toContain(saleOrder.references.customer);
		const run = await env.harness.run(loadWorkflow('order-push-scheduled'));
		const orders = [...env.sandboxes.starshipit.state.accountByKey().orders.values()].map(
			(s) => s.order,
		);
		expect(orders.length - before).toBe(packed.length - 1);
		expect(
			orders.filter((o) => o.order_number === saleOrder.references.customer).map((o) => o.order_id),
		).toEqual([starshipitOrder.order_id]);
		const existed = run.output('In Starshipit').filter((i) => i.json.already_existed === true);
		expect(existed.map((i) => i.json.order_number)).toEqual([saleOrder.references.customer]);
	});
});
