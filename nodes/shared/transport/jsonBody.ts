/**
 * Reads a JSON reply as it arrives: each chunk is decoded to text the moment it comes in, and the
 * text is parsed once at the end. n8n's own reading keeps every chunk of a reply until the last has
 * arrived and then copies them into one buffer; at 20 requests a second those buffers outlived
 * V8's young-generation collections and piled up until a full collection (about 17 MB over the
 * 200 imports of a 10,000-order push, 85 KB per reply). Chunks decoded on arrival die young.
 *
 * Same answer as n8n's `json: true`: the parsed value; the text itself when it is not JSON (a
 * gateway's HTML page); an empty string for an empty body. Measured with the listing reader
 * (jsonRows.ts): replies read whole cost the push +5% CPU and +24% peak RSS (medians of six runs, bench/README.md); held to n8n's
 * answers by test/shared/transport/readers.differential.test.mts.
 */

/** Bytes in the UTF-8 sequence this lead byte starts (1 for ASCII and for bytes that lead nothing). */
const sequenceLength = (lead: number) =>
	lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;

/** How many bytes at the end of `bytes` (from `start`) begin a character that the next chunk completes. */
function incompleteTail(bytes: Buffer, start: number): number {
	for (let back = 1; back <= Math.min(3, bytes.length - start); back++) {
		const byte = bytes[bytes.length - back];
		if ((byte & 0xc0) === 0x80) continue;
		return sequenceLength(byte) > back ? back : 0;
	}
	return 0;
}

/** Fits `CallOptions.readBody` as it is (a reply's stream), and takes any chunked source. */
export async function readJson(
	stream: NodeJS.ReadableStream | AsyncIterable<Buffer | string>,
): Promise<unknown> {
	const parts: string[] = [];
	// The first bytes of a character split between two chunks (a copy: at most 3 bytes).
	let carry: Buffer | undefined;
	for await (const piece of stream as AsyncIterable<Buffer | string>) {
		if (typeof piece === 'string') {
			parts.push(piece);
			continue;
		}
		let start = 0;
		if (carry) {
			const joined = Buffer.concat([
				carry,
				piece.subarray(0, sequenceLength(carry[0]) - carry.length),
			]);
			start = joined.length - carry.length;
			carry = undefined;
			if (joined.length < sequenceLength(joined[0])) {
				carry = joined;
				continue;
			}
			parts.push(joined.toString('utf8'));
		}
		const tail = incompleteTail(piece, start);
		parts.push(piece.toString('utf8', start, piece.length - tail));
		if (tail) carry = Buffer.from(piece.subarray(piece.length - tail));
	}
	if (carry) parts.push(carry.toString('utf8'));
	const text = parts.join('').replace(/^\uFEFF/, '');
	if (text === '') return '';
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return text;
	}
}
