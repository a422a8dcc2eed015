/**
 * Text cleaning for everything the mapping sends to Starshipit (issue 13, point 15): a NUL, a
 * stray control character or an invisible zero-width character pasted into an address breaks
 * labels and carrier manifests, and a line break in a single-line field splits a label line.
 */

/** Nothing given: undefined, null or blank text. */
export const isEmpty = (value: unknown): boolean =>
	value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

/** C0 controls but tab/LF/CR, DEL, and the C1 controls (a filter, as lint forbids them in a regex). */
function isControl(code: number): boolean {
	return (
		(code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) ||
		(code >= 0x7f && code <= 0x9f)
	);
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
	return withoutControls(value)
		.replace(ZERO_WIDTH, '')
		.replace(/[\r\n\t]+/g, ' ')
		.replace(/ {2,}/g, ' ')
		.trim();
}

/** Free text that may keep its lines (delivery instructions): CRLF and CR become LF. */
export function multiLine(value: string): string {
	return withoutControls(value.replace(/\r\n?/g, '\n'))
		.replace(ZERO_WIDTH, '')
		.replace(/\t/g, ' ')
		.trim();
}

/** Field names whose text may span lines; every other string is single-line. */
const MULTI_LINE_KEYS = new Set(['instructions', 'delivery_instructions']);

/**
 * True when `value` would come out of `singleLine` unchanged: no control, zero-width, line-break
 * or tab character, no double space, no space at either end. Almost every string passes, so the
 * common case costs one scan and no copy.
 */
function isCleanLine(value: string): boolean {
	const last = value.length - 1;
	if (last >= 0 && (value.charCodeAt(0) === 0x20 || value.charCodeAt(last) === 0x20)) return false;
	for (let i = 0; i <= last; i++) {
		const code = value.charCodeAt(i);
		if (
			code < 0x20 ||
			(code >= 0x7f && code <= 0x9f) ||
			code === 0xad ||
			(code >= 0x200b && code <= 0x200d) ||
			code === 0x2060 ||
			code === 0xfeff
		)
			return false;
		if (code === 0x20 && value.charCodeAt(i + 1) === 0x20) return false;
		if (code >= 0xd800 && code <= 0xdfff) return false; // surrogates: let the full cleaner decide
	}
	return true;
}

/**
 * `value` with every string cleaned (by its key: multi- or single-line). Parts that need no
 * cleaning are returned as they are (not copied), so a clean 10,000-order run allocates nothing
 * here; callers treat the result as read-only.
 */
export function cleanStrings<T>(value: T, key = ''): T {
	if (typeof value === 'string') {
		if (MULTI_LINE_KEYS.has(key)) return multiLine(value) as T;
		return (isCleanLine(value) ? value : singleLine(value)) as T;
	}
	if (Array.isArray(value)) {
		let copy: unknown[] | undefined;
		for (let i = 0; i < value.length; i++) {
			const cleaned = cleanStrings(value[i], key);
			if (cleaned !== value[i]) (copy ??= value.slice())[i] = cleaned;
		}
		return (copy ?? value) as T;
	}
	if (value && typeof value === 'object') {
		let copy: Record<string, unknown> | undefined;
		for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
			const cleaned = cleanStrings(v, k);
			if (cleaned !== v) (copy ??= { ...(value as Record<string, unknown>) })[k] = cleaned;
		}
		return (copy ?? value) as T;
	}
	return value;
}
