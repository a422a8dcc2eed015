/**
 * CartonCloud sandbox: real HTTP over 127.0.0.1 with axios. The sandbox clock is `Date.now()`
 * plus a test-controlled offset, so token expiry and the create rate-limit window can be driven
 * without waiting.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import axios, { type AxiosResponse } from 'axios';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
	BAD_ORDER_REFERENCES,
	type CartonCloudSandbox,
	createCartonCloudSandbox,
	EXPECT_REFUSAL_HEADER,
	type OutboundOrder,
} from './cartoncloud/index.mts';

let offsetMs = 0;
const advance = (seconds: number) => (offsetMs += seconds * 1000);
let sb: CartonCloudSandbox;
let url: string;
let token: string;
const api = axios.create({ validateStatus: () => true });
const V = { 'Accept-Version': '1' };
const basic = (id: string, secret: string) =>
	`Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
const auth = (extra: Record<string, string> = {}) => ({
	headers: { ...V, Authorization: `Bearer ${token}`, ...extra },
});
const T = (path: string) => `${url}/tenants/${sb.tenantId}${path}`;

async function getToken(id = 'sandbox-client', secret = 'sandbox-secret'): Promise<AxiosResponse> {
	return api.post(`${url}/uaa/oauth/token`, 'grant_type=client_credentials', {
		headers: {
			...V,
			Authorization: basic(id, secret),
			'Content-Type': 'application/x-www-form-urlencoded',
		},
	});
}

const text = (pointer: string, value: string, method = 'EQUAL_TO') => ({
	type: 'TextComparisonCondition',
	field: { type: 'JsonField', pointer },
	value: { type: 'ValueField', value },
	method,
});
/** The wrap-level condition CartonCloud requires: a leaf is wrapped in an AndCondition. */
const wrap = (condition: unknown) => {
	const type = (condition as { type?: string }).type;
	return type === 'AndCondition' || type === 'OrCondition'
		? condition
		: { type: 'AndCondition', conditions: [condition] };
};
const search = (condition: unknown, query = '', headers: Record<string, string> = {}) =>
	api.post(T(`/outbound-orders/search${query}`), { condition: wrap(condition) }, auth(headers));
/** A search the sandbox must refuse, sent as is and marked so the suite's search audit skips it. */
const refusedSearch = (condition: unknown, path = '/outbound-orders/search') =>
	api.post(T(path), { condition }, auth({ [EXPECT_REFUSAL_HEADER]: '1' }));

/** Every page of a search, following Total-Pages. */
async function searchAll(path: string, condition: unknown): Promise<{ id: string }[]> {
	const out: { id: string }[] = [];
	for (let page = 1; ; page++) {
		const res = await api.post(
			T(`${path}?page=${page}&size=100`),
			{ condition: wrap(condition) },
			auth(),
		);
		expect(res.status).toBe(200);
		out.push(...res.data);
		if (page >= Number(res.headers['total-pages'])) return out;
	}
}

const orders = () => sb.state().outboundOrders;
const ordersOf = (name: string, status?: string) =>
	orders().filter((o) => o.customer.name === name && (!status || o.status === status));

function newOrder(reference: string, overrides: Record<string, unknown> = {}) {
	return {
		type: 'OUTBOUND',
		references: { customer: reference },
		customer: { references: { code: 'BON' } },
		details: {
			deliver: {
				address: {
					companyName: null,
					contactName: 'Sam Lee',
					address1: '12 Campbell Pde',
					address2: null,
					suburb: 'Bondi Beach',
					city: 'Sydney',
					postcode: '2026',
					phone: '0412 000 111',
					email: 'sam@example.com',
					state: { code: 'NSW' },
					country: { iso2Code: 'AU' },
				},
				method: { type: 'SHIPPING', requestedService: 'Standard' },
			},
			collect: { requiredDate: '2025-07-08' },
		},
		items: [
			{
				details: {
					product: { references: { code: 'BON-SPF50-200' } },
					unitOfMeasure: { type: 'EACH' },
				},
				measures: { quantity: 2 },
			},
		],
		...overrides,
	};
}

beforeAll(async () => {
	sb = createCartonCloudSandbox({ now: () => new Date(Date.now() + offsetMs) });
	url = await sb.listen(0);
	const res = await getToken();
	token = res.data.access_token;
});

afterAll(async () => {
	await sb.close();
});

afterEach(() => {
	sb.configure({
		tokenLifetimeSeconds: 3600,
		createsPerMinute: 30,
		webhookUrl: undefined,
		webhookHeaders: {},
		strictSearchFields: true,
		timestampRanges: false,
		webhookAllEntities: true,
	});
});

describe('authentication and headers', () => {
	it('rejects a bad client with 401 and issues a bearer token to a good one', async () => {
		const bad = await getToken('sandbox-client', 'wrong');
		expect(bad.status).toBe(401);
		expect(bad.data).toEqual({ error: 'unauthorized', error_description: 'Bad credentials' });
		const good = await getToken();
		expect(good.status).toBe(200);
		expect(good.data).toMatchObject({ token_type: 'bearer', expires_in: 3600 });
		expect(typeof good.data.access_token).toBe('string');
	});

	it('requires grant_type=client_credentials and Accept-Version on the token call', async () => {
		const headers = { ...V, Authorization: basic('sandbox-client', 'sandbox-secret') };
		expect((await api.post(`${url}/uaa/oauth/token`, '', { headers })).status).toBe(400);
		expect(
			(await api.post(`${url}/uaa/oauth/token`, 'grant_type=password', { headers })).status,
		).toBe(400);
		const noVersion = await api.post(`${url}/uaa/oauth/token`, 'grant_type=client_credentials', {
			headers: { Authorization: basic('sandbox-client', 'sandbox-secret') },
		});
		expect(noVersion.status).toBe(400);
	});

	it('gates every API call on Accept-Version then a bearer token', async () => {
		const path = T('/outbound-orders/search');
		const body = { condition: wrap(text('/status', 'PACKED')) };
		const noVersion = await api.post(path, body, { headers: { Authorization: `Bearer ${token}` } });
		expect(noVersion.status).toBe(400);
		expect(noVersion.data).toEqual([{ message: expect.stringContaining('Accept-Version') }]);
		expect(
			(
				await api.post(path, body, {
					headers: { 'Accept-Version': '2', Authorization: `Bearer ${token}` },
				})
			).status,
		).toBe(406);
		const noToken = await api.post(path, body, { headers: V });
		expect(noToken.status).toBe(401);
		expect(noToken.data).toEqual([{ message: expect.any(String) }]);
		expect(
			(await api.post(path, body, { headers: { ...V, Authorization: 'Bearer nope' } })).status,
		).toBe(401);
		expect((await api.post(path, body, auth())).status).toBe(200);
		expect(
			(await api.get(`${url}/tenants/00000000-0000-4000-8000-000000000000/customers`, auth()))
				.status,
		).toBe(403);
	});

	it('expires tokens by the clock and via the expire control', async () => {
		sb.configure({ tokenLifetimeSeconds: 60 });
		const short = (await getToken()).data;
		expect(short.expires_in).toBe(60);
		const call = (t: string) =>
			api.get(`${url}/uaa/userinfo`, { headers: { ...V, Authorization: `Bearer ${t}` } });
		expect((await call(short.access_token)).status).toBe(200);
		advance(61);
		expect((await call(short.access_token)).status).toBe(401);

		const fresh = (await getToken()).data.access_token;
		expect((await call(fresh)).status).toBe(200);
		expect((await api.post(`${url}/_sandbox/tokens/expire`)).status).toBe(204);
		expect((await call(fresh)).status).toBe(401);
		sb.configure({ tokenLifetimeSeconds: 3600 });
		token = (await getToken()).data.access_token;
	});

	it('userinfo lists the tenant', async () => {
		const res = await api.get(`${url}/uaa/userinfo`, auth());
		expect(res.status).toBe(200);
		expect(res.data.tenants).toEqual([{ id: sb.tenantId, name: expect.any(String) }]);
		expect(res.data).toHaveProperty('email');
	});
});

describe('outbound order search', () => {
	it('filters on /status with an Or of EQUAL_TO and returns exactly those orders', async () => {
		const condition = {
			type: 'OrCondition',
			conditions: [text('/status', 'PACKED'), text('/status', 'DISPATCHED')],
		};
		const found = await searchAll('/outbound-orders/search', condition);
		const expected = orders()
			.filter((o) => o.status === 'PACKED' || o.status === 'DISPATCHED')
			.map((o) => o.id);
		expect(expected.length).toBeGreaterThan(100);
		expect(found.map((o) => o.id).sort()).toEqual(expected.sort());
	});

	it('pages with the five headers, RFC 5988 links and a stable order', async () => {
		const kiwi = ordersOf('Kiwi Kitchenware');
		const condition = text('/customer/id', kiwi[0].customer.id);
		const pages: OutboundOrder[][] = [];
		for (let page = 1; page <= 4; page++) {
			const res = await search(condition, `?page=${page}&size=20`);
			expect(res.status).toBe(200);
			expect(res.headers['total-elements']).toBe(String(kiwi.length));
			expect(res.headers['total-pages']).toBe(String(Math.ceil(kiwi.length / 20)));
			expect(res.headers['page-size']).toBe('20');
			expect(res.headers['page-number']).toBe(String(page));
			pages.push(res.data);
			if (page === 2) {
				const link = res.headers['link'] as string;
				expect(link).toMatch(/<[^>]*[?&]page=3&size=20>; rel="next"/);
				expect(link).toMatch(/<[^>]*[?&]page=1&size=20>; rel="prev"/);
				expect(link).toMatch(/<[^>]*[?&]page=1&size=20>; rel="first"/);
				expect(link).toMatch(/<[^>]*[?&]page=4&size=20>; rel="last"/);
				expect(link).toContain(`${url}/tenants/${sb.tenantId}/outbound-orders/search?`);
			}
			if (page === 4) expect(res.headers['link']).not.toContain('rel="next"');
		}
		const all = pages.flat();
		expect(kiwi.length).toBe(70);
		expect(pages[3]).toHaveLength(10);
		expect(new Set(all.map((o) => o.id)).size).toBe(kiwi.length);
		const created = all.map((o) => Date.parse(o.timestamps.created!.time));
		expect(created).toEqual([...created].sort((a, b) => a - b));
		expect(Array.isArray(all) && all.every((o) => o.customer.name === 'Kiwi Kitchenware')).toBe(
			true,
		);
	});

	it('rejects ValueField status, unknown condition types, empty conditions and oversize pages with 422', async () => {
		const status = await refusedSearch(
			wrap({
				type: 'TextComparisonCondition',
				field: { type: 'ValueField', value: 'status' },
				value: { type: 'ValueField', value: 'PACKED' },
				method: 'EQUAL_TO',
			}),
		);
		expect(status.status).toBe(422);
		expect(status.data[0]).toMatchObject({ field: '/condition/conditions/0/field/value' });
		expect(
			(await refusedSearch(wrap({ type: 'NotCondition', condition: text('/status', 'PACKED') })))
				.status,
		).toBe(422);
		expect((await refusedSearch({ type: 'AndCondition', conditions: [] })).status).toBe(422);
		expect((await search(text('/status', 'PACKED'), '?size=101')).status).toBe(422);
		const byRef = await search({
			type: 'TextComparisonCondition',
			field: { type: 'ValueField', value: 'reference' },
			value: { type: 'ValueField', value: 'KOA-10001' },
			method: 'EQUAL_TO',
		});
		expect(byRef.status).toBe(200);
		expect(byRef.data.map((o: OutboundOrder) => o.references.customer)).toEqual(['KOA-10001']);
	});

	it('filters a date range on /timestamps/packed/time (ranges switched on) and never matches unpacked orders', async () => {
		sb.configure({ timestampRanges: true });
		const packed = orders()
			.filter((o) => o.timestamps.packed)
			.map((o) => Date.parse(o.timestamps.packed!.time))
			.sort((a, b) => a - b);
		const from = packed[Math.floor(packed.length / 4)];
		const to = packed[Math.floor((packed.length * 3) / 4)];
		const dt = (method: string, ms: number) => ({
			type: 'DateTimeComparisonCondition',
			field: { type: 'JsonField', pointer: '/timestamps/packed/time' },
			value: { type: 'ValueField', value: new Date(ms).toISOString() },
			method,
		});
		const found = await searchAll('/outbound-orders/search', {
			type: 'AndCondition',
			conditions: [dt('GREATER_THAN_OR_EQUAL_TO', from), dt('LESS_THAN', to)],
		});
		const expected = orders().filter((o) => {
			const t = o.timestamps.packed ? Date.parse(o.timestamps.packed.time) : NaN;
			return t >= from && t < to;
		});
		expect(found.length).toBe(expected.length);
		expect(found.map((o) => o.id).sort()).toEqual(expected.map((o) => o.id).sort());
		// NOT_EQUAL_TO on a missing timestamp still never matches an unpacked order.
		const ne = await searchAll('/outbound-orders/search', dt('NOT_EQUAL_TO', from));
		expect(ne.length).toBe(packed.length - 1);
		// DateComparisonCondition compares the date part.
		const day = orders()
			.find((o) => o.timestamps.packed)!
			.timestamps.packed!.time.slice(0, 10);
		const byDay = await searchAll('/outbound-orders/search', {
			type: 'DateComparisonCondition',
			field: { type: 'JsonField', pointer: '/timestamps/packed/time' },
			value: { type: 'ValueField', value: day },
			method: 'EQUAL_TO',
		});
		expect(byDay.map((o) => o.id).sort()).toEqual(
			orders()
				.filter((o) => o.timestamps.packed?.time.startsWith(day))
				.map((o) => o.id)
				.sort(),
		);
	});

	it('honours Prefer: return=minimal', async () => {
		const res = await search(text('/status', 'DRAFT'), '', { Prefer: 'return=minimal' });
		expect(res.status).toBe(200);
		expect(res.headers['preference-applied']).toBe('return=minimal');
		expect(res.data.length).toBe(9);
		for (const row of res.data) expect(Object.keys(row)).toEqual(['id']);
	});
});

describe('search conformance (issue 13, points 1-3)', () => {
	it('answers a bare leaf 400 "Missing field: conditions" and an empty list 422', async () => {
		const bare = await refusedSearch(text('/status', 'PACKED'));
		expect(bare.status).toBe(400);
		expect(bare.data).toEqual([{ message: 'Missing field: conditions' }]);
		expect(
			(await refusedSearch(text('/generatedFromTask/id', 'x'), '/consignments/search')).status,
		).toBe(400);
		expect((await refusedSearch({ type: 'OrCondition', conditions: [] })).status).toBe(422);
		expect((await search(text('/status', 'PACKED'))).status).toBe(200);
	});

	it('refuses undocumented search fields with 422 and records them unless told they are deliberate', async () => {
		for (const pointer of ['/id', '/type', '/references/numericId']) {
			const res = await refusedSearch(wrap(text(pointer, 'x')));
			expect(res.status).toBe(422);
			expect(res.data[0]).toMatchObject({
				field: '/condition/conditions/0/field/pointer',
				message: `Unsupported search field '${pointer}'`,
			});
		}
		for (const pointer of ['/status', '/customer/id', '/type', '/id']) {
			expect((await refusedSearch(wrap(text(pointer, 'x')), '/consignments/search')).status).toBe(
				422,
			);
		}
		expect(sb.searchViolations).toEqual([]);
		const before = sb.searchViolations.length;
		sb.configure({ strictSearchFields: false });
		const gentle = await api.post(
			T('/consignments/search'),
			{ condition: wrap(text('/status', 'IN_WAREHOUSE')) },
			auth(),
		);
		expect(gentle.status).toBe(200);
		expect(gentle.data.length).toBeGreaterThan(0);
		expect(sb.searchViolations.slice(before)).toEqual([
			{
				endpoint: 'POST /consignments/search',
				kind: 'undocumented-field',
				detail: '/status',
				tolerated: true,
			},
		]);
		sb.searchViolations.length = before;
	});

	it('refuses timestamp ranges by default (422 naming the method) and answers day prefixes; a switch accepts ranges', async () => {
		const packed = orders().find((o) => o.timestamps.packed)!.timestamps.packed!.time;
		const range = wrap({
			type: 'DateTimeComparisonCondition',
			field: { type: 'JsonField', pointer: '/timestamps/packed/time' },
			value: { type: 'ValueField', value: packed },
			method: 'GREATER_THAN_OR_EQUAL_TO',
		});
		const refused = await search(range);
		expect(refused.status).toBe(422);
		expect(refused.data[0]).toMatchObject({
			field: '/condition/conditions/0/method',
			message: expect.stringContaining('GREATER_THAN_OR_EQUAL_TO'),
		});
		const byDay = await searchAll(
			'/outbound-orders/search',
			text('/timestamps/packed/time', packed.slice(0, 10), 'STARTS_WITH'),
		);
		expect(byDay.length).toBe(
			orders().filter((o) => o.timestamps.packed?.time.startsWith(packed.slice(0, 10))).length,
		);
		sb.configure({ timestampRanges: true });
		expect((await search(range)).status).toBe(200);
	});
});

describe('weights (issue 13, point 4)', () => {
	it('sale-order items carry no weight; warehouse products carry it per unit of measure; consignment items carry it', async () => {
		const order = ordersOf('Koala Outdoor Co', 'PACKED')[0];
		for (const item of order.items) expect(item.measures).toEqual({ quantity: expect.any(Number) });
		const ids = order.items.map((i) => i.details.product.id!);
		const res = await api.post(
			T('/warehouse-products/search?size=50'),
			{ condition: { type: 'OrCondition', conditions: ids.map((id) => text('/id', id)) } },
			auth(),
		);
		expect(res.status).toBe(200);
		expect(res.data.map((p: { id: string }) => p.id).sort()).toEqual([...new Set(ids)].sort());
		// The documented shape: an object keyed by the tenant's unit codes, defaultUnitOfMeasure one of them.
		for (const p of res.data) {
			expect(Array.isArray(p.unitOfMeasures)).toBe(false);
			expect(p.unitOfMeasures[p.defaultUnitOfMeasure]).toMatchObject({
				baseQty: expect.any(Number),
			});
			expect(p.unitOfMeasures.units).toMatchObject({ baseQty: 1, weight: expect.any(Number) });
		}
		const tent = (await search(text('/references/customer', 'x'))).status;
		expect(tent).toBe(200);
		const byCode = await api.post(
			T('/warehouse-products/search'),
			{ condition: wrap(text('/code', 'KOA-TENT-2P')) },
			auth(),
		);
		// Under Accept-Version 1 a unit has no dimensions, and a unit the tenant gave no weight has none.
		expect(byCode.data[0]).toMatchObject({
			defaultUnitOfMeasure: 'units',
			references: { code: 'KOA-TENT-2P' },
		});
		expect(byCode.data[0].unitOfMeasures).toEqual({
			units: { baseQty: 1, weight: 2.4, barcode: expect.any(String) },
			cartons: { baseQty: 4 },
			pallets: { baseQty: 80 },
		});
		expect(byCode.data[0]).not.toHaveProperty('code');
		const v8 = await api.get(T(`/warehouse-products/${byCode.data[0].id}`), {
			headers: { ...auth().headers, 'Accept-Version': '8' },
		});
		expect(v8.data.unitOfMeasures.units).toMatchObject({
			length: 500,
			width: 160,
			height: 150,
			isDirectlyShippable: true,
		});
		expect(
			(await api.get(T(`/warehouse-products/${byCode.data[0].id}`), auth())).data.references.code,
		).toBe('KOA-TENT-2P');
		expect(
			(await refusedSearch(wrap(text('/barcode', 'x')), '/warehouse-products/search')).status,
		).toBe(422);
		const cons = await api.post(
			T('/consignments/search'),
			{ condition: wrap(text('/generatedFromTask/id', order.id)) },
			auth(),
		);
		expect(cons.data[0].items[0].measures.weight).toEqual(expect.any(Number));
	});

	it("keys units by each tenant's own codes; sale-order lines name them as the tenant does; the old list shape is a switch", async () => {
		const stove = (
			await api.post(
				T('/warehouse-products/search'),
				{ condition: wrap(text('/code', 'KOA-STOVE-GAS')) },
				auth(),
			)
		).data[0];
		// The docs' Create Warehouse Product example: sold by the carton, which has a baseQty only.
		expect(stove).toMatchObject({
			defaultUnitOfMeasure: 'cartons',
			unitOfMeasures: { units: { baseQty: 1, weight: 0.45 }, cartons: { baseQty: 12 } },
		});
		expect(stove.unitOfMeasures.cartons).not.toHaveProperty('weight');
		const knife = (
			await api.post(
				T('/warehouse-products/search'),
				{ condition: wrap(text('/code', 'KIW-KNIFE-CH')) },
				auth(),
			)
		).data[0];
		expect(knife).toMatchObject({
			defaultUnitOfMeasure: 'EA',
			unitOfMeasures: { EA: { baseQty: 1, weight: 0.25 }, CT: { baseQty: 12 } },
		});
		const lines = orders().flatMap((o) => o.items.map((i) => i.details.unitOfMeasure.type));
		expect(new Set(lines)).toEqual(
			new Set(['UNITS', 'CARTONS', 'Units', 'EA', 'CT', 'ct', 'EACH', 'each', 'CTN']),
		);
		sb.configure({ productUnitsShape: 'list' });
		try {
			const listed = (
				await api.post(
					T('/warehouse-products/search'),
					{ condition: wrap(text('/code', 'KOA-STOVE-GAS')) },
					auth(),
				)
			).data[0];
			expect(listed.unitOfMeasures).toEqual([
				{ type: 'units', quantity: 1, weight: 0.45 },
				{ type: 'cartons', quantity: 12 },
				{ type: 'pallets', quantity: 480 },
			]);
		} finally {
			sb.configure({ productUnitsShape: 'map' });
		}
	});

	it("creates a line naming no unit with the product's default unit, and takes base units of stock for a carton", async () => {
		advance(61); // fresh rate-limit window
		const stove = sb.world.products.find((p) => p.code === 'KOA-STOVE-GAS')!;
		const before = stove.available;
		const body = newOrder('KOA-UOM-1', {
			customer: { references: { code: 'KOA' } },
			items: [
				{
					details: { product: { references: { code: 'KOA-STOVE-GAS' } } },
					measures: { quantity: 2 },
				},
			],
		});
		const created = await api.post(T('/outbound-orders'), body, auth());
		expect(created.status).toBe(201);
		expect(created.data.items[0].details.unitOfMeasure).toEqual({ type: 'cartons' });
		expect(stove.available).toBe(before - 24);
	});
});

describe('Packed status switch (issue 13, point 7)', () => {
	it('with packedStatusEnabled false, no order is PACKED and orders go AWAITING_PICK_AND_PACK to DISPATCHED', async () => {
		const plain = createCartonCloudSandbox({ packedStatusEnabled: false });
		const all = plain.state().outboundOrders;
		expect(all.filter((o) => o.status === 'PACKED')).toEqual([]);
		expect(all.filter((o) => o.timestamps.packed)).toEqual([]);
		const waiting = all.find(
			(o) => o.status === 'AWAITING_PICK_AND_PACK' && o.customer.name === 'Koala Outdoor Co',
		)!;
		expect(() => plain.setOutboundOrderStatus(waiting.id, 'PACKED')).toThrow();
		const dispatched = plain.setOutboundOrderStatus(waiting.id, 'DISPATCHED');
		expect(dispatched.timestamps.dispatched).toBeDefined();
		expect(dispatched.timestamps.packed).toBeUndefined();
		await plain.close();
	});
});

describe('outbound order create, delete, update', () => {
	it('creates 201, 228 REJECTED for stock/product problems, 422 with pointers and DUPLICATE', async () => {
		advance(61); // fresh rate-limit window
		const ok = await api.post(T('/outbound-orders'), newOrder('BON-T-1'), auth());
		expect(ok.status).toBe(201);
		expect(ok.data).toMatchObject({
			type: 'OUTBOUND',
			status: 'AWAITING_PICK_AND_PACK',
			version: 1,
			references: { customer: 'BON-T-1' },
		});
		expect(ok.data.items[0].measures).toEqual({ quantity: 2 });
		expect(ok.data.timestamps.created.time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+10:00$/);
		expect((await api.get(T(`/outbound-orders/${ok.data.id}`), auth())).data.id).toBe(ok.data.id);

		const rejected = await api.post(
			T('/outbound-orders'),
			newOrder('BON-T-2', {
				items: [
					{
						details: {
							product: { references: { code: 'BON-NOPE' } },
							unitOfMeasure: { type: 'UNITS' },
						},
						measures: { quantity: 1 },
					},
					{
						details: {
							product: { references: { code: 'BON-GIFT-BOX' } },
							unitOfMeasure: { type: 'each' },
						},
						measures: { quantity: 100000 },
					},
					// Bondi's units are EACH and CTN: UNITS is not one of them (228, error 10455).
					{
						details: {
							product: { references: { code: 'BON-SERUM-30' } },
							unitOfMeasure: { type: 'UNITS' },
						},
						measures: { quantity: 1 },
					},
				],
			}),
			auth(),
		);
		expect(rejected.status).toBe(228);
		expect(rejected.data.status).toBe('REJECTED');
		expect(rejected.data.details.errors).toHaveLength(3);
		expect(rejected.data.details.errors[1].message).toMatch(
			/BON-SERUM-30.*invalid Unit Of Measure/,
		);
		expect(rejected.data.details.errors[0]).toEqual({
			message: expect.stringContaining('BON-NOPE'),
			isResolved: false,
		});

		const noRef = await api.post(T('/outbound-orders'), newOrder(''), auth());
		expect(noRef.status).toBe(422);
		expect(noRef.data).toContainEqual(expect.objectContaining({ field: '/references/customer' }));
		const order = newOrder('BON-T-3') as { details: { deliver: { address?: unknown } } };
		delete order.details.deliver.address;
		const noAddress = await api.post(T('/outbound-orders'), order, auth());
		expect(noAddress.status).toBe(422);
		expect(noAddress.data).toContainEqual(
			expect.objectContaining({ field: '/details/deliver/address' }),
		);
		const nameless = newOrder('BON-T-4') as {
			details: { deliver: { address: Record<string, unknown> } };
		};
		nameless.details.deliver.address.contactName = '';
		const noNames = await api.post(T('/outbound-orders'), nameless, auth());
		expect(noNames.status).toBe(422);
		expect(noNames.data).toContainEqual(
			expect.objectContaining({ field: '/details/deliver/address/companyName' }),
		);

		const dup = await api.post(T('/outbound-orders'), newOrder('BON-T-1'), auth());
		expect(dup.status).toBe(422);
		expect(dup.data).toEqual([
			expect.objectContaining({
				field: '/references/customer',
				type: 'DUPLICATE',
				details: { duplicateId: ok.data.id },
			}),
		]);
	});

	it('throttles creates after createsPerMinute per client with 429 and no Retry-After', async () => {
		advance(61);
		sb.configure({ createsPerMinute: 3 });
		for (let i = 0; i < 3; i++)
			expect((await api.post(T('/outbound-orders'), newOrder(`BON-RL-${i}`), auth())).status).toBe(
				201,
			);
		const limited = await api.post(T('/outbound-orders'), newOrder('BON-RL-3'), auth());
		expect(limited.status).toBe(429);
		expect(limited.data).toEqual([{ message: 'Rate limiting has been applied' }]);
		expect(limited.headers['retry-after']).toBeUndefined();
		advance(61);
		expect((await api.post(T('/outbound-orders'), newOrder('BON-RL-3'), auth())).status).toBe(201);
	});

	it('answers 405 to PUT and deletes only in allowed statuses', async () => {
		const draft = ordersOf('Bondi Beauty', 'AWAITING_PICK_AND_PACK')[0];
		const put = await api.put(
			T(`/outbound-orders/${draft.id}`),
			draft,
			auth({ 'If-Match': String(draft.version) }),
		);
		expect(put.status).toBe(405);
		expect(put.data).toEqual([{ message: "Request method 'PUT' not supported" }]);
		const packed = ordersOf('Bondi Beauty', 'PACKED')[0];
		expect((await api.delete(T(`/outbound-orders/${packed.id}`), auth())).status).toBe(422);
		expect((await api.delete(T(`/outbound-orders/${draft.id}`), auth())).status).toBe(204);
		expect((await api.get(T(`/outbound-orders/${draft.id}`), auth())).status).toBe(404);
	});

	it('round-trips a PDF document: add, list, get, download', async () => {
		const order = ordersOf('Koala Outdoor Co', 'PACKED')[0];
		const pdf = Buffer.concat([
			Buffer.from('%PDF-1.4\n'),
			Buffer.from([0, 1, 2, 250, 251, 252, 253, 254, 255]),
			Buffer.from('\n%%EOF'),
		]);
		const base = T(`/outbound-orders/${order.id}/documents`);
		expect(
			(
				await api.post(
					base,
					{ type: 'SHIPPING_LABEL', content: { name: 'x.pdf', data: pdf.toString('base64') } },
					auth(),
				)
			).status,
		).toBe(422);
		const created = await api.post(
			base,
			{
				type: 'OUTBOUND_ORDER_INVOICE',
				content: { name: 'label-KOA.pdf', data: pdf.toString('base64') },
			},
			auth(),
		);
		expect(created.status).toBe(201);
		expect(created.data).toEqual({
			id: expect.any(String),
			type: 'OUTBOUND_ORDER_INVOICE',
			owner: { type: 'OUTBOUND', id: order.id },
			content: { name: 'label-KOA.pdf' },
		});
		const list = await api.get(base, auth());
		expect(list.status).toBe(200);
		expect(list.headers['total-elements']).toBe('1');
		expect(list.data).toEqual([
			{ id: created.data.id, type: 'OUTBOUND_ORDER_INVOICE', content: { name: 'label-KOA.pdf' } },
		]);
		const one = await api.get(`${base}/${created.data.id}`, auth());
		expect(Buffer.from(one.data.content.data, 'base64').equals(pdf)).toBe(true);
		const dl = await api.get(`${base}/${created.data.id}/download`, {
			...auth(),
			responseType: 'arraybuffer',
		});
		expect(dl.status).toBe(200);
		expect(dl.headers['content-type']).toBe('application/pdf');
		expect(dl.headers['content-disposition']).toContain('filename="label-KOA.pdf"');
		expect(Buffer.from(dl.data).equals(pdf)).toBe(true);
	});
});

describe('consignments', () => {
	it('finds consignments by /generatedFromTask/id (Or of many ids) and hides the link in responses', async () => {
		const koala = ordersOf('Koala Outdoor Co', 'PACKED').slice(0, 5);
		const bondi = ordersOf('Bondi Beauty', 'PACKED').slice(0, 2);
		const unpacked = ordersOf('Kiwi Kitchenware', 'PICKED').slice(0, 1);
		const ids = [...koala, ...bondi, ...unpacked].map((o) => o.id);
		const res = await api.post(
			T('/consignments/search?size=50'),
			{
				condition: {
					type: 'OrCondition',
					conditions: ids.map((id) => text('/generatedFromTask/id', id)),
				},
			},
			auth(),
		);
		expect(res.status).toBe(200);
		expect(res.data).toHaveLength(5);
		expect(
			res.data.map((c: { references: { customer: string } }) => c.references.customer).sort(),
		).toEqual(koala.map((o) => o.references.customer).sort());
		for (const c of res.data) {
			expect(c).not.toHaveProperty('generatedFromTask');
			expect(c).toMatchObject({
				type: 'CONSIGNMENT',
				status: 'IN_WAREHOUSE',
				details: { type: 'DELIVERY' },
			});
			expect(c.references.tracking).toBeUndefined();
		}
		const bad = ordersOf('Koala Outdoor Co').find(
			(o) => o.references.customer === BAD_ORDER_REFERENCES.unknownCountry,
		)!;
		expect(bad.details.deliver.address.country).toEqual({ name: 'Atlantis' });
	});

	it('PUT needs a fresh If-Match: stale or missing -> 412, fresh -> 200 with version + 1', async () => {
		const order = ordersOf('Kiwi Kitchenware', 'DISPATCHED')[0];
		const found = await api.post(
			T('/consignments/search'),
			{ condition: wrap(text('/generatedFromTask/id', order.id)) },
			auth(),
		);
		const c = found.data[0];
		const path = T(`/consignments/${c.id}`);
		const next = {
			...c,
			references: { ...c.references, tracking: 'NZP123456789' },
			details: {
				...c.details,
				tracking: { companyName: 'NZ Post', url: 'https://track.example/NZP123456789' },
			},
		};
		expect((await api.put(path, next, auth())).status).toBe(412);
		expect((await api.put(path, next, auth({ 'If-Match': String(c.version - 1) }))).status).toBe(
			412,
		);
		const ok = await api.put(path, next, auth({ 'If-Match': String(c.version) }));
		expect(ok.status).toBe(200);
		expect(ok.data.version).toBe(c.version + 1);
		expect(ok.data.references.tracking).toBe('NZP123456789');
		const again = await api.get(path, auth());
		expect(again.data.details.tracking).toEqual({
			companyName: 'NZ Post',
			url: 'https://track.example/NZP123456789',
		});
		expect((await api.put(path, next, auth({ 'If-Match': String(c.version) }))).status).toBe(412);
		// The link survives the PUT although the client never sees it.
		const relinked = await api.post(
			T('/consignments/search'),
			{ condition: wrap(text('/generatedFromTask/id', order.id)) },
			auth(),
		);
		expect(relinked.data.map((x: { id: string }) => x.id)).toEqual([c.id]);
	});
});

describe('webhooks, control and faults', () => {
	it('delivers a status-change webhook with the configured header and creates the consignment on PACKED', async () => {
		const received: { headers: http.IncomingHttpHeaders; body: OutboundOrder }[] = [];
		const receiver = http.createServer((req, res) => {
			const chunks: Buffer[] = [];
			req.on('data', (c) => chunks.push(c));
			req.on('end', () => {
				received.push({ headers: req.headers, body: JSON.parse(Buffer.concat(chunks).toString()) });
				res.end('ok');
			});
		});
		await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
		try {
			const port = (receiver.address() as AddressInfo).port;
			const cfg = await api.post(`${url}/_sandbox/config`, {
				webhookUrl: `http://127.0.0.1:${port}/hook`,
				webhookHeaders: { 'X-Sandbox-Secret': 's3cret' },
			});
			expect(cfg.status).toBe(200);
			const order = ordersOf('Koala Outdoor Co', 'AWAITING_PICK_AND_PACK')[0];
			const res = await api.post(`${url}/_sandbox/outbound-orders/${order.id}/status`, {
				status: 'PACKED',
			});
			expect(res.status).toBe(200);
			expect(res.data.version).toBe(order.version + 1);
			expect(res.data.timestamps.packed.time).toMatch(/\+10:00$/);
			const deliveries = await sb.flushWebhooks();
			expect(deliveries.at(-1)!.status).toBe(200);
			// Every entity type goes to the one URL (issue 13, point 6): the generated consignment too.
			expect(received).toHaveLength(2);
			for (const r of received) expect(r.headers['x-sandbox-secret']).toBe('s3cret');
			const bodies = received.map((r) => r.body as { type: string });
			expect(bodies.find((b) => b.type === 'OUTBOUND')).toMatchObject({
				id: order.id,
				type: 'OUTBOUND',
				status: 'PACKED',
			});
			expect(bodies.find((b) => b.type === 'CONSIGNMENT')).toMatchObject({
				type: 'CONSIGNMENT',
				references: { customer: order.references.customer },
			});
			const cons = await api.post(
				T('/consignments/search'),
				{ condition: wrap(text('/generatedFromTask/id', order.id)) },
				auth(),
			);
			expect(cons.data).toHaveLength(1);
			expect(cons.data[0].references.customer).toBe(order.references.customer);
			const doc = await api.post(
				T(`/outbound-orders/${order.id}/documents`),
				{ type: 'OUTBOUND_ORDER_INVOICE', content: { name: 'label.pdf', data: 'JVBERi0xLjQK' } },
				auth(),
			);
			expect(doc.status).toBe(201);
			await sb.flushWebhooks();
			expect(received.at(-1)!.body).toEqual({
				id: doc.data.id,
				type: 'OUTBOUND_ORDER_INVOICE',
				owner: { type: 'OUTBOUND', id: order.id },
				content: { name: 'label.pdf' },
			});
		} finally {
			await new Promise((r) => receiver.close(r));
		}
	});

	it('injects a 503 and then recovers', async () => {
		const endpoint = 'POST /tenants/:tenantId/outbound-orders/search';
		const before = sb.server.count(endpoint);
		expect(
			(
				await api.post(`${url}/_sandbox/faults`, {
					endpoint,
					faults: [{ kind: 'status', status: 503 }],
				})
			).status,
		).toBe(204);
		expect((await search(text('/status', 'DRAFT'))).status).toBe(503);
		expect((await search(text('/status', 'DRAFT'))).status).toBe(200);
		expect(sb.server.count(endpoint)).toBe(before + 2);
	});

	it('serves credentials, customers and state through the control and API', async () => {
		const cred = await api.get(`${url}/_sandbox/credentials`);
		expect(cred.data).toMatchObject({
			clientId: 'sandbox-client',
			clientSecret: 'sandbox-secret',
			tenantId: sb.tenantId,
		});
		const customers = await api.get(T('/customers'), auth());
		expect(customers.status).toBe(200);
		expect(customers.headers['total-elements']).toBe('3');
		expect(customers.data.map((c: { name: string }) => c.name).sort()).toEqual([
			'Bondi Beauty',
			'Kiwi Kitchenware',
			'Koala Outdoor Co',
		]);
		const created = await api.post(
			T('/customers'),
			{
				scope: 'CUSTOMER',
				references: { code: 'TAS' },
				name: 'Tassie Tea',
				email: null,
				telephone: null,
			},
			auth(),
		);
		expect(created.status).toBe(201);
		expect((await api.get(T(`/customers/${created.data.id}`), auth())).data.name).toBe(
			'Tassie Tea',
		);
		const state = (await api.get(`${url}/_sandbox/state`)).data;
		expect(state.documents.every((d: Record<string, unknown>) => !('data' in d))).toBe(true);
		const reset = await api.post(`${url}/_sandbox/reset`, { seed: true });
		expect(reset.status).toBe(200);
		expect(sb.state().outboundOrders).toHaveLength(213);
		expect(sb.state().customers).toHaveLength(3);
	});
});
