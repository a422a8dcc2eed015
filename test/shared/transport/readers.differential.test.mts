/**
 * The two hand-made reply readers against n8n's own: for every reply of a corpus (nested objects,
 * unicode from every UTF-8 length, numbers of every form, empty and non-JSON bodies, a BOM), sent
 * over real HTTP in chunks that cut it at different places, `readJson` must answer exactly what
 * n8n's request helper answers with `json: true`, and `readRows` must keep exactly the rows (and
 * the envelope) of n8n's parsed reply. Both are kept because `npm run bench -- --variants` shows
 * what reading whole costs (see the header of each file); this test keeps them honest.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readJson } from '../../../nodes/shared/transport/jsonBody.ts';
import { readRows } from '../../../nodes/shared/transport/jsonRows.ts';

// n8n's own request helper: what a node's httpRequest(WithAuthentication) runs underneath
// (n8n-core request-helpers/factory.js).
const require = createRequire(import.meta.url);
const { Container } = require('@n8n/di') as {
	Container: { get<T>(type: new (...args: never[]) => T): T };
};
const { OutboundHttp } = require('@n8n/backend-network') as {
	OutboundHttp: new () => {
		requests(): { request(options: Record<string, unknown>): Promise<unknown> };
	};
};
const httpRequest = async (options: Record<string, unknown>) =>
	await Container.get(OutboundHttp).requests().request(options);

const order = (n: number) => ({
	order_id: 100 + n,
	order_number: `SO-${n}`,
	reference: [
		'Café Ōtautahi',
		'東京 倉庫',
		'Truck 🚚 and 🇦🇺',
		'e\u0301 combining',
		'quote " backslash \\ slash /',
		'',
	][n % 6],
	destination: { name: 'Jane', address: { lines: ['1 Queen St', null], country: 'New Zealand' } },
	items: [{ sku: 'A,B]}', quantity: n, weight: 1.25e-1, value: -0 }],
	has_labels: n % 2 === 0,
	tracking_number: null,
});

/** Replies as the APIs send them, and the odd ones n8n must still answer. */
const bodies: Record<string, string> = {
	'a listing page': JSON.stringify({
		success: true,
		orders: [0, 1, 2, 3, 4, 5, 6].map(order),
		total_pages: 3,
	}),
	'pretty-printed with CRLF': JSON.stringify(
		{ orders: [order(1), order(2)], success: true },
		null,
		2,
	).replace(/\n/g, '\r\n'),
	'numbers of every form':
		'{"orders":[],"a":0,"b":-1.5e+3,"c":1E-7,"d":12345678901234567890,"e":9007199254740993,"f":[0.1,2e308]}',
	'escapes and astral characters': JSON.stringify({
		orders: [{ order_id: 1, order_number: '\u2028\u2029\t\n"\\', note: '\uD83D\uDE9A' }],
		ok: true,
	}),
	'an empty list': '{"success":true,"orders":[],"total_pages":0}',
	'a null list': '{"success":true,"orders":null}',
	'no list': '{"success":false,"errors":[{"message":"Order not found","details":"No order 9"}]}',
	'rows key inside a row': JSON.stringify({ orders: [{ order_id: 1, orders: [{ order_id: 2 }] }] }),
	'a BOM first': `\uFEFF${JSON.stringify({ orders: [order(3)] })}`,
	'a bare array': JSON.stringify([order(1)]),
	'a number': '42',
	'a string': '"just text"',
	'an HTML error page': '<html><body>502 Bad Gateway</body></html>',
	'plain text': 'Rate limit is exceeded. Try again in 1 seconds.',
	empty: '',
	'whitespace only': '  \n ',
};

/** Chunk sizes: whole, one byte at a time, and uneven cuts that land inside multi-byte characters. */
const cuts: Record<string, (n: number) => number> = {
	whole: () => 1 << 20,
	'one byte': () => 1,
	uneven: (n) => 1 + ((n * 7) % 13),
};

let server: http.Server;
let base = '';

beforeAll(async () => {
	server = http.createServer((req, res) => {
		const url = new URL(req.url ?? '/', 'http://localhost');
		const bytes = Buffer.from(bodies[url.searchParams.get('body') ?? ''] ?? '', 'utf8');
		const sizes = cuts[url.searchParams.get('cut') ?? 'whole'];
		res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
		// Written piece by piece (chunked transfer): the client sees the cuts as separate chunks.
		let at = 0;
		let n = 0;
		const next = () => {
			if (at >= bytes.length) return void res.end();
			const size = sizes(n++);
			res.write(bytes.subarray(at, at + size), () => setImmediate(next));
			at += size;
		};
		next();
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const n8nParsed = async (body: string) =>
	await httpRequest({ method: 'GET', url: base, qs: { body }, json: true });
const streamed = async (body: string, cut: string) =>
	(await httpRequest({
		method: 'GET',
		url: base,
		qs: { body, cut },
		json: true,
		encoding: 'stream',
	})) as AsyncIterable<Buffer>;

describe('readJson answers what n8n answers', () => {
	for (const name of Object.keys(bodies)) {
		it.each(Object.keys(cuts))(`${name}, cut %s`, async (cut) => {
			expect(await readJson(await streamed(name, cut))).toEqual(await n8nParsed(name));
		});
	}
});

describe('readRows keeps the rows and the envelope of what n8n parses', () => {
	const keep = (row: unknown) =>
		typeof row === 'object' && row !== null
			? { id: (row as { order_id?: unknown }).order_id, row }
			: undefined;
	for (const name of Object.keys(bodies)) {
		it.each(Object.keys(cuts))(`${name}, cut %s`, async (cut) => {
			const reply = await readRows(await streamed(name, cut), 'orders', keep);
			const parsed = await n8nParsed(name);
			const isObject = typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed);
			const list = isObject ? (parsed as { orders?: unknown }).orders : undefined;
			expect(reply.rows).toEqual(
				Array.isArray(list) ? list.map(keep).filter((kept) => kept !== undefined) : [],
			);
			expect(reply.count).toBe(Array.isArray(list) ? list.length : 0);
			if (!isObject) return expect(reply.envelope).toBeUndefined();
			expect(reply.sawRows).toBe(Array.isArray(list));
			expect(reply.envelope).toEqual(
				Array.isArray(list) ? { ...(parsed as object), orders: [] } : parsed,
			);
		});
	}
});
