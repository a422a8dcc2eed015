import { describe, expect, it } from 'vitest';
import type { IDataObject } from 'n8n-workflow';
import { Harness } from '../../harness/index.mts';
import { assertNoSecrets, chain, customerByName, type Env, rl, useEnv } from '../fixtures.mts';
import { outcomeOf, reasonOf } from '../../harness/outcome.mts';

let env: Env;
useEnv((started) => (env = started));

const ORDER_SEARCH = 'POST /tenants/:tenantId/outbound-orders/search';
const CONSIGNMENT_SEARCH = 'POST /tenants/:tenantId/consignments/search';
const PUT = 'PUT /tenants/:tenantId/consignments/:id';
const GET_CONSIGNMENT = 'GET /tenants/:tenantId/consignments/:id';
const GET_ORDER = 'GET /tenants/:tenantId/outbound-orders/:id';

const packedOrders = {
	name: 'Packed Orders',
	parameters: {
		resource: 'saleOrder',
		operation: 'getMany',
		limit: 100,
		filters: { statuses: ['PACKED', 'DISPATCHED'] },
	},
};
const writeBack = (extra: Record<string, unknown> = {}) => ({
	name: 'Write Back',
	onError: 'continueRegularOutput' as const,
	parameters: {
		resource: 'tracking',
		operation: 'writeBack',
		saleOrderBy: 'customerReference',
		customerReference: '={{ $json.references.customer }}',
		trackingNumber: "={{ 'AP' + $json.references.numericId }}",
		carrierName: 'Australia Post',
		trackingUrl:
			"={{ 'https://auspost.com.au/mypost/track/details/AP' + $json.references.numericId }}",
		...extra,
	},
});

describe('Write Back Tracking', () => {
	it('writes tracking for 100 sale orders with at most 5 searches, and reports orders without a consignment', async () => {
		env.sb.server.clearLog();
		const run = await env.harness.run(chain(packedOrders, writeBack()));
		expect(run.status).toBe('success');
		const inputs = run.output('Packed Orders').map((i) => i.json);
		expect(inputs).toHaveLength(100);
		expect(env.sb.server.count(ORDER_SEARCH)).toBe(1 + 2); // the input Get Many, then references in 2 chunks of 50
		const searches =
			env.sb.server.count(ORDER_SEARCH) - 1 + env.sb.server.count(CONSIGNMENT_SEARCH);
		expect(searches).toBeLessThanOrEqual(5);

		const out = run.output('Write Back');
		expect(out).toHaveLength(100);
		const bondi = customerByName(env.sb, 'Bondi Beauty');
		let updated = 0;
		out.forEach((item, i) => {
			expect(item.pairedItem).toEqual({ item: i });
			const order = inputs[i] as {
				id: string;
				customer: { id: string };
				references: { customer: string; numericId: string };
			};
			if (order.customer.id === bondi.id) {
				expect(reasonOf(item)).toContain(
					`Sale order "${order.references.customer}" (${order.id}) has no consignment`,
				);
				expect(outcomeOf(item)).toMatchObject({
					status: 'failed',
					sale_order_reference: order.references.customer,
				});
				return;
			}
			updated++;
			expect(Object.keys(item.json)[0]).toBe('outcome');
			expect(item.json.outcome).toEqual({
				status: 'written',
				order_number: order.references.customer,
				sale_order_reference: order.references.customer,
			});
			expect(item.json).toMatchObject({
				saleOrderId: order.id,
				unchanged: false,
				trackingNumber: `AP${order.references.numericId}`,
				carrierName: 'Australia Post',
			});
			const consignment = env.sb.world.consignments.get(String(item.json.consignmentId))!;
			expect(consignment.generatedFromTask?.id).toBe(order.id);
			expect(consignment.references.tracking).toBe(`AP${order.references.numericId}`);
			expect(consignment.details.tracking).toEqual({
				companyName: 'Australia Post',
				url: `https://auspost.com.au/mypost/track/details/AP${order.references.numericId}`,
			});
			expect(consignment.items.length).toBeGreaterThan(0);
		});
		expect(updated).toBeGreaterThan(50);
		expect(env.sb.server.count(PUT)).toBe(updated);
		// The search returned each consignment with its version: no GET before any PUT.
		expect(env.sb.server.count(GET_CONSIGNMENT)).toBe(0);
		assertNoSecrets(env.sb, run.nodes);

		// The same run again: the values are already there, so nothing is written.
		env.sb.server.clearLog();
		const again = await env.harness.run(chain(packedOrders, writeBack()));
		const unchanged = again.output('Write Back').filter((i) => i.json.unchanged === true);
		expect(unchanged).toHaveLength(updated);
		expect(unchanged.every((i) => (i.json.outcome as IDataObject).status === 'already_there')).toBe(
			true,
		);
		expect(env.sb.server.count(PUT)).toBe(0);
		expect(env.sb.server.count('GET /tenants/:tenantId/consignments/:id')).toBe(0);
	});

	it('items of one consignment are written in turn, each on the version the one before left; the last value stays', async () => {
		const order = [...env.sb.world.orders.values()].find(
			(o) =>
				o.status === 'PACKED' &&
				[...env.sb.world.consignments.values()].some((c) => c.generatedFromTask?.id === o.id),
		)!;
		const run = await env.harness.run(
			chain(
				{ name: 'Orders', type: 'n8n-nodes-base.noOp', parameters: {} },
				writeBack({
					saleOrderBy: 'id',
					saleOrderId: '={{ $json.id }}',
					trackingNumber: '={{ $json.t }}',
				}),
			),
			{
				startNode: 'Orders',
				items: ['T-1', 'T-2', 'T-3'].map((t) => ({ json: { id: order.id, t } })),
			},
		);
		const out = run.output('Write Back').map((i) => i.json);
		expect(out.map((row) => [(row.outcome as IDataObject).status, row.trackingNumber])).toEqual([
			['written', 'T-1'],
			['written', 'T-2'],
			['written', 'T-3'],
		]);
		expect(env.sb.world.consignments.get(String(out[2].consignmentId))!.references.tracking).toBe(
			'T-3',
		);
	});

	it("parameters naming a field of the item read what n8n would: a number as text, an absent field with ?? '' as empty", async () => {
		const withConsignment = [...env.sb.world.orders.values()].filter(
			(o) =>
				o.status === 'PACKED' &&
				[...env.sb.world.consignments.values()].some((c) => c.generatedFromTask?.id === o.id),
		);
		const [first, second, third] = withConsignment;
		const items = [
			{ json: { id: first.id, shipment: { number: 4711 }, url: 'https://example.com/t/4711' } },
			{ json: { id: second.id, shipment: { number: 'TN-2' } } },
			{ json: { id: third.id, shipment: {} } },
		];
		const parameters = {
			saleOrderBy: 'id',
			saleOrderId: '={{ $json.id }}',
			trackingNumber: '={{ $json.shipment.number }}',
			carrierName: '',
			trackingUrl: "={{ $json.url ?? '' }}",
		};
		const run = await env.harness.run(
			chain({ name: 'Orders', type: 'n8n-nodes-base.noOp', parameters: {} }, writeBack(parameters)),
			{ startNode: 'Orders', items },
		);
		const out = run.output('Write Back').map((i) => i.json);
		expect(out[0]).toMatchObject({
			outcome: { status: 'written' },
			trackingNumber: '4711',
			trackingUrl: 'https://example.com/t/4711',
		});
		expect(out[1]).toMatchObject({ outcome: { status: 'written' }, trackingNumber: 'TN-2' });
		expect(env.sb.world.consignments.get(String(out[0].consignmentId))!.references.tracking).toBe(
			'4711',
		);
		// An absent field goes to n8n's expression engine, as any other expression: here it is empty.
		expect(reasonOf({ json: out[2] })).toMatch(/"Tracking Number" is empty/);
	});

	it('finds sale orders by ID, and a changed value is written', async () => {
		const koala = customerByName(env.sb, 'Koala Outdoor Co');
		env.sb.server.clearLog();
		const run = await env.harness.run(
			chain(
				{
					name: 'Koala',
					parameters: {
						resource: 'saleOrder',
						operation: 'getMany',
						limit: 10,
						filters: { statuses: ['DISPATCHED'], customer: rl(koala.id) },
					},
				},
				writeBack({
					saleOrderBy: 'id',
					saleOrderId: '={{ $json.id }}',
					trackingNumber: "={{ 'NEW' + $json.references.numericId }}",
					options: { consignmentStatus: 'DELIVERED' },
				}),
			),
		);
		const out = run.output('Write Back').map((i) => i.json);
		expect(out).toHaveLength(10);
		for (const row of out) {
			expect(row.unchanged).toBe(false);
			expect(String(row.trackingNumber)).toMatch(/^NEW/);
			expect(row.consignmentStatus).toBe('DELIVERED');
		}
		// `/id` is not a documented search field: each sale order is read by ID, then one consignment search.
		expect(env.sb.server.count(GET_ORDER)).toBe(10);
		expect(env.sb.server.count(ORDER_SEARCH) - 1 + env.sb.server.count(CONSIGNMENT_SEARCH)).toBe(1);
	});

	it('builds the tracking link from a URL template when the item has none, at no extra call', async () => {
		const consignment = [...env.sb.world.consignments.values()].find(
			(c) => c.generatedFromTask && c.status !== 'CANCELLED' && !c.references.tracking,
		)!;
		const order = env.sb.world.orders.get(consignment.generatedFromTask!.id)!;
		env.sb.server.clearLog();
		const run = await env.harness.run(
			chain(
				writeBack({
					customerReference: order.references.customer,
					trackingNumber: 'TPL 1/2',
					trackingUrl: '',
					options: { trackingUrlTemplate: 'https://track.example.com/{carrier}/{tracking_number}' },
				}),
			),
		);
		expect(run.output('Write Back')[0].json.trackingUrl).toBe(
			'https://track.example.com/Australia%20Post/TPL%201%2F2',
		);
		expect(env.sb.world.consignments.get(consignment.id)!.details.tracking?.url).toBe(
			'https://track.example.com/Australia%20Post/TPL%201%2F2',
		);
		expect(env.sb.server.count(PUT)).toBe(1);
	});

	it('without Continue On Fail, an order with no consignment stops the node with a clear message', async () => {
		const bondi = customerByName(env.sb, 'Bondi Beauty');
		const order = env.sb
			.state()
			.outboundOrders.find((o) => o.customer.id === bondi.id && o.status === 'PACKED')!;
		const step = writeBack({
			customerReference: order.references.customer,
			trackingNumber: 'X1',
			trackingUrl: '',
		});
		const run = await env.harness.run(chain({ ...step, onError: undefined }));
		expect(run.status).toBe('error');
		expect(run.nodes['Write Back'].error?.message).toBe(
			`Sale order "${order.references.customer}" (${order.id}) has no consignment, so its tracking cannot be written back`,
		);
		expect(
			String((run.nodes['Write Back'].error as { description?: string }).description),
		).toContain('Bondi Beauty');
	});

	it('version 2: a customer chosen under Customers Without Consignments is ignored with its reason, not failed; version 1 still fails', async () => {
		const bondi = customerByName(env.sb, 'Bondi Beauty');
		const order = env.sb
			.state()
			.outboundOrders.find((o) => o.customer.id === bondi.id && o.status === 'PACKED')!;
		const step = writeBack({
			customerReference: order.references.customer,
			trackingNumber: 'X2',
			trackingUrl: '',
			customersWithoutConsignments: [bondi.id],
		});
		env.sb.server.clearLog();
		const run = await env.harness.run(chain({ ...step, onError: 'continueErrorOutput' }));
		const [item] = run.output('Write Back');
		expect(run.output('Write Back', 1)).toEqual([]);
		expect(Object.keys(item.json)[0]).toBe('outcome');
		expect(item.json.outcome).toEqual({
			status: 'ignored',
			order_number: order.references.customer,
			sale_order_reference: order.references.customer,
			reason: `Sale order "${order.references.customer}" (${order.id}) has no consignment, as expected for Bondi Beauty (chosen under "Customers Without Consignments"): its tracking number X2 stays in Starshipit`,
		});
		expect(item.json).toMatchObject({
			saleOrderId: order.id,
			customerId: bondi.id,
			consignmentId: null,
			trackingNumber: 'X2',
		});
		expect(env.sb.server.count(PUT)).toBe(0);

		const v1 = chain({ ...step, onError: 'continueErrorOutput' });
		v1.nodes.find((n) => n.name === 'Write Back')!.typeVersion = 1;
		const old = await env.harness.run(v1);
		expect(old.output('Write Back')).toEqual([]);
		expect(reasonOf(old.output('Write Back', 1)[0])).toContain(
			'has no consignment, so its tracking cannot be written back',
		);
	});

	it('version 2: an expression may give those customers by name or ID, as a list or as text (the bundled workflows read them from a data table)', async () => {
		const bondi = customerByName(env.sb, 'Bondi Beauty');
		const order = env.sb
			.state()
			.outboundOrders.find((o) => o.customer.id === bondi.id && o.status === 'PACKED')!;
		for (const given of [
			"={{ ['bondi beauty'] }}",
			'={{ "Koala Outdoor Co\\nBondi Beauty" }}',
			`={{ [null, '${bondi.id}'] }}`,
			'Kiwi Kitchenware, BONDI BEAUTY',
		]) {
			const step = writeBack({
				customerReference: order.references.customer,
				trackingNumber: 'X3',
				trackingUrl: '',
				customersWithoutConsignments: given,
			});
			const run = await env.harness.run(chain({ ...step, onError: 'continueErrorOutput' }));
			expect(run.output('Write Back', 1), given).toEqual([]);
			expect((run.output('Write Back')[0].json.outcome as { status: string }).status, given).toBe(
				'ignored',
			);
		}
		// Another customer's name leaves it failed: the list is matched whole, not by a part.
		const other = writeBack({
			customerReference: order.references.customer,
			trackingNumber: 'X3',
			trackingUrl: '',
			customersWithoutConsignments: "={{ ['Bondi'] }}",
		});
		const run = await env.harness.run(chain({ ...other, onError: 'continueErrorOutput' }));
		expect(reasonOf(run.output('Write Back', 1)[0])).toContain('has no consignment');
	});

	it('lists the customers to choose from by name', async () => {
		const options = await env.harness.loadOptions(
			chain(writeBack()),
			'Write Back',
			'customersWithoutConsignments',
			'getCustomers',
		);
		expect(options.map((o) => o.name)).toEqual([
			'Bondi Beauty',
			'Kiwi Kitchenware',
			'Koala Outdoor Co',
		]);
		expect(options.find((o) => o.name === 'Bondi Beauty')?.value).toBe(
			customerByName(env.sb, 'Bondi Beauty').id,
		);
	});

	it('names the sale order and the field for bad input, and an unknown reference', async () => {
		const run = await env.harness.run(
			chain(
				{
					name: 'Customers',
					parameters: { resource: 'customer', operation: 'getMany', returnAll: true },
				},
				writeBack({
					customerReference: "={{ $json.name.startsWith('Koala') ? 'NO-SUCH-REF' : 'KIW-10001' }}",
					trackingNumber: "={{ $json.name.startsWith('Bondi') ? '' : 'T1' }}",
					trackingUrl: '',
				}),
			),
		);
		const customers = run.output('Customers').map((i) => String(i.json.name));
		const out = run.output('Write Back').map((i) => i.json);
		const by = Object.fromEntries(customers.map((name, i) => [name, out[i]]));
		expect(reasonOf({ json: by['Bondi Beauty'] })).toBe(
			'Sale order "KIW-10001": "Tracking Number" is empty',
		);
		expect(reasonOf({ json: by['Koala Outdoor Co'] })).toContain(
			'Sale order "NO-SUCH-REF" not found',
		);
		expect(by['Kiwi Kitchenware']).toMatchObject({
			customerReference: 'KIW-10001',
			trackingNumber: 'T1',
		});
	});

	it("re-reads a consignment changed by another writer (412) and keeps that writer's fields", async () => {
		const consignment = [...env.sb.world.consignments.values()].find(
			(c) => c.generatedFromTask && c.status !== 'CANCELLED' && !c.references.tracking,
		)!;
		const order = env.sb.world.orders.get(consignment.generatedFromTask!.id)!;
		const map = env.sb.world.consignments;
		const original = map.get.bind(map);
		let armed = true;
		// The first read of this consignment by id is the PUT itself (there is no GET before it):
		// another writer gets in just before it.
		map.get = (id: string) => {
			const found = original(id);
			if (armed && id === consignment.id && found) {
				armed = false;
				found.version += 1;
				found.properties = { ...found.properties, otherWriter: 'kept' };
				found.details.deliver.instructions = 'Leave at the back door';
			}
			return found;
		};
		try {
			env.sb.server.clearLog();
			const run = await env.harness.run(
				chain(
					writeBack({
						customerReference: order.references.customer,
						trackingNumber: 'RACE1',
						trackingUrl: '',
					}),
				),
			);
			expect(run.output('Write Back')[0].json.outcome).toMatchObject({ status: 'written' });
		} finally {
			map.get = original;
		}
		const after = env.sb.world.consignments.get(consignment.id)!;
		expect(after.references.tracking).toBe('RACE1');
		expect(after.properties).toMatchObject({ otherWriter: 'kept' });
		expect(after.details.deliver.instructions).toBe('Leave at the back door');
		expect(env.sb.server.count(PUT)).toBe(2);
		expect(env.sb.server.count(GET_CONSIGNMENT)).toBe(1);
	});

	it('names the sale order and the consignment when a write keeps meeting 412, 429', async () => {
		const targets = [...env.sb.world.consignments.values()]
			.filter((c) => c.generatedFromTask && c.status !== 'CANCELLED')
			.slice(0, 2);
		const orders = targets.map((c) => env.sb.world.orders.get(c.generatedFromTask!.id)!);
		const cases = [
			{
				faults: Array.from({ length: 5 }, () => ({
					kind: 'status' as const,
					status: 412,
					body: [{ message: 'Version mismatch' }],
				})),
				code: '412',
			},
			{
				faults: Array.from({ length: 8 }, () => ({
					kind: 'status' as const,
					status: 429,
					headers: { 'Retry-After': '0' },
					body: [{ message: 'Too many requests' }],
				})),
				code: '429',
			},
		];
		for (const [index, { faults, code }] of cases.entries()) {
			env.sb.server.clearFaults();
			env.sb.server.injectFaults(PUT, faults);
			const order = orders[index];
			const run = await env.harness.run(
				chain(
					writeBack({
						customerReference: order.references.customer,
						trackingNumber: `FAIL${code}`,
						trackingUrl: '',
					}),
				),
			);
			const item = run.output('Write Back')[0];
			expect(reasonOf(item)).toContain(
				`Sale order "${order.references.customer}" (${order.id}): consignment ${targets[index].id}:`,
			);
			expect(reasonOf(item)).toContain(code);
			expect(outcomeOf(item)).toMatchObject({
				status: 'failed',
				sale_order_reference: order.references.customer,
			});
		}
		env.sb.server.clearFaults();
	});

	describe('a failure that hits the whole batch puts every item on the error output', () => {
		const input = { name: 'Input', type: 'n8n-nodes-base.noOp', parameters: {} };
		const workflow = () =>
			chain(input, { ...writeBack(), onError: 'continueErrorOutput' as const });
		const items = () =>
			env.sb
				.state()
				.outboundOrders.filter((o) => o.status === 'DISPATCHED')
				.slice(0, 20)
				.map((o) => ({ json: o as unknown as IDataObject }));

		function expectAllOnErrorOutput(run: Awaited<ReturnType<Harness['run']>>, pattern: RegExp) {
			expect(run.status).toBe('success');
			expect(run.output('Write Back', 0)).toHaveLength(0);
			const failed = run.output('Write Back', 1);
			expect(failed).toHaveLength(20);
			for (const item of failed) {
				expect(String(reasonOf(item))).toMatch(pattern);
				expect(outcomeOf(item)).toMatchObject({ status: 'failed' });
			}
		}

		it('a 5xx on the sale order search', async () => {
			// 501 is not retried; a retried status that exhausts its attempts takes the same path (the 429 case).
			env.sb.server.injectFaults(ORDER_SEARCH, [
				{ kind: 'status', status: 501, body: [{ message: 'Search is down' }] },
			]);
			const run = await env.harness.run(workflow(), { startNode: 'Input', items: items() });
			env.sb.server.clearFaults();
			expectAllOnErrorOutput(
				run,
				/tracking not written, the batched CartonCloud look-up failed: .*Search is down/,
			);
		});

		it('an exhausted 429 on the consignment search', async () => {
			env.sb.server.injectFaults(
				CONSIGNMENT_SEARCH,
				Array.from({ length: 8 }, () => ({
					kind: 'status' as const,
					status: 429,
					headers: { 'Retry-After': '0' },
					body: [{ message: 'Too many requests' }],
				})),
			);
			const run = await env.harness.run(workflow(), { startNode: 'Input', items: items() });
			env.sb.server.clearFaults();
			expectAllOnErrorOutput(run, /look-up failed: .*429 after 8 attempts/);
		});

		it('a revoked key', async () => {
			const revoked = new Harness({
				cc: {
					type: 'cartonCloudApi',
					data: { ...env.credentialData, clientSecret: 'revoked-secret' },
				},
			});
			const run = await revoked.run(workflow(), { startNode: 'Input', items: items() });
			expectAllOnErrorOutput(run, /look-up failed/);
		});
	});
});
