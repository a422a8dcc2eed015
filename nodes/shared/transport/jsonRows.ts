/**
 * Reads a JSON reply as it arrives and hands each element of one array property (a page's
 * `orders`) to `onRow` as soon as that element is complete, parsed on its own. What the caller
 * keeps of a row is all that stays in memory: a 250-order listing page (about 430 KB) is never
 * held whole, as bytes, as one string or as one parsed object. At 10,000 orders the existence
 * check reads 40 such pages in two seconds at the end of the push, when the process is at its
 * peak; read whole, each page sat there three times over (the joined buffer, the text, the parsed
 * page) besides what was kept of it.
 *
 * Measured: the push with every reply and page read whole instead, as n8n's `json: true` does,
 * takes +5% CPU and +24% peak RSS (`npm run bench -- --variants`, 10,000 orders at 20/s, medians of
 * six runs, bench/README.md); test/shared/transport/readers.differential.test.mts holds this reader
 * to n8n's own parsing.
 *
 * The scan only looks at the bytes `" \ { } [ ] , :`, which never occur inside a multi-byte UTF-8
 * character, so chunks may split characters anywhere.
 */

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

/** Longest key (in bytes) recognised as the rows' key; longer keys are simply not it. */
const MAX_KEY_BYTES = 256;

export interface RowsReply<T> {
	/** The reply without the rows (their array left empty), or undefined when it is not JSON. */
	envelope?: Record<string, unknown>;
	/** The rows' array was present (possibly empty). */
	sawRows: boolean;
	/** What `onRow` returned for each row, in order (undefined results are dropped). */
	rows: T[];
	/** How many rows arrived (kept or not). */
	count: number;
	/** The text of the first row, as received (to notice a server that ignores `page`). */
	firstRowText?: string;
	/** The start of the reply, for an error message when it is not JSON. */
	head: string;
}

/**
 * Reads `stream` (a JSON object) to its end; `onRow` maps each element of `rowsKey` (at the top
 * level) to what is kept of it. A row that is not JSON makes the whole reply unreadable.
 */
export async function readRows<T>(
	stream: AsyncIterable<Buffer | string>,
	rowsKey: string,
	onRow: (row: unknown) => T | undefined,
): Promise<RowsReply<T>> {
	const envelope: Buffer[] = [];
	const head: Buffer[] = [];
	let headBytes = 0;
	let row: Buffer[] = [];
	const rows: T[] = [];
	let count = 0;
	let firstRowText: string | undefined;
	let readable = true;
	let depth = 0;
	let inString = false;
	let escaped = false;
	let inRows = false;
	let sawRows = false;
	// The last string at the top level (a key once a colon follows it), as raw bytes.
	let keyBytes: number[] = [];
	let lastKey: string | undefined;
	let pendingKey: string | undefined;

	const finishRow = () => {
		// A row inside one chunk is decoded where it lies: copying it out first (concat) would
		// allocate the whole page over again in buffers that only the garbage collector frees.
		const text = row.length === 1 ? row[0].toString('utf8') : Buffer.concat(row).toString('utf8');
		row = [];
		if (text.trim() === '') return;
		count++;
		firstRowText ??= text;
		let parsed: unknown;
		try {
			parsed = JSON.parse(text);
		} catch {
			readable = false;
			return;
		}
		const kept = onRow(parsed);
		if (kept !== undefined) rows.push(kept);
	};

	for await (const piece of stream) {
		const chunk = typeof piece === 'string' ? Buffer.from(piece, 'utf8') : piece;
		if (headBytes < 2048) {
			head.push(chunk.subarray(0, 2048 - headBytes));
			headBytes += Math.min(chunk.length, 2048 - headBytes);
		}
		let start = 0;
		for (let i = 0; i < chunk.length; i++) {
			const c = chunk[i];
			if (inString) {
				const capture = depth === 1 && !inRows && keyBytes.length < MAX_KEY_BYTES;
				if (escaped) escaped = false;
				else if (c === BACKSLASH) escaped = true;
				else if (c === QUOTE) {
					inString = false;
					if (depth === 1 && !inRows) pendingKey = keyText(keyBytes);
					continue;
				}
				if (capture) keyBytes.push(c);
				continue;
			}
			if (c === QUOTE) {
				inString = true;
				if (depth === 1 && !inRows) keyBytes = [];
			} else if (c === COLON && depth === 1 && !inRows) {
				lastKey = pendingKey;
			} else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
				depth++;
				if (c === OPEN_BRACKET && depth === 2 && !inRows && !sawRows && lastKey === rowsKey) {
					// The rows begin: the envelope keeps an empty array in their place.
					envelope.push(chunk.subarray(start, i + 1));
					start = i + 1;
					inRows = true;
					sawRows = true;
				}
			} else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
				if (inRows && depth === 2 && c === CLOSE_BRACKET) {
					row.push(chunk.subarray(start, i));
					finishRow();
					start = i;
					inRows = false;
				}
				depth--;
			} else if (c === COMMA && inRows && depth === 2) {
				row.push(chunk.subarray(start, i));
				finishRow();
				start = i + 1;
			}
		}
		(inRows ? row : envelope).push(chunk.subarray(start));
	}

	const headText = Buffer.concat(head).toString('utf8');
	if (!readable || inRows) return { sawRows, rows, count, firstRowText, head: headText };
	try {
		// A byte-order mark before the JSON is read past, as n8n's own reading does (readers.differential.test.mts).
		const parsed: unknown = JSON.parse(
			Buffer.concat(envelope)
				.toString('utf8')
				.replace(/^\uFEFF/, ''),
		);
		const isObject = typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed);
		return {
			envelope: isObject ? (parsed as Record<string, unknown>) : undefined,
			sawRows,
			rows,
			count,
			firstRowText,
			head: headText,
		};
	} catch {
		return { sawRows, rows, count, firstRowText, head: headText };
	}
}

/** A key's raw bytes (escapes included) as text. */
function keyText(bytes: number[]): string | undefined {
	try {
		return JSON.parse(`"${Buffer.from(bytes).toString('utf8')}"`) as string;
	} catch {
		return undefined;
	}
}
