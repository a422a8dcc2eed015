/**
 * `readRows` reads a listing page as it arrives. Whatever way the bytes are cut into chunks (one
 * byte at a time, mid-way through a multi-byte character), it must read exactly what JSON.parse
 * reads, and keep only what the caller keeps of each row.
 */
import { describe, expect, it } from 'vitest';
import { readRows } from '../../../nodes/shared/transport/jsonRows.ts';

async function* chunked(text: string, sizes: (n: number) => number): AsyncGenerator<Buffer> {
	const bytes = Buffer.from(text, 'utf8');
	for (let at = 0, n = 0; at < bytes.length; n++) {
		const size = Math.max(1, sizes(n));
		yield bytes.subarray(at, at + size);
		at += size;
	}
}

const rows = [
	{
		order_id: 1,
		order_number: 'SO-1',
		reference: 'Tricky "quotes", [brackets] and {braces}',
		items: [{ sku: 'A,B', qty: 2 }],
	},
	{
		order_id: 2,
		order_number: 'SO-2',
		reference: 'Café Ōtautahi 東京 🚚',
		note: 'back\\slash \\" and \\\\',
	},
	{
		order_id: 3,
		order_number: 'SO-3',
		orders: [{ nested: true }],
		destination: { country: 'New Zealand' },
	},
];
const page = JSON.stringify(
	{ success: true, orders: rows, total_pages: 4, 'or\\"ders': 'key with an escape' },
	null,
	1,
);

describe('readRows', () => {
	it.each([
		['whole', () => 1 << 20],
		['one byte at a time', () => 1],
		['uneven chunks', (n: number) => (n * 7) % 13],
	])('reads every row and the envelope, chunked %s', async (_name, sizes) => {
		const reply = await readRows(chunked(page, sizes), 'orders', (row) => row);
		expect(reply.rows).toEqual(rows);
		expect(reply.count).toBe(3);
		expect(reply.sawRows).toBe(true);
		expect(reply.envelope).toEqual({
			success: true,
			orders: [],
			total_pages: 4,
			'or\\"ders': 'key with an escape',
		});
		expect(JSON.parse(reply.firstRowText!)).toEqual(rows[0]);
	});

	it('keeps only what the caller keeps of each row, and counts every row', async () => {
		const reply = await readRows(
			chunked(page, () => 5),
			'orders',
			(row) => {
				const { order_id: id } = row as { order_id: number };
				return id === 2 ? undefined : id;
			},
		);
		expect(reply.rows).toEqual([1, 3]);
		expect(reply.count).toBe(3);
	});

	it('reads an empty list, a missing list and a null list', async () => {
		const empty = await readRows(
			chunked('{"orders":[],"total_pages":0}', () => 3),
			'orders',
			(row) => row,
		);
		expect(empty).toMatchObject({
			rows: [],
			count: 0,
			sawRows: true,
			envelope: { orders: [], total_pages: 0 },
		});
		const missing = await readRows(
			chunked('{"success":false,"errors":[{"message":"Nope"}]}', () => 4),
			'orders',
			(row) => row,
		);
		expect(missing).toMatchObject({
			rows: [],
			sawRows: false,
			envelope: { success: false, errors: [{ message: 'Nope' }] },
		});
		const nulled = await readRows(
			chunked('{"orders":null}', () => 2),
			'orders',
			(row) => row,
		);
		expect(nulled).toMatchObject({ sawRows: false, envelope: { orders: null } });
	});

	it('does not take a nested "orders" list for the rows', async () => {
		const text = JSON.stringify({ meta: { orders: [{ order_id: 9 }] }, orders: [{ order_id: 1 }] });
		const reply = await readRows(
			chunked(text, () => 3),
			'orders',
			(row) => row,
		);
		expect(reply.rows).toEqual([{ order_id: 1 }]);
		expect(reply.envelope).toEqual({ meta: { orders: [{ order_id: 9 }] }, orders: [] });
	});

	it('has no envelope for a reply that is not JSON, or is cut short, and quotes its start', async () => {
		const html = await readRows(
			chunked('<html><body>Service Unavailable</body></html>', () => 8),
			'orders',
			(row) => row,
		);
		expect(html.envelope).toBeUndefined();
		expect(html.head).toContain('Service Unavailable');
		const cut = await readRows(
			chunked(page.slice(0, page.length / 2), () => 64),
			'orders',
			(row) => row,
		);
		expect(cut.envelope).toBeUndefined();
		const badRow = await readRows(
			chunked('{"orders":[{"order_id":1},{"order_id":}]}', () => 64),
			'orders',
			(row) => row,
		);
		expect(badRow.envelope).toBeUndefined();
	});
});
