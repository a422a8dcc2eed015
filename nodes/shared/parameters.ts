/**
 * Node parameters read per item, the cheap way where the answer is the same (every read through
 * n8n's getNodeParameter instead costs the push +94% CPU: `npm run bench -- --variants`, 10,000
 * orders at 20/s, medians of six runs, bench/README.md):
 * - a parameter without an expression is read once per node run: n8n copies and validates a
 *   parameter on every read (and copies the whole node to show its raw parameters), and three
 *   reads per order were about a tenth of a 10,000-order push;
 * - a parameter that only names a field of the item (`={{ $json.order_number }}`, optionally
 *   `?? ''`) is read from the item when that field holds text, a number or a boolean, or is absent
 *   (undefined, or '' with `?? ''`, as n8n answers: its expressions read a missing field, at any
 *   depth, as undefined): n8n's expression engine builds a data proxy per item for it, about a
 *   millisecond per item for the write-back's four such parameters. Anything else (another
 *   expression, an object, a field under text) goes to n8n as before, so its result and its
 *   errors are n8n's;
 * - `={{ $json }}` (the whole item, how the push hands a sale order to Create Many) is the item's
 *   own JSON: the data proxy per order was half the CPU of a 10,000-order push;
 * - `={{ $('Node').all() }}`, optionally `.map(row => row.json.field)` (how the bundled write-backs
 *   hand Write Back Tracking a data table's rows), names no item, so n8n's answer is the same for
 *   every item: it is evaluated by n8n once, for the first item read, and shared.
 * Keyed by the node's execution context, so nothing outlives the run. Callers treat what they get
 * as read-only: every item may share it. A name may be a dotted path into a parameter
 * (`overrides.value.reference`), as n8n's getNodeParameter takes it.
 * test/shared/parameters.differential.test.mts holds each reading against n8n's own over a
 * corpus of items and expressions.
 */
import type { IExecuteFunctions } from 'n8n-workflow';

type Reading =
	| { kind: 'constant'; value: unknown }
	| { kind: 'field'; path: string[]; orEmpty: boolean }
	| { kind: 'wholeItem' }
	| { kind: 'sameForEveryItem'; value?: { of: unknown } }
	| { kind: 'expression' };

/** Per context and parameter name: how to read it. */
const readings = new WeakMap<IExecuteFunctions, Map<string, Reading>>();

/** `={{ $json.a.b }}` or `={{ $json.a ?? '' }}`. */
const ITEM_FIELD = /^=\{\{\s*\$json((?:\.[A-Za-z_$][\w$]*)+)\s*(\?\?\s*''\s*)?\}\}$/;
const WHOLE_ITEM = /^=\{\{\s*\$json\s*\}\}$/;
/** `={{ $('Node').all() }}` or `={{ $('Node').all().map(row => row.json.a.b) }}`: no item named. */
const ALL_OF_NODE =
	/^=\{\{\s*\$\((['"])[^'"]+\1\)\.all\(\)(?:\.map\(\s*([A-Za-z_$][\w$]*)\s*=>\s*\2\.json(?:\.[A-Za-z_$][\w$]*)+\s*\))?\s*\}\}$/;

function holdsExpression(value: unknown): boolean {
	if (typeof value === 'string') return value.startsWith('=');
	if (Array.isArray(value)) return value.some(holdsExpression);
	if (value && typeof value === 'object') return Object.values(value).some(holdsExpression);
	return false;
}

/** The parameter as saved in the workflow (an expression not yet evaluated), by name or dotted path. */
function rawParameter(parameters: unknown, name: string): unknown {
	if (!name.includes('.')) return (parameters as Record<string, unknown>)[name];
	let value = parameters;
	for (const key of name.split('.'))
		value =
			value !== null && typeof value === 'object'
				? (value as Record<string, unknown>)[key]
				: undefined;
	return value;
}

function cacheOf(context: IExecuteFunctions): Map<string, Reading> {
	let cache = readings.get(context);
	if (!cache) readings.set(context, (cache = new Map()));
	return cache;
}

function readingOf(
	context: IExecuteFunctions,
	name: string,
	itemIndex: number,
	fallback: unknown,
): Reading {
	const cache = cacheOf(context);
	let reading = cache.get(name);
	if (!reading) {
		const raw = rawParameter(context.getNode().parameters, name);
		const field = typeof raw === 'string' ? ITEM_FIELD.exec(raw) : null;
		if (typeof raw === 'string' && WHOLE_ITEM.test(raw)) reading = { kind: 'wholeItem' };
		else if (typeof raw === 'string' && ALL_OF_NODE.test(raw))
			reading = { kind: 'sameForEveryItem' };
		else if (field)
			reading = {
				kind: 'field',
				path: field[1].slice(1).split('.'),
				orEmpty: field[2] !== undefined,
			};
		else if (holdsExpression(raw)) reading = { kind: 'expression' };
		else
			reading = {
				kind: 'constant',
				value: context.getNodeParameter(name, itemIndex, fallback as never),
			};
		cache.set(name, reading);
	}
	return reading;
}

/** `getNodeParameter(name, itemIndex, fallback)`, through n8n's expression engine only when needed. */
export function itemParameter<T>(
	context: IExecuteFunctions,
	name: string,
	itemIndex: number,
	fallback: T,
): T {
	const reading = readingOf(context, name, itemIndex, fallback);
	if (reading.kind === 'constant') return reading.value as T;
	if (reading.kind === 'wholeItem') return context.getInputData()[itemIndex]?.json as T;
	if (reading.kind === 'sameForEveryItem') {
		// An error is not kept: n8n would raise it for every item, and so does the next read.
		reading.value ??= { of: context.getNodeParameter(name, itemIndex, fallback as never) };
		return reading.value.of as T;
	}
	if (reading.kind === 'field') {
		let value: unknown = context.getInputData()[itemIndex]?.json;
		// A path that breaks before its last key (`$json.a.b` with `a` absent or null) is undefined,
		// `?? ''` or not: n8n's expression engine answers it so (parameters.differential.test.mts).
		let absent = false;
		for (const key of reading.path) {
			if (value === undefined || value === null) {
				absent = true;
				break;
			}
			if (typeof value !== 'object')
				return context.getNodeParameter(name, itemIndex, fallback as never) as T;
			value = (value as Record<string, unknown>)[key];
		}
		if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
			return value as T;
		if (absent) return undefined as T;
		if (value === undefined || value === null)
			return (
				reading.orEmpty
					? ''
					: value === undefined
						? undefined
						: context.getNodeParameter(name, itemIndex, fallback as never)
			) as T;
	}
	return context.getNodeParameter(name, itemIndex, fallback as never) as T;
}
