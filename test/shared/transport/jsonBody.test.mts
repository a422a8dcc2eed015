/**
 * `readJson` decodes each chunk of a reply as it arrives. However the bytes are cut (one at a
 * time, mid-way through a two-, three- or four-byte character), it must read what JSON.parse of
 * the whole reads, and answer what n8n's `json: true` answers for text and empty bodies.
 */
import { describe, expect, it } from 'vitest';
import { readJson } from '../../../nodes/shared/transport/jsonBody.ts';

async function* chunked(bytes: Buffer, sizes: (n: number) => number): AsyncGenerator<Buffer> {
	for (let at = 0, n = 0; at < bytes.length; n++) {
		const size = Math.max(1, sizes(n));
		yield bytes.subarray(at, at + size);
		at += size;
	}
}

const reply = {
	success: true,
	order: {
		reference: 'Café Ōtautahi 東京 🚚',
		note: 'ü'.repeat(40),
		destination: { country: 'New Zealand' },
	},
};
const bytes = Buffer.from(JSON.stringify(reply), 'utf8');

describe('readJson', () => {
	it.each([
		['whole', () => 1 << 20],
		['one byte at a time', () => 1],
		['two bytes at a time', () => 2],
		['uneven chunks', (n: number) => (n * 7) % 13],
	])('reads the reply chunked %s', async (_name, sizes) => {
		expect(await readJson(chunked(bytes, sizes))).toEqual(reply);
	});

	it('cuts at every byte of the reply', async () => {
		for (let cut = 1; cut < bytes.length; cut++) {
			expect(await readJson(chunked(bytes, (n) => (n === 0 ? cut : 1 << 20)))).toEqual(reply);
		}
	});

	it('answers as n8n does: text when it is not JSON, an empty string when empty, a BOM ignored', async () => {
		expect(await readJson(chunked(Buffer.from('<html>Bad gateway</html>'), () => 4))).toBe(
			'<html>Bad gateway</html>',
		);
		expect(await readJson(chunked(Buffer.alloc(0), () => 1))).toBe('');
		expect(await readJson(chunked(Buffer.from('\uFEFF{"a":1}'), () => 1))).toEqual({ a: 1 });
	});
});
