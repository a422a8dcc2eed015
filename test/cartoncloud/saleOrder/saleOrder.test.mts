import { describe, expect, it } from 'vitest';
import { assertNoSecrets, chain, customerByName, type Env, json, rl, startEnv, useEnv } from '../fixtures.mts';
import { reasonOf } from '../../harness/outcome.mts';

let env: Env;
useEnv((started) => (env = started));

const SEARCH = 'POST /tenants/:tenantId/outbound-orders/search';

describe('Sale Order: Get Many', () => {
	it('Return All follows Total-Pages across at least 3 pages and returns every order', async () => {
		env.sb.server.clearLog();
		const run = await env.harness.run(chain({ name: 'All', parameters: { resource: 'saleOrder', operation: 'getMany', returnAll: true } }));
		const orders = json(run, 'All');
		const expected = env.sb.state().outboundOrders.map((o) => o.id).sort();
		expect(expected.length).toBeGreaterThan(200);
		expect(orders.map((o) => o.id).sort()).toEqual(expected);
		const pages = env.sb.server.log.filter((e) => e.endpoint === SEARCH);
		expect(pages.length).toBeGreaterThanOrEqual(3);
		expect(pages.map((p) => new URLSearchParams(p.query).get('page'))).toEqual(pages.map((_, i) => String(i + 1)));
		expect(run.output('All').every((item, i) => item.pairedItem && (item.pairedItem as { item: number }).item === 0 && i >= 0)).toBe(true);
	});

	it('Limit stops early with one request', async () => {
		env.sb.server.clearLog();
		const run = await env.harness.run(chain({ name: 'Some', parameters: { resource: 'saleOrder', operation: 'getMany', returnAll: false, limit: 7 } }));
		expect(json(run, 'Some')).toHaveLength(7);
		expect(env.sb.server.count(SEARCH)).toBe(1);
	});

	it('the status filter returns exactly the orders in those statuses', async () => {
		const statuses = ['PACKED', 'AWAITING_STOCK', 'REJECTED'];
		const run = await env.harness.run(
			chain({ name: 'ByStatus', parameters: { resource: 'saleOrder', operation: 'getMany', returnAll: true, filters: { statuses } } }),
		);
		const got = json(run, 'ByStatus').map((o) => o.id).sort();
		const expected = env.sb.state().outboundOrders.filter((o) => statuses.includes(o.status)).map((o) => o.id).sort();
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
				{ name: 'ByCustomer', parameters: { resource: 'saleOrder', operation: 'getMany', returnAll: true, filters: { customer: rl(koala.id, 'list'), createdAfter: since } } },
				{ name: 'ByReference', parameters: { resource: 'saleOrder', operation: 'getMany', returnAll: true, filters: { customerReference: some.references.customer } } },
			),
		);
		const expected = orders.filter((o) => o.customer.id === koala.id && Date.parse(o.timestamps.created!.time) >= Date.parse(since)).map((o) => o.id).sort();
		expect(json(run, 'ByCustomer').map((o) => o.id).sort()).toEqual(expected);
		// ByReference ran once per input item; each found the one order.
		expect(new Set(json(run, 'ByReference').map((o) => o.id))).toEqual(new Set([some.id]));
	});

	it('a date window works whether CartonCloud refuses timestamp ranges (day prefixes) or accepts them', async () => {
		const since = new Date(Date.now() - 5 * 86_400_000);
		const until = new Date(Date.now() - 2 * 86_400_000);
		const params = { resource: 'saleOrder', operation: 'getMany', returnAll: true, filters: { statuses: ['DISPATCHED'], dispatchedAfter: since.toISOString(), dispatchedBefore: until.toISOString() } };
		const expected = env.sb
			.state()
			.outboundOrders.filter((o) => o.status === 'DISPATCHED' && Date.parse(o.timestamps.dispatched!.time) >= since.getTime() && Date.parse(o.timestamps.dispatched!.time) < until.getTime())
			.map((o) => o.id)
			.sort();
		expect(expected.length).toBeGreaterThan(3);

		env.sb.server.clearLog();
		const refused = await env.harness.run(chain({ name: 'Window', parameters: params }));
		expect(json(refused, 'Window').map((o) => o.id).sort()).toEqual(expected);
		const hard = env.sb.server.log.filter((e) => e.endpoint === SEARCH).map((e) => e.status);
		expect(hard[0]).toBe(422); // the range, refused
		expect(hard.slice(1).every((s) => s === 200)).toBe(true); // then the day prefixes

		env.sb.configure({ timestampRanges: true });
		env.sb.server.clearLog();
		const accepted = await env.harness.run(chain({ name: 'Window', parameters: params }));
		env.sb.configure({ timestampRanges: false });
		expect(json(accepted, 'Window').map((o) => o.id).sort()).toEqual(expected);
		expect(env.sb.server.log.filter((e) => e.endpoint === SEARCH).map((e) => e.status)).toEqual([200]);
	});

	it('a search for PACKED that finds nothing says why (Packed is off by default in CartonCloud)', async () => {
		const plain = await startEnv({ packedStatusEnabled: false });
		try {
			const run = await plain.harness.run(chain({ name: 'Packed', parameters: { resource: 'saleOrder', operation: 'getMany', returnAll: true, filters: { statuses: ['PACKED'] } } }));
			expect(run.status).toBe('success');
			expect(run.nodes.Packed.outputs[0] ?? []).toHaveLength(0);
			expect(run.nodes.Packed.hints?.[0]?.message).toMatch(/Packed is OFF by default in CartonCloud/);
		} finally {
			await plain.sb.close();
		}
	});

	it('a bad date names the field', async () => {
		const run = await env.harness.run(
			chain({ name: 'BadDate', parameters: { resource: 'saleOrder', operation: 'getMany', filters: { packedAfter: 'not a date' } } }),
		);
		expect(run.status).toBe('error');
		expect(run.nodes.BadDate.error?.message).toContain('Packed After');
	});
});

describe('Sale Order: Get, Create, Delete', () => {
	const koalaAddress = {
		contactName: 'Alex Ng',
		address1: '8 Harbour St',
		suburb: 'Manly',
		city: 'Sydney',
		postcode: '2095',
		stateCode: 'NSW',
		countryCode: 'AU',
	};

	it('creates (201), gets and deletes a sale order', async () => {
		const koala = customerByName(env.sb, 'Koala Outdoor Co');
		const run = await env.harness.run(
			chain(
				{
					name: 'Create',
					parameters: {
						resource: 'saleOrder',
						operation: 'create',
						customer: rl(koala.id, 'list'),
						customerReference: 'N8N-CREATE-1',
						deliveryAddress: koalaAddress,
						items: { item: [{ productCode: 'KOA-HEAD-300', quantity: 2, unitOfMeasure: 'UNITS' }] },
						additionalFields: { urgent: true, requestedService: 'Express' },
					},
				},
				{ name: 'Get', parameters: { resource: 'saleOrder', operation: 'get', saleOrderId: '={{ $json.id }}' } },
				{ name: 'Delete', parameters: { resource: 'saleOrder', operation: 'delete', saleOrderId: '={{ $json.id }}' } },
			),
		);
		const [created] = json(run, 'Create');
		expect(created).toMatchObject({ createdWithIssues: false, status: 'AWAITING_PICK_AND_PACK', references: { customer: 'N8N-CREATE-1' } });
		expect(created.issues).toBeUndefined();
		expect(json(run, 'Get')[0]).toMatchObject({ id: created.id, details: { urgent: true } });
		expect(json(run, 'Delete')).toEqual([{ id: created.id, deleted: true }]);
		expect(env.sb.world.orders.has(String(created.id))).toBe(false);
		assertNoSecrets(env.sb, run.nodes);
	});

	it('228 "created with issues" is output flagged with its errors, not failed', async () => {
		const koala = customerByName(env.sb, 'Koala Outdoor Co');
		const run = await env.harness.run(
			chain({
				name: 'Create',
				parameters: {
					resource: 'saleOrder',
					operation: 'create',
					customer: rl(koala.id),
					customerReference: 'N8N-228',
					deliveryAddress: koalaAddress,
					items: { item: [{ productCode: 'KOA-TENT-2P', quantity: 99999 }] },
				},
			}),
		);
		expect(run.status).toBe('success');
		const [order] = json(run, 'Create');
		expect(order.createdWithIssues).toBe(true);
		expect(order.status).toBe('REJECTED');
		expect(JSON.stringify(order.issues)).toContain('Insufficient stock');
	});

	it('JSON mode, 422 field pointers in the message, and per-item Continue On Fail with pairedItem', async () => {
		// Input: the three customers; the Bondi item has an empty reference (our check), the Kiwi item
		// an empty address1 that CartonCloud rejects with a field pointer (422), the Koala item is fine.
		env.sb.server.clearLog();
		const run = await env.harness.run(
			chain(
				{ name: 'Customers', parameters: { resource: 'customer', operation: 'getMany', returnAll: true } },
				{
					name: 'Create',
					onError: 'continueRegularOutput',
					parameters: {
						resource: 'saleOrder',
						operation: 'create',
						defineBy: 'json',
						saleOrderJson: `={{ JSON.stringify({
							references: { customer: $json.name.startsWith('Bondi') ? '' : 'N8N-JSON-' + $json.name.slice(0, 4) },
							customer: { id: $json.id },
							details: { deliver: { address: { contactName: 'Jo Bloggs', address1: $json.name.startsWith('Kiwi') ? '' : '1 Test St', suburb: 'Manly', city: 'Sydney', postcode: '2095', state: { code: 'NSW' }, country: { iso2Code: 'AU' } } } },
							items: [{ details: { product: { name: 'anything' }, unitOfMeasure: { type: 'UNITS' } }, measures: { quantity: 1 } }]
						}) }}`,
					},
				},
			),
		);
		expect(run.status).toBe('success');
		const customers = json(run, 'Customers');
		const out = run.output('Create');
		expect(out).toHaveLength(3);
		out.forEach((item, i) => expect(item.pairedItem).toEqual({ item: i }));
		const byName = Object.fromEntries(customers.map((c, i) => [String(c.name), out[i].json]));
		expect(reasonOf({ json: byName['Bondi Beauty'] })).toMatch(/Customer Reference|customer reference is empty/);
		expect(reasonOf({ json: byName['Kiwi Kitchenware'] })).toContain('/details/deliver/address/address1');
		// Unknown product: created REJECTED (228).
		expect(byName['Koala Outdoor Co']).toMatchObject({ createdWithIssues: true, status: 'REJECTED' });
		assertNoSecrets(env.sb, run.nodes);
		// Creates are paced to CartonCloud's "1 request every 2 seconds" (issue 13.5): the two that
		// reached the sandbox arrived at least 2 s apart, and none was answered 429.
		const creates = env.sb.server.log.filter((e) => e.endpoint === 'POST /tenants/:tenantId/outbound-orders');
		expect(creates).toHaveLength(2);
		expect(creates.every((e) => e.status !== 429)).toBe(true);
		expect(Date.parse(creates[1].time) - Date.parse(creates[0].time)).toBeGreaterThanOrEqual(2000);
	});

	it('stops with an error naming the sale order and field when not continuing on fail', async () => {
		const koala = customerByName(env.sb, 'Koala Outdoor Co');
		const run = await env.harness.run(
			chain({
				name: 'Create',
				parameters: {
					resource: 'saleOrder',
					operation: 'create',
					customer: rl(koala.id),
					customerReference: 'N8N-NOITEMS',
					deliveryAddress: koalaAddress,
					items: { item: [{ productCode: 'KOA-TENT-2P', quantity: 0 }] },
				},
			}),
		);
		expect(run.status).toBe('error');
		expect(run.nodes.Create.error?.message).toContain('Sale order "N8N-NOITEMS"');
		expect(run.nodes.Create.error?.message).toContain('quantity');
	});

	it('a 404 becomes a readable error with CartonCloud\'s message', async () => {
		const run = await env.harness.run(
			chain({ name: 'Get', parameters: { resource: 'saleOrder', operation: 'get', saleOrderId: '00000000-0000-4000-8000-000000000000' } }),
		);
		expect(run.status).toBe('error');
		// The message says what to do (an AI agent reads only that); CartonCloud's words are the description.
		expect(run.nodes.Get.error?.message).toMatch(/^Sale order "[0-9a-f-]+" is not in CartonCloud: give the sale order's ID/);
		expect(run.nodes.Get.error?.description).toMatch(/Sale Order not found.*404/);
	});
});

describe('Sale Order documents', () => {
	it('adds a document from a binary property, lists it and downloads it as binary', async () => {
		const orders = env.sb.state().outboundOrders;
		const [source, target] = orders.filter((o) => o.status === 'PACKED');
		// A label already on the source order (as CartonCloud would hold it), downloaded as binary,
		// then attached to the target order: the same path a Starshipit label PDF takes.
		const pdf = Buffer.from('%PDF-1.4\n% label for test\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
		env.sb.world.documents.set('doc-source', { id: 'doc-source', type: 'OUTBOUND_ORDER_INVOICE', ownerId: source.id, name: 'label-AP123.pdf', data: pdf.toString('base64'), created: Date.now() });
		const run = await env.harness.run(
			chain(
				{ name: 'Download', parameters: { resource: 'saleOrder', operation: 'downloadDocument', saleOrderId: source.id, documentId: 'doc-source', binaryPropertyName: 'label' } },
				{ name: 'Attach', parameters: { resource: 'saleOrder', operation: 'addDocument', saleOrderId: target.id, binaryPropertyName: 'label' } },
				{ name: 'List', parameters: { resource: 'saleOrder', operation: 'getDocuments', saleOrderId: target.id, returnAll: true } },
				{ name: 'Again', parameters: { resource: 'saleOrder', operation: 'downloadDocument', saleOrderId: target.id, documentId: '={{ $json.id }}' } },
			),
		);
		const [downloaded] = run.output('Download');
		expect(downloaded.json).toMatchObject({ fileName: 'label-AP123.pdf', mimeType: 'application/pdf', fileSize: pdf.length });
		expect(downloaded.binary?.label).toMatchObject({ fileName: 'label-AP123.pdf', mimeType: 'application/pdf' });
		expect(Buffer.from(downloaded.binary!.label.data, 'base64')).toEqual(pdf);
		expect(json(run, 'Attach')[0]).toMatchObject({ type: 'OUTBOUND_ORDER_INVOICE', owner: { type: 'OUTBOUND', id: target.id }, content: { name: 'label-AP123.pdf' } });
		expect(json(run, 'List')).toEqual([expect.objectContaining({ content: { name: 'label-AP123.pdf' }, saleOrderId: target.id })]);
		const [again] = run.output('Again');
		expect(Buffer.from(again.binary!.data.data, 'base64')).toEqual(pdf);
	});
});
