/**
 * Text cleaning for everything the mapping sends to Starshipit (issue 13, point 15): a NUL, a
 * stray control character or an invisible zero-width character pasted into an address breaks
 * labels and carrier manifests, and a line break in a single-line field splits a label line.
 */

/** C0 controls but tab/LF/CR, DEL, and the C1 controls (a filter, as lint forbids them in a regex). */
function isControl(code: number): boolean {
	return (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || (code >= 0x7f && code <= 0x9f);
}

function withoutControls(value: string): string {
	let out = '';
	for (const ch of value) if (!isControl(ch.codePointAt(0) as number)) out += ch;
	return out;
}
/** Zero-width space, non-joiner, joiner, word joiner, byte-order mark, soft hyphen. */
const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF\u00AD]/g;

/** One clean line: controls and zero-width characters removed, line breaks and tabs become one space. */
export function singleLine(value: string): string {
	return withoutControls(value).replace(ZERO_WIDTH, '').replace(/[\r\n\t]+/g, ' ').replace(/ {2,}/g, ' ').trim();
}

/** Free text that may keep its lines (delivery instructions): CRLF and CR become LF. */
export function multiLine(value: string): string {
	return withoutControls(value.replace(/\r\n?/g, '\n')).replace(ZERO_WIDTH, '').replace(/\t/g, ' ').trim();
}

/** Field names whose text may span lines; every other string is single-line. */
const MULTI_LINE_KEYS = new Set(['instructions', 'delivery_instructions']);

/** A deep copy of `value` with every string cleaned (by its key: multi- or single-line). */
export function cleanStrings<T>(value: T, key = ''): T {
	if (typeof value === 'string') return (MULTI_LINE_KEYS.has(key) ? multiLine(value) : singleLine(value)) as T;
	if (Array.isArray(value)) return value.map((v) => cleanStrings(v, key)) as T;
	if (value && typeof value === 'object') {
		return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, cleanStrings(v, k)])) as T;
	}
	return value;
}
