/**
 * The CartonCloud Sale Order Trigger at volume: 10,000 orders arriving in batches and 100,000 at
 * once are each emitted exactly once, and the trigger's state stays under 100 KB (a cursor, not a
 * seen-set). Slow by design (tens of thousands of orders searched page by page).
 */
import type { IDataObject } from 'n8n-workflow';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CartonCloudSandbox, OutboundOrder } from '../../sandbox/cartoncloud/index.mts';
import { byCreated } from '../../sandbox/cartoncloud/domain.mts';
import { OUTBOUND_POINTERS, OUTBOUND_VALUE_FIELDS } from '../../sandbox/cartoncloud/orders.mts';
import { paginate } from '../../sandbox/cartoncloud/paging.mts';
import { compileSearch } from '../../sandbox/cartoncloud/search.mts';
import type { SandboxRequest } from '../../sandbox/core/server.mts';
import { customerByName, type Env, startEnv, triggerWorkflow } from '../fixtures.mts';

let env: Env;
beforeAll(async () => {
	env = await startEnv({ timestampRanges: true });
});
afterAll(async () => {
	await env.sb.close();
});
beforeEach(() => {
	env.sb.reset();
	env.sb.configure({ timestampRanges: false });
});

const POLL = 'Sale order reached status';
const pollWorkflow = (parameters: IDataObject) =>
	triggerWorkflow(parameters, POLL, 'n8n-nodes-cartoncloud-starshipit.cartonCloudTrigger');
const ids = (emitted: { json: IDataObject }[][] | null) =>
	(emitted?.[0] ?? []).map((i) => `${String(i.json.id)}:${String(i.json.status)}`);
const stateBytes = (staticData: IDataObject) => Buffer.byteLength(JSON.stringify(staticData));

function waitingOrder(customerName: string): OutboundOrder {
	const customer = customerByName(env.sb, customerName);
	const order = [...env.sb.world.orders.values()].find(
		(o) => o.customer.id === customer.id && o.status === 'AWAITING_PICK_AND_PACK',
	);
	if (!order) throw new Error(`no waiting order left for ${customerName}`);
	return order;
}

/**
 * Later pages of a sale-order search reuse the matches computed for its first page, so a search
 * over 100,000 orders filters and sorts them once instead of once per page of 100 (the sandbox
 * recomputes every page, which makes 1,000 pages cost minutes). Only the focused 100,000 test uses
 * this; it changes no answer, since nothing changes while the trigger pages through.
 */
function snapshotSearchPaging(sb: CartonCloudSandbox): () => void {
	const routes = (
		sb.server as unknown as {
			routes: { method: string; pattern: string; handler: (req: SandboxRequest) => unknown }[];
		}
	).routes;
	const route = routes.find(
		(r) => r.method === 'POST' && r.pattern.endsWith('/outbound-orders/search'),
	)!;
	const original = route.handler;
	let snapshot: { body: string; matches: OutboundOrder[] } | undefined;
	route.handler = (req) => {
		const body = req.rawBody.toString('utf8');
		if (req.query.get('page') !== '1' && snapshot?.body === body)
			return paginate(req, snapshot.matches, sb.paging, structuredClone);
		const rules = sb.searchRules(
			req,
			'POST /outbound-orders/search',
			OUTBOUND_VALUE_FIELDS,
			OUTBOUND_POINTERS,
		);
		const predicate = compileSearch(JSON.parse(body), rules);
		snapshot = { body, matches: [...sb.world.orders.values()].filter(predicate).sort(byCreated) };
		return paginate(req, snapshot.matches, sb.paging, structuredClone);
	};
	return () => {
		route.handler = original;
	};
}

/**
 * `count` PACKED sale orders put straight into the sandbox's state (no HTTP creates), packed one
 * every `spacingMs` up to `newest`, copied from a seeded order.
 */
function seedPackedOrders(
	count: number,
	newest: number,
	spacingMs: number,
	prefix: string,
): string[] {
	const template = [...env.sb.world.orders.values()][0];
	const created: string[] = [];
	for (let i = 0; i < count; i++) {
		const time = new Date(newest - i * spacingMs).toISOString();
		const id = `${prefix}-${String(i).padStart(6, '0')}-0000-0000-000000000000`;
		const order: OutboundOrder = {
			...template,
			id,
			status: 'PACKED',
			references: {
				...template.references,
				customer: `${prefix}-${i}`,
				numericId: String(900000 + i),
			},
			items: [],
			timestamps: { created: { time }, modified: { time }, packed: { time } },
		};
		env.sb.world.orders.set(id, order);
		created.push(id);
	}
	return created;
}

describe('CartonCloud Sale Order Trigger (polling) at volume', () => {
	it('10,000 orders arriving in batches are each emitted exactly once, state under 100 KB', async () => {
		const restore = snapshotSearchPaging(env.sb);
		const wf = pollWorkflow({ statuses: ['PACKED'] });
		let { staticData } = await env.harness.poll(wf, POLL);
		const emitted = new Map<string, number>();
		let seeded: string[] = [];
		const count = (result: {
			emitted: { json: IDataObject }[][] | null;
			staticData: IDataObject;
		}) => {
			staticData = result.staticData;
			for (const key of ids(result.emitted)) emitted.set(key, (emitted.get(key) ?? 0) + 1);
			expect(stateBytes(staticData)).toBeLessThan(100_000);
		};
		env.sb.server.clearLog();
		for (let batch = 0; batch < 10; batch++) {
			// 1,000 orders packed one a second (~17 minutes), each batch 20 minutes after the previous,
			// then a poll, whose window overlaps the previous batch's last 10 minutes. The times run
			// ahead of the clock so the test need not wait: the cursor follows CartonCloud's timestamps.
			const newest = Date.now() + (batch + 1) * 20 * 60_000;
			seeded = seeded.concat(seedPackedOrders(1000, newest, 1000, `b${batch}a0000`));
			count(await env.harness.poll(wf, POLL, { staticData }));
		}
		count(await env.harness.poll(wf, POLL, { staticData }));
		console.log(
			`10,000 orders, day-prefix searches: static data ${stateBytes(staticData)} bytes, ${env.sb.server.log.length} requests for 11 polls`,
		);
		expect(emitted.size).toBe(10_000);
		expect([...emitted.values()].every((n) => n === 1)).toBe(true);
		expect(seeded.every((id) => emitted.has(`${id}:PACKED`))).toBe(true);
		restore();
	}, 120_000);

	it('100,000 orders are each emitted exactly once, state under 100 KB', async () => {
		const restore = snapshotSearchPaging(env.sb);
		env.sb.configure({ timestampRanges: true });
		// One order packed every 2 s over the last ~55 hours.
		const seeded = seedPackedOrders(100_000, Date.now() - 1000, 2000, 'c0000000');
		const wf = pollWorkflow({ statuses: ['PACKED'], options: { emitExisting: true } });
		env.sb.server.clearLog();
		const first = await env.harness.poll(wf, POLL);
		const emitted = new Set(ids(first.emitted));
		const packedBefore = [...env.sb.world.orders.values()].filter(
			(o) => o.status === 'PACKED',
		).length;
		expect(first.emitted?.[0].length).toBe(packedBefore);
		expect(seeded.every((id) => emitted.has(`${id}:PACKED`))).toBe(true);
		expect(stateBytes(first.staticData)).toBeLessThan(100_000);

		const second = await env.harness.poll(wf, POLL, { staticData: first.staticData });
		expect(second.emitted).toBeNull();
		const order = waitingOrder('Koala Outdoor Co');
		env.sb.setOutboundOrderStatus(order.id, 'PACKED');
		const third = await env.harness.poll(wf, POLL, { staticData: second.staticData });
		expect(ids(third.emitted)).toEqual([`${order.id}:PACKED`]);
		console.log(
			`100,000 orders: static data ${stateBytes(third.staticData)} bytes, ${env.sb.server.log.length} requests for 3 polls`,
		);
		restore();
	}, 300_000);
});
