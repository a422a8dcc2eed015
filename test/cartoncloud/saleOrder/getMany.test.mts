/**
 * Sale Order > Get Many: Return All across pages, Limit, the status, customer, reference and date
 * filters (timestamp ranges refused or accepted), the Packed hint and a bad date.
 */
import { describe, expect, it } from 'vitest';
import { chain, customerByName, type Env, json, rl, startEnv, useEnv } from '../fixtures.mts';

let env: Env;
useEnv((started) => (env = started));

const SEARCH = 'POST /tenants/:tenantId/outbound-orders/search';

describe('Sale Order: Get Many', () => {
	it('Return All follows Total-Pages across at least 3 pages and returns every order', async () => {
		env.sb.server.clearLog();
		const run = await env.harness.run(
			chain({
				name: 'All',
				parameters: { resource: 'saleOrder', operation: 'getMany', returnAll: true },
			}),
		);
		const orders = json(run, 'All');
		const expected = env.sb
			.state()
			.outboundOrders.map((o) => o.id)
			.sort();
		expect(expected.length).toBeGreaterThan(200);
		expect(orders.map((o) => o.id).sort()).toEqual(expected);
		const pages = env.sb.server.log.filter((e) => e.endpoint === SEARCH);
		expect(pages.length).toBeGreaterThanOrEqual(3);
		expect(pages.map((p) => new URLSearchParams(p.query).get('page'))).toEqual(
			pages.map((_, i) => String(i + 1)),
		);
		expect(
			run
				.output('All')
				.every(
					(item, i) =>
						item.pairedItem && (item.pairedItem as { item: number }).item === 0 && i >= 0,
				),
		).toBe(true);
	});

	it('Limit stops early with one request', async () => {
		env.sb.server.clearLog();
		const run = await env.harness.run(
			chain({
				name: 'Some',
				parameters: { resource: 'saleOrder', operation: 'getMany', returnAll: false, limit: 7 },
			}),
		);
		expect(json(run, 'Some')).toHaveLength(7);
		expect(env.sb.server.count(SEARCH)).toBe(1);
	});

	it('the status filter returns exactly the orders in those statuses', async () => {
		const statuses = ['PACKED', 'AWAITING_STOCK', 'REJECTED'];
		const run = await env.harness.run(
			chain({
				name: 'ByStatus',
				parameters: {
					resource: 'saleOrder',
					operation: 'getMany',
					returnAll: true,
					filters: { statuses },
				},
			}),
		);
		const got = json(run, 'ByStatus')
			.map((o) => o.id)
			.sort();
		const expected = env.sb
			.state()
			.outboundOrders.filter((o) => statuses.includes(o.status))
			.map((o) => o.id)
			.sort();
		expect(got).toEqual(expected);
		expect(got.length).toBeGreaterThan(30);
	});

	it('filters by customer, customer reference and date ranges', async () => {
		const koala = customerByName(env.sb, 'Koala Outdoor Co');
		const orders = env.sb.state().outboundOrders;
		const some = orders.find((o) => o.customer.id === koala.id && o.status === 'DISPATCHED')!;
		const since = new Date(Date.now() - 48 * 3600_000).toISOString();
		const run = await env.harness.run(
			chain(
				{
					name: 'ByCustomer',
					parameters: {
						resource: 'saleOrder',
						operation: 'getMany',
						returnAll: true,
						filters: { customer: rl(koala.id, 'list'), createdAfter: since },
					},
				},
				{
					name: 'ByReference',
					parameters: {
						resource: 'saleOrder',
						operation: 'getMany',
						returnAll: true,
						filters: { customerReference: some.references.customer },
					},
				},
			),
		);
		const expected = orders
			.filter(
				(o) =>
					o.customer.id === koala.id && Date.parse(o.timestamps.created!.time) >= Date.parse(since),
			)
			.map((o) => o.id)
			.sort();
		expect(
			json(run, 'ByCustomer')
				.map((o) => o.id)
				.sort(),
		).toEqual(expected);
		// ByReference ran once per input item; each found the one order.
		expect(new Set(json(run, 'ByReference').map((o) => o.id))).toEqual(new Set([some.id]));
	});

	it('a date window works whether CartonCloud refuses timestamp ranges (day prefixes) or accepts them', async () => {
		const since = new Date(Date.now() - 5 * 86_400_000);
		const until = new Date(Date.now() - 2 * 86_400_000);
		const params = {
			resource: 'saleOrder',
			operation: 'getMany',
			returnAll: true,
			filters: {
				statuses: ['DISPATCHED'],
				dispatchedAfter: since.toISOString(),
				dispatchedBefore: until.toISOString(),
			},
		};
		const expected = env.sb
			.state()
			.outboundOrders.filter(
				(o) =>
					o.status === 'DISPATCHED' &&
					Date.parse(o.timestamps.dispatched!.time) >= since.getTime() &&
					Date.parse(o.timestamps.dispatched!.time) < until.getTime(),
			)
			.map((o) => o.id)
			.sort();
		expect(expected.length).toBeGreaterThan(3);

		env.sb.server.clearLog();
		const refused = await env.harness.run(chain({ name: 'Window', parameters: params }));
		expect(
			json(refused, 'Window')
				.map((o) => o.id)
				.sort(),
		).toEqual(expected);
		const hard = env.sb.server.log.filter((e) => e.endpoint === SEARCH).map((e) => e.status);
		expect(hard[0]).toBe(422); // the range, refused
		expect(hard.slice(1).every((s) => s === 200)).toBe(true); // then the day prefixes

		env.sb.configure({ timestampRanges: true });
		env.sb.server.clearLog();
		const accepted = await env.harness.run(chain({ name: 'Window', parameters: params }));
		env.sb.configure({ timestampRanges: false });
		expect(
			json(accepted, 'Window')
				.map((o) => o.id)
				.sort(),
		).toEqual(expected);
		expect(env.sb.server.log.filter((e) => e.endpoint === SEARCH).map((e) => e.status)).toEqual([
			200,
		]);
	});

	it('a search for PACKED that finds nothing says why (Packed is off by default in CartonCloud)', async () => {
		const plain = await startEnv({ packedStatusEnabled: false });
		try {
			const run = await plain.harness.run(
				chain({
					name: 'Packed',
					parameters: {
						resource: 'saleOrder',
						operation: 'getMany',
						returnAll: true,
						filters: { statuses: ['PACKED'] },
					},
				}),
			);
			expect(run.status).toBe('success');
			expect(run.nodes.Packed.outputs[0] ?? []).toHaveLength(0);
			expect(run.nodes.Packed.hints?.[0]?.message).toMatch(
				/Packed is OFF by default in CartonCloud/,
			);
		} finally {
			await plain.sb.close();
		}
	});

	it('a bad date names the field', async () => {
		const run = await env.harness.run(
			chain({
				name: 'BadDate',
				parameters: {
					resource: 'saleOrder',
					operation: 'getMany',
					filters: { packedAfter: 'not a date' },
				},
			}),
		);
		expect(run.status).toBe('error');
		expect(run.nodes.BadDate.error?.message).toContain('Packed After');
	});
});
