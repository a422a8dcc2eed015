/**
 * Tests of the Starshipit sandbox over real HTTP (127.0.0.1). Each test asserts the behaviour a
 * client depends on, so it fails if the sandbox drifts from the reference or its documented choices.
 */
import axios, { type AxiosInstance } from 'axios';
import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
	INVALID_SUBSCRIPTION_KEY,
	MISSING_SUBSCRIPTION_KEY,
	createStarshipitSandbox,
	type StarshipitSandbox,
} from './starshipit/index.mts';
import { configurePrinting } from './starshipit/lifecycle.mts';

const SUB = 'sandbox-subscription-key';
const KEY = 'sandbox-api-key';
const CHILD = 'sandbox-child-api-key';

let sandbox: StarshipitSandbox;
let api: AxiosInstance;
let raw: AxiosInstance;
const received: { headers: http.IncomingHttpHeaders; body: string }[] = [];
let receiver: http.Server;
let receiverUrl = '';

const client = (apiKey = KEY) =>
	axios.create({
		baseURL: sandbox.url,
		validateStatus: () => true,
		headers: { 'Ocp-Apim-Subscription-Key': SUB, 'StarShipIT-Api-Key': apiKey },
	});

function order(n: string | number, extra: Record<string, unknown> = {}) {
	return {
		order_number: String(n),
		reference: `ref-${n}`,
		destination: {
			name: `Customer ${n}`,
			street: '1 George St',
			suburb: 'Sydney',
			state: 'NSW',
			post_code: '2000',
			country: 'Australia',
		},
		items: [{ sku: 'SKU-1', description: 'Widget', quantity: 2, weight: 0.5, value: 10 }],
		...extra,
	};
}

async function create(n: string | number, extra: Record<string, unknown> = {}, c = api) {
	const res = await c.post('/api/orders', { order: order(n, extra) });
	expect(res.status, JSON.stringify(res.data)).toBe(200);
	return res.data.order as { order_id: number; order_number: string };
}

/** A PDF a reader can open: header, EOF marker, startxref -> "xref", every xref offset -> "N 0 obj", stream lengths. */
function expectValidPdf(buffer: Buffer): string {
	const text = buffer.toString('latin1');
	expect(text.startsWith('%PDF-1.4\n')).toBe(true);
	expect(text.endsWith('%%EOF')).toBe(true);
	const start = /startxref\n(\d+)\n%%EOF$/.exec(text);
	expect(start).not.toBeNull();
	const xrefAt = Number(start![1]);
	expect(text.slice(xrefAt, xrefAt + 4)).toBe('xref');
	const head = /^xref\n0 (\d+)\n/.exec(text.slice(xrefAt))!;
	const count = Number(head[1]);
	const entries = text.slice(xrefAt + head[0].length, xrefAt + head[0].length + count * 20);
	expect(entries.slice(0, 20)).toBe('0000000000 65535 f \n');
	for (let id = 1; id < count; id++) {
		const offset = Number(entries.slice(id * 20, id * 20 + 10));
		expect(text.slice(offset, offset + `${id} 0 obj`.length)).toBe(`${id} 0 obj`);
	}
	for (const m of text.matchAll(/<< \/Length (\d+) >>\nstream\n/g)) {
		const begin = m.index! + m[0].length;
		expect(text.slice(begin + Number(m[1]), begin + Number(m[1]) + 10)).toBe('\nendstream');
	}
	expect(text).toContain('/Type /Catalog');
	return text;
}

beforeAll(async () => {
	receiver = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
			res.writeHead(200).end('ok');
		});
	});
	await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
	receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
	sandbox = createStarshipitSandbox({ ratePerSecond: 1000, burst: 1000 });
	await sandbox.listen(0);
	api = client();
	raw = axios.create({ baseURL: sandbox.url, validateStatus: () => true });
});

afterAll(async () => {
	await sandbox.close();
	receiver.closeAllConnections();
	await new Promise((r) => receiver.close(r));
});

beforeEach(() => {
	sandbox.reset();
	received.length = 0;
});

describe('gateway and authentication', () => {
	it('rejects a missing subscription key with the APIM 401 shape', async () => {
		const res = await raw.get('/api/health', { headers: { 'StarShipIT-Api-Key': KEY } });
		expect(res.status).toBe(401);
		expect(res.data).toEqual({ statusCode: 401, message: MISSING_SUBSCRIPTION_KEY });
	});

	it('rejects an unknown subscription key with the APIM 401 shape', async () => {
		const res = await raw.get('/api/health', {
			headers: { 'Ocp-Apim-Subscription-Key': 'nope', 'StarShipIT-Api-Key': KEY },
		});
		expect(res.status).toBe(401);
		expect(res.data).toEqual({ statusCode: 401, message: INVALID_SUBSCRIPTION_KEY });
	});

	it('rejects a missing or unknown API key with 403 {statusCode, message}, even when app errors are 200', async () => {
		sandbox.configure({ appErrorsAs200: true });
		for (const headers of [
			{ 'Ocp-Apim-Subscription-Key': SUB },
			{ 'Ocp-Apim-Subscription-Key': SUB, 'StarShipIT-Api-Key': 'wrong' },
		]) {
			const res = await raw.get('/api/health', { headers });
			expect(res.status).toBe(403);
			expect(res.data).toEqual({
				statusCode: 403,
				message: 'Invalid or missing StarShipIT-Api-Key',
			});
		}
	});

	it('accepts header names in any case and answers the health check', async () => {
		const res = await raw.get('/api/health', {
			headers: { 'OCP-APIM-SUBSCRIPTION-KEY': SUB, 'starshipit-api-key': KEY },
		});
		expect(res.status).toBe(200);
		expect(res.data.success).toBe(true);
	});

	it('answers 429 with Retry-After once a second holds 2 calls (a sliding window), and recovers as the window moves on', async () => {
		let now = Date.parse('2025-01-01T00:00:00Z');
		const limited = createStarshipitSandbox({
			ratePerSecond: 2,
			burst: 2,
			now: () => new Date(now),
		});
		const url = await limited.listen(0);
		try {
			const c = axios.create({
				baseURL: url,
				validateStatus: () => true,
				headers: { 'Ocp-Apim-Subscription-Key': SUB, 'StarShipIT-Api-Key': KEY },
			});
			const statuses = [(await c.get('/api/health')).status, (await c.get('/api/health')).status];
			const third = await c.get('/api/health');
			expect(statuses).toEqual([200, 200]);
			expect(third.status).toBe(429);
			expect(third.headers['retry-after']).toBe('1');
			expect(third.data).toEqual({
				statusCode: 429,
				message: 'Rate limit is exceeded. Try again in 1 seconds.',
			});
			now += 500; // a token bucket would have a call again here; the window still holds both
			expect((await c.get('/api/health')).status).toBe(429);
			now += 500; // the first two calls leave the window together
			expect((await c.get('/api/health')).status).toBe(200);
			expect((await c.get('/api/health')).status).toBe(200);
			expect((await c.get('/api/health')).status).toBe(429);
			expect(limited.server.count('GET /api/health')).toBe(7);
		} finally {
			await limited.close();
		}
	});
});

describe('orders', () => {
	it('creates an order with the full object; accepts a repeated order_number by default, refuses it when strict', async () => {
		const created = await create('SO-1001');
		expect(Number.isInteger(created.order_id)).toBe(true);
		const full = (await api.get('/api/orders', { params: { order_id: created.order_id } })).data
			.order;
		expect(full).toMatchObject({
			order_number: 'SO-1001',
			status: 'Unshipped',
			archived: false,
			manifested: false,
			carrier: '',
		});
		expect(full.order_date).toMatch(/Z$/);
		expect(full.last_updated).toMatch(/Z$/);
		expect(full.items[0]).toMatchObject({ sku: 'SKU-1', quantity: 2 });
		expect(Number.isInteger(full.items[0].item_id)).toBe(true);
		expect(full.packages).toEqual([expect.objectContaining({ name: 'Default', weight: 1 })]);
		const second = await api.post('/api/orders', { order: order('SO-1001') });
		expect(second.status).toBe(200);
		expect(second.data.order.order_id).toBeGreaterThan(created.order_id);
		sandbox.configure({ strictDuplicates: true });
		const dup = await api.post('/api/orders', { order: order('SO-1001') });
		expect(dup.status).toBe(400);
		expect(dup.data).toEqual({
			success: false,
			errors: [
				{
					message: 'Order number already exists',
					details: `Order number 'SO-1001' already exists (order_id ${created.order_id})`,
				},
			],
		});
		sandbox.configure({ appErrorsAs200: true });
		const dup200 = await api.post('/api/orders', { order: order('SO-1001') });
		expect(dup200.status).toBe(200);
		expect(dup200.data.success).toBe(false);
		sandbox.configure({ strictDuplicates: false, appErrorsAs200: false });
	});

	it('keeps each API key (account) separate', async () => {
		await create('SO-PARENT');
		const child = await client(CHILD).get('/api/orders', { params: { order_number: 'SO-PARENT' } });
		expect(child.status).toBe(404);
		expect(child.data.success).toBe(false);
		await create('SO-PARENT', {}, client(CHILD)); // same number is fine in another account
	});

	it('imports 50 orders, rejects 51, and reports per-order failures (strict duplicates)', async () => {
		sandbox.configure({ strictDuplicates: true });
		const fifty = Array.from({ length: 50 }, (_, i) => order(`IMP-${i}`));
		const ok = await api.post('/api/orders/import', { orders: fifty });
		expect(ok.status).toBe(200);
		expect(ok.data.success).toBe(true);
		expect(ok.data.orders).toHaveLength(50);
		const tooMany = await api.post('/api/orders/import', {
			orders: [...Array.from({ length: 51 }, (_, i) => order(`BIG-${i}`))],
		});
		expect(tooMany.status).toBe(400);
		expect(tooMany.data.errors[0].details).toContain('maximum of 50');
		expect((await api.get('/api/orders', { params: { order_number: 'BIG-0' } })).status).toBe(404);
		const mixed = await api.post('/api/orders/import', {
			orders: [order('MIX-1'), order('MIX-2', { reference: 'x'.repeat(51) }), order('IMP-3')],
		});
		expect(mixed.status).toBe(200);
		expect(mixed.data.success).toBe(false);
		expect(mixed.data.orders.map((o: { order_number: string }) => o.order_number)).toEqual([
			'MIX-1',
		]);
		expect(mixed.data.errors.map((e: { details: string }) => e.details)).toEqual([
			'reference: must be at most 50 characters (order MIX-2)',
			expect.stringContaining("Order number 'IMP-3' already exists"),
		]);
		sandbox.configure({ strictDuplicates: false });
	});

	it('answers an import late when asked: 504 first, applied after the next requests', async () => {
		sandbox.applyImportsLate(1, 2);
		const late = await api.post('/api/orders/import', { orders: [order('LATE-1')] });
		expect(late.status).toBe(504);
		expect((await api.get('/api/orders', { params: { order_number: 'LATE-1' } })).status).toBe(404);
		expect((await api.get('/api/orders', { params: { order_number: 'LATE-1' } })).status).toBe(200);
		expect(sandbox.pendingLateImports).toBe(0);
	});

	it('keeps printed, unshipped orders in their own tab (GET /api/orders/shipments?status=unmanifested)', async () => {
		const a = await create('TAB-1');
		const b = await create('TAB-2');
		await api.post('/api/orders/shipment', { order_id: b.order_id });
		const since = new Date(Date.now() - 86400_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
		const unshipped = (
			await api.get('/api/orders/unshipped', { params: { since_last_updated: since } })
		).data;
		expect(unshipped.orders.map((o: { order_id: number }) => o.order_id)).toEqual([a.order_id]);
		expect(unshipped.total_pages).toBe(1);
		expect(
			(await api.get('/api/orders/shipped', { params: { since_last_updated: since } })).data.orders,
		).toEqual([]);
		const printed = (
			await api.get('/api/orders/shipments', {
				params: { status: 'unmanifested', since_created_date: since },
			})
		).data;
		expect(printed).toMatchObject({ success: true, status: 'unmanifested', total_pages: 1 });
		expect(printed.orders).toEqual([
			expect.objectContaining({
				order_id: b.order_id,
				order_number: 'TAB-2',
				tracking_numbers: [expect.any(String)],
			}),
		]);
		expect((await api.get('/api/orders/shipments', { params: { status: 'printed' } })).status).toBe(
			400,
		);
		const ids = (
			await api.get('/api/orders/unshipped', {
				params: { since_last_updated: since, ids_only: 'true' },
			})
		).data;
		expect(ids).toEqual({ success: true, order_ids: [a.order_id], total_pages: 1 });
	});

	it('names the order and the field in validation errors (lengths, country names, kg, metres)', async () => {
		const bad = order('SO-V1', {
			destination: { name: 'A', street: 'B', suburb: 'C', post_code: '12345678901', country: 'AU' },
			items: [{ sku: 'S', quantity: 1, weight: 2500 }],
			packages: [{ weight: 1, height: 30, width: 0.2, length: 0.2 }],
		});
		const res = await api.post('/api/orders', { order: bad });
		expect(res.status).toBe(400);
		const details = res.data.errors.map((e: { details: string }) => e.details);
		expect(details).toContain('destination.post_code: must be at most 10 characters (order SO-V1)');
		expect(details).toContainEqual(
			expect.stringMatching(/^destination\.country: must be a country name .*\(order SO-V1\)$/),
		);
		expect(details).toContainEqual(
			expect.stringMatching(/^items\[0\]\.weight: .*kg.*\(order SO-V1\)$/),
		);
		expect(details).toContainEqual(
			expect.stringMatching(/^packages\[0\]\.height: .*metres.*\(order SO-V1\)$/),
		);
		expect(
			res.data.errors.every((e: { message: string }) => e.message === 'Validation failed'),
		).toBe(true);
		const noDest = await api.post('/api/orders', { order: { order_number: 'SO-V2' } });
		expect(noDest.data.errors[0].details).toBe('destination: is required (order SO-V2)');
		const tooLong = await api.post('/api/orders', { order: order('x'.repeat(51)) });
		expect(tooLong.data.errors[0].details).toMatch(/^order_number: must be at most 50 characters/);
	});

	it('pages unshipped orders with limit/page and total_pages, and enforces the 24 h default window on last update', async () => {
		await api.post('/api/orders/import', {
			orders: Array.from({ length: 7 }, (_, i) => order(`PG-${i}`)),
		});
		await create('OLD-1', { order_date: new Date(Date.now() - 3 * 86400_000).toISOString() });
		// "default: orders updated in the last 24 hours" (rknell/starshipit_dart orders_api.dart): an
		// old order updated now is listed; one last updated two days ago is not.
		expect(
			(await api.get('/api/orders/unshipped', { params: { limit: 250 } })).data.orders,
		).toHaveLength(8);
		sandbox.state.findByNumber(sandbox.state.accountByKey(), 'OLD-1')!.order.last_updated =
			new Date(Date.now() - 2 * 86400_000).toISOString();
		const pages = [];
		for (let page = 1; page <= 3; page++)
			pages.push((await api.get('/api/orders/unshipped', { params: { limit: 3, page } })).data);
		expect(pages.map((p) => p.orders.length)).toEqual([3, 3, 1]);
		expect(pages.map((p) => p.total_pages)).toEqual([3, 3, 3]);
		const numbers = pages.flatMap((p) =>
			p.orders.map((o: { order_number: string }) => o.order_number),
		);
		expect(numbers).toEqual(Array.from({ length: 7 }, (_, i) => `PG-${i}`));
		expect(pages[0].orders[0].items).toHaveLength(1); // full objects
		const since = new Date(Date.now() - 7 * 86400_000).toISOString();
		const all = await api.get('/api/orders/unshipped', {
			params: { since_order_date: since, limit: 250 },
		});
		expect(all.data.orders).toHaveLength(8);
		expect((await api.get('/api/orders/unshipped', { params: { limit: 251 } })).status).toBe(400);
		expect(
			(
				await api.get('/api/orders/unshipped', {
					params: { since_order_date: '2025-01-01T00:00:00+10:00' },
				})
			).status,
		).toBe(400);
	});

	it('updates unshipped orders, but only status once printed', async () => {
		const { order_id } = await create('UPD-1');
		const upd = await api.put('/api/orders', {
			order: { order_id, reference: 'new-ref', items: [{ sku: 'SKU-2', quantity: 1, weight: 1 }] },
		});
		expect(upd.status).toBe(200);
		expect(upd.data.order.reference).toBe('new-ref');
		expect(upd.data.order.items).toHaveLength(2); // a line without item_id is added
		await api.post('/api/orders/shipment', { order_id });
		const blocked = await api.put('/api/orders', { order: { order_id, reference: 'late' } });
		expect(blocked.status).toBe(400);
		expect(blocked.data.errors[0].details).toContain('only status can be changed');
		expect(
			(await api.put('/api/orders', { order: { order_id, status: 'Shipped' } })).data.order.status,
		).toBe('Shipped');
	});

	it('deletes unshipped orders by order_id in the query only; strict duplicates keep a deleted number blocked', async () => {
		const a = await create('DEL-1');
		expect(
			(
				await api.delete('/api/orders/delete', {
					data: { order_ids: [a.order_id], remove_from_database: true },
				})
			).status,
		).toBe(400);
		expect(
			(await api.delete('/api/orders/delete', { params: { order_id: a.order_id } })).data,
		).toEqual({ success: true });
		await create('DEL-1'); // default: numbers may repeat, so a deleted one can be used again
		sandbox.configure({ strictDuplicates: true });
		const b = await create('DEL-2');
		await api.delete('/api/orders/delete', { params: { order_id: b.order_id } });
		const again = await api.post('/api/orders', { order: order('DEL-2') });
		expect(again.status).toBe(400);
		expect(again.data.errors[0].details).toContain('DEL-2');
		sandbox.configure({ strictDuplicates: false });
		const printed = await create('DEL-3');
		await api.post('/api/orders/shipment', { order_id: printed.order_id });
		expect(
			(await api.delete('/api/orders/delete', { params: { order_id: printed.order_id } })).status,
		).toBe(400);
	});

	it('archives printed orders (order_id in query or body) and restores them', async () => {
		const { order_id } = await create('ARC-1');
		expect((await api.post('/api/orders/archive', {}, { params: { order_id } })).status).toBe(400); // unshipped
		await api.post('/api/orders/shipment', { order_id });
		expect((await api.post('/api/orders/archive', {}, { params: { order_id } })).data).toEqual({
			success: true,
		});
		expect((await api.get('/api/orders', { params: { order_id } })).data.order.archived).toBe(true);
		expect((await api.post('/api/orders/restore', { order_id })).data).toEqual({ success: true });
		expect((await api.get('/api/orders', { params: { order_id } })).data.order.archived).toBe(
			false,
		);
	});

	it('searches by order number, name and tracking number with total_pages', async () => {
		for (let i = 0; i < 5; i++) await create(`SRCH-${i}`);
		const first = await api.get('/api/orders/search', { params: { phrase: 'srch', limit: 2 } });
		expect(first.data.total_pages).toBe(3);
		expect(first.data.orders[0]).toEqual({
			order_id: expect.any(Number),
			order_date: expect.any(String),
			order_number: 'SRCH-0',
			name: 'Customer SRCH-0',
			carrier_name: '',
			tracking_number: '',
			country: 'Australia',
		});
		expect(
			(await api.get('/api/orders/search', { params: { phrase: 'srch', limit: 2, page: 3 } })).data
				.orders,
		).toHaveLength(1);
		const printed = await api.post('/api/orders/shipment', { order_number: 'SRCH-3' });
		const byTracking = await api.get('/api/orders/search', {
			params: { phrase: printed.data.tracking_numbers[0] },
		});
		expect(byTracking.data.orders.map((o: { order_number: string }) => o.order_number)).toEqual([
			'SRCH-3',
		]);
		expect(
			(await api.get('/api/orders/search', { params: { phrase: 'customer srch-4' } })).data.orders,
		).toHaveLength(1);
		// fields=TheirRef searches `reference` only; Order_Number the number only.
		expect(
			(
				await api.get('/api/orders/search', {
					params: { phrase: 'ref-srch-1', fields: 'TheirRef' },
				})
			).data.orders.map((o: { order_number: string }) => o.order_number),
		).toEqual(['SRCH-1']);
		expect(
			(
				await api.get('/api/orders/search', {
					params: { phrase: 'customer', fields: 'Order_Number' },
				})
			).data.orders,
		).toEqual([]);
		// status: Unshipped and Shipped; a printed order is in neither (the sandbox's hard reading), only in All.
		expect(
			(await api.get('/api/orders/search', { params: { phrase: 'srch', status: 'Unshipped' } }))
				.data.orders,
		).toHaveLength(4);
		expect(
			(await api.get('/api/orders/search', { params: { phrase: 'srch', status: 'Shipped' } })).data
				.orders,
		).toHaveLength(0);
		expect(
			(await api.get('/api/orders/search', { params: { phrase: 'srch', status: 'Printed' } }))
				.status,
		).toBe(400);
		// `phrase` is optional (MindCloud search-orders.md; rknell/starshipit_dart).
		expect((await api.get('/api/orders/search')).data.orders).toHaveLength(5);
	});

	it('GET /api/orders: one order by id or number in any tab; the list form defaults to Unshipped and answers `order` as a list', async () => {
		const a = await create('GO-1');
		const b = await create('GO-2');
		await api.post('/api/orders/shipment', { order_id: b.order_id });
		sandbox.advanceOrder('GO-2', 'InTransit');
		// TAP reads shipped orders back by order_id, bedrock manifested ones by order_number, without status.
		expect(
			(await api.get('/api/orders', { params: { order_number: 'GO-2' } })).data.order,
		).toMatchObject({ order_id: b.order_id, status: 'Shipped' });
		expect(
			(await api.get('/api/orders', { params: { order_number: 'GO-2', status: 'Unshipped' } }))
				.status,
		).toBe(404);
		expect(
			(await api.get('/api/orders', { params: { order_number: 'GO-2', status: 'Shipped' } }))
				.status,
		).toBe(200);
		const list = (await api.get('/api/orders')).data;
		expect(list.order.map((o: { order_id: number }) => o.order_id)).toEqual([a.order_id]);
		expect(list).not.toHaveProperty('total_pages');
		expect(
			(await api.get('/api/orders', { params: { status: 'Shipped' } })).data.order.map(
				(o: { order_id: number }) => o.order_id,
			),
		).toEqual([b.order_id]);
		expect((await api.get('/api/orders', { params: { page_size: 501 } })).status).toBe(400);
		expect((await api.get('/api/orders', { params: { status: 'Delivered' } })).status).toBe(400);
	});
});

describe('labels, manifests, tracking', () => {
	it('prints one real PDF label and tracking number per package; reprint returns the same', async () => {
		const { order_id } = await create('LBL-1', {
			packages: [{ weight: 1, height: 0.1, width: 0.2, length: 0.3 }, { weight: 2 }],
		});
		const res = await api.post('/api/orders/shipment', { order_id });
		expect(res.status).toBe(200);
		expect(res.data).toMatchObject({
			success: true,
			order_id,
			order_number: 'LBL-1',
			carrier_name: 'Plain Label',
			label_types: ['PDF', 'PDF'],
		});
		expect(res.data.tracking_numbers).toHaveLength(2);
		expect(res.data.tracking_numbers[0]).toMatch(/^SS\d{10}$/);
		const text = expectValidPdf(Buffer.from(res.data.labels[0], 'base64'));
		expect(text).toContain('/MediaBox [0 0 283 425]');
		expect(text).toContain(`(Tracking: ${res.data.tracking_numbers[0]}) Tj`);
		expect(text).toContain('(Order: LBL-1) Tj');
		const full = (await api.get('/api/orders', { params: { order_id } })).data.order;
		expect(full).toMatchObject({
			status: 'Printed',
			tracking_status: 'Printed',
			carrier: 'PlainLabel',
		});
		// Each package carries its tracking (full_order_package.dart; bedrock reads packages[0].tracking_number, tracking_url).
		expect(full.packages[0]).toMatchObject({
			tracking_number: full.tracking_number,
			tracking_url: expect.stringMatching(/^https:/),
			label_created_date: expect.stringMatching(/Z$/),
		});
		// Order events as the docs' Event model: {time, category, name, method, description} (event.dart).
		expect(full.events.map((e: { name: string }) => e.name)).toEqual(['Created', 'Printed']);
		expect(Object.keys(full.events[0])).toEqual([
			'time',
			'category',
			'name',
			'method',
			'description',
		]);
		const reprint = await api.post('/api/orders/shipment', { order_id, reprint: true });
		expect(reprint.data.tracking_numbers).toEqual(res.data.tracking_numbers);
		expect(reprint.data.labels).toEqual(res.data.labels);
		// UNCONFIRMED, hard by default: a second print is accepted and buys new labels.
		const twice = await api.post('/api/orders/shipment', { order_id });
		expect(twice.status).toBe(200);
		expect(twice.data.tracking_numbers).not.toEqual(res.data.tracking_numbers);
		configurePrinting(sandbox.state, { refuseSecondPrint: true });
		const refused = await api.post('/api/orders/shipment', { order_id });
		expect(refused.status).toBe(400);
		expect(refused.data.errors[0].message).toBe('Order already printed');
		const never = await create('LBL-2');
		expect(
			(await api.post('/api/orders/shipment', { order_id: never.order_id, reprint: true })).status,
		).toBe(400);
	});

	it('bulk-prints labels without tracking numbers', async () => {
		const a = await create('BULK-1');
		const b = await create('BULK-2');
		const res = await api.post('/api/orders/shipments', { order_ids: [a.order_id, b.order_id] });
		expect(res.status).toBe(200);
		expect(res.data.success).toBe(true);
		// rknell/starshipit_dart print_labels_label.dart: no order id per file; newest order first.
		expect(res.data.labels).toEqual([
			{ label_type: 'PDF', label_base64_string: expect.any(String) },
			{ label_type: 'PDF', label_base64_string: expect.any(String) },
		]);
		expect(JSON.stringify(res.data)).not.toMatch(/tracking/i);
		expect(expectValidPdf(Buffer.from(res.data.labels[0].label_base64_string, 'base64'))).toContain(
			'(Order: BULK-2) Tj',
		);
		expect(
			(await api.get('/api/orders', { params: { order_id: a.order_id } })).data.order
				.tracking_number,
		).toMatch(/^SS/);
	});

	it('manifests printed orders: {label_type, pdf, success} with no manifest number; refuses unprinted or already manifested ones', async () => {
		const a = await create('MAN-1');
		const b = await create('MAN-2');
		const unprinted = await api.post('/api/orders/manifest', { order_ids: [a.order_id] });
		expect(unprinted.status).toBe(400);
		expect(unprinted.data.errors[0].details).toContain('MAN-1');
		await api.post('/api/orders/shipments', { order_ids: [a.order_id, b.order_id] });
		const res = await api.post('/api/orders/manifest', { order_ids: [a.order_id, b.order_id] });
		expect(res.status).toBe(200);
		// rknell/starshipit_dart manifest_orders_response.dart: label_type, pdf, success, errors.
		expect(Object.keys(res.data)).toEqual(['label_type', 'pdf', 'success']);
		expect(expectValidPdf(Buffer.from(res.data.pdf, 'base64'))).toContain('MAN-2');
		const full = (await api.get('/api/orders', { params: { order_id: a.order_id } })).data.order;
		expect(full).toMatchObject({
			manifested: true,
			manifest_number: expect.any(Number),
			tracking_status: 'Manifested',
			status: 'Shipped',
		});
		expect((await api.post('/api/orders/manifest', { order_ids: [a.order_id] })).status).toBe(400);
	});

	it('answers a manifest of carriers that send no PDF (TNT, per the Odoo connector) as a success without pdf', async () => {
		const a = await create('MAN-TNT');
		await api.post('/api/orders/shipment', { order_id: a.order_id, carrier: 'TNT' });
		const res = await api.post('/api/orders/manifest', { order_ids: [a.order_id] });
		expect(res.status).toBe(200);
		expect(res.data).toEqual({ success: true });
		expect(
			(await api.get('/api/orders', { params: { order_id: a.order_id } })).data.order,
		).toMatchObject({ manifested: true, carrier: 'TNT' });
	});

	it('tracks by order number and tracking number with human event texts', async () => {
		await create('TRK-1');
		const printed = await api.post('/api/orders/shipment', { order_number: 'TRK-1' });
		sandbox.advanceOrder('TRK-1', 'InTransit');
		const res = await api.get('/api/track', { params: { order_number: 'TRK-1' } });
		expect(res.status).toBe(200);
		expect(res.data.results).toMatchObject({
			order_number: 'TRK-1',
			order_status: 'Shipped',
			carrier_name: 'Plain Label',
			tracking_number: printed.data.tracking_numbers[0],
			tracking_status: 'InTransit',
			tracking_url: expect.stringContaining(printed.data.tracking_numbers[0]),
		});
		expect(res.data.results.tracking_events.map((e: { status: string }) => e.status)).toEqual([
			'Label Printed',
			'In Transit',
		]);
		const byNumber = await api.get('/api/track', {
			params: { tracking_number: printed.data.tracking_numbers[0] },
		});
		expect(byNumber.data.results.order_number).toBe('TRK-1');
		expect((await api.get('/api/track')).status).toBe(400);
	});

	it('lists dispatched orders as shipped summary rows without items', async () => {
		await create('SHP-1');
		await create('SHP-2');
		const ship = await raw.post('/_sandbox/orders/ship-all', { apiKey: KEY });
		expect(ship.data).toEqual({ success: true, count: 2 });
		const res = await api.get('/api/orders/shipped');
		expect(res.data.orders).toHaveLength(2);
		const row = res.data.orders[0];
		expect(row).toMatchObject({
			order_number: 'SHP-1',
			carrier: 'PlainLabel',
			carrier_name: 'Plain Label',
			tracking_short_status: 'Dispatched',
			name: 'Customer SHP-1',
		});
		expect(row.tracking_number).toMatch(/^SS\d+$/);
		expect(row.shipped_date).toMatch(/Z$/);
		expect(row).not.toHaveProperty('items');
		expect((await api.get('/api/orders/unshipped')).data.orders).toHaveLength(0);
	});

	it('sends signed tracking webhooks to the configured receiver', async () => {
		await raw.post('/_sandbox/config', { webhookUrl: receiverUrl, webhookSecret: 's3cret' });
		await create('WH-1');
		const printed = await raw.post('/_sandbox/orders/print', { order_number: 'WH-1' });
		expect(printed.status).toBe(200);
		await raw.post('/_sandbox/orders/advance', {
			order_number: 'WH-1',
			tracking_status: 'Delivered',
		});
		await sandbox.flushWebhooks();
		expect(received).toHaveLength(2);
		for (const hit of received) {
			const expected = createHmac('sha256', 's3cret').update(hit.body).digest('hex');
			expect(hit.headers['x-starshipit-signature']).toBe(expected);
			expect(hit.headers['content-type']).toBe('application/json');
		}
		expect(JSON.parse(received[1].body)).toEqual({
			order_number: 'WH-1',
			order_reference: 'ref-WH-1',
			carrier_name: 'Plain Label',
			carrier_service: 'PLAIN',
			shipment_date: expect.stringMatching(/Z$/),
			tracking_number: printed.data.tracking_numbers[0],
			tracking_status: 'Delivered',
			last_updated_date: expect.stringMatching(/Z$/),
		});
		expect(JSON.parse(received[0].body).tracking_status).toBe('Printed');
		expect(sandbox.webhookDeliveries.map((d) => d.status)).toEqual([200, 200]);
	});
});

describe('rates, services, address validation', () => {
	const shipment = {
		sender: { country_code: 'AU', post_code: '2000' },
		destination: { street: '1 St', suburb: 'Perth', post_code: '6000', country_code: 'AU' },
		packages: [{ weight: 2.2, height: 0.1, width: 0.1, length: 0.1 }],
	};

	it('quotes deterministic rates from weight and rejects country names', async () => {
		const res = await api.post('/api/rates', shipment);
		expect(res.data.rates[0]).toEqual({
			service_name: 'Parcel Post',
			service_code: '7D55',
			total_price: 16.05,
		});
		expect((await api.post('/api/rates', shipment)).data).toEqual(res.data);
		const named = await api.post('/api/rates', {
			...shipment,
			destination: { ...shipment.destination, country_code: 'Australia' },
		});
		expect(named.status).toBe(400);
		const services = await api.post('/api/deliveryservices', {
			...shipment,
			include_pricing: true,
		});
		expect(services.data.services.map((s: { service_code: string }) => s.service_code)).toEqual([
			'7D55',
			'7J55',
			'PLAIN',
		]);
	});

	it('validates AU addresses and suggests the right postcode', async () => {
		const q = { street: '1 George St', suburb: 'Sydney', state: 'NSW', country: 'Australia' };
		expect(
			(await api.get('/api/address/validate', { params: { ...q, post_code: '2000' } })).data,
		).toEqual({ success: true, valid: true, suggestions: [] });
		const wrong = await api.get('/api/address/validate', { params: { ...q, post_code: '3000' } });
		expect(wrong.data.valid).toBe(false);
		expect(wrong.data.suggestions[0]).toMatchObject({ post_code: '2000', country_code: 'AU' });
	});
});

describe('faults, log and control API', () => {
	it('injects a 503 once, then recovers; reset clears pending faults', async () => {
		const inject = await raw.post('/_sandbox/faults', {
			endpoint: 'GET /api/health',
			faults: [{ kind: 'status', status: 503 }],
		});
		expect(inject.status).toBe(204);
		expect((await api.get('/api/health')).status).toBe(503);
		expect((await api.get('/api/health')).status).toBe(200);
		expect(sandbox.server.count('GET /api/health')).toBe(2);
		sandbox.server.injectFaults('GET /api/health', [{ kind: 'status', status: 503 }]);
		expect((await raw.post('/_sandbox/reset')).status).toBe(204);
		expect((await api.get('/api/health')).status).toBe(200);
		expect(sandbox.server.count('GET /api/health')).toBe(1); // the log was cleared too
	});

	it('exposes every account in /_sandbox/state', async () => {
		await create('ST-1');
		const state = (await raw.get('/_sandbox/state')).data;
		expect(state.accounts.map((a: { apiKey: string }) => a.apiKey)).toEqual([KEY, CHILD]);
		expect(state.accounts[0].orders[0].order_number).toBe('ST-1');
		expect(
			(
				await raw.post('/_sandbox/orders/advance', {
					order_number: 'ST-1',
					tracking_status: 'Delivered',
				})
			).status,
		).toBe(400);
	});
});
