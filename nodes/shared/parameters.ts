/**
 * Node parameters read per item, the cheap way where the answer is the same:
 * - a parameter without an expression is read once per node run: n8n copies and validates a
 *   parameter on every read (and copies the whole node to show its raw parameters), and three
 *   reads per order were about a tenth of a 10,000-order push;
 * - a parameter that only names a field of the item (`={{ $json.order_number }}`, optionally
 *   `?? ''`) is read from the item when that field holds text, a number or a boolean: n8n's
 *   expression engine builds a data proxy per item for it, about a millisecond per item for the
 *   write-back's four such parameters. Anything else (another expression, an absent field, an
 *   object) goes to n8n as before, so its result and its errors are n8n's;
 * - `={{ $json }}` (the whole item, how the push hands a sale order to Create Many) is the item's
 *   own JSON: the data proxy per order was half the CPU of a 10,000-order push.
 * Keyed by the node's execution context, so nothing outlives the run. Callers treat what they get
 * as read-only: every item may share it. test/shared/parameters.differential.test.mts holds each
 * reading against n8n's own over a corpus of items and expressions.
 */
import type { IExecuteFunctions } from 'n8n-workflow';

type Reading = { kind: 'constant'; value: unknown } | { kind: 'field'; path: string[]; orEmpty: boolean } | { kind: 'wholeItem' } | { kind: 'expression' };

/** Per context and parameter name: how to read it. */
const readings = new WeakMap<IExecuteFunctions, Map<string, Reading>>();

/** `={{ $json.a.b }}` or `={{ $json.a ?? '' }}`. */
const ITEM_FIELD = /^=\{\{\s*\$json((?:\.[A-Za-z_$][\w$]*)+)\s*(\?\?\s*''\s*)?\}\}$/;
const WHOLE_ITEM = /^=\{\{\s*\$json\s*\}\}$/;

function holdsExpression(value: unknown): boolean {
	if (typeof value === 'string') return value.startsWith('=');
	if (Array.isArray(value)) return value.some(holdsExpression);
	if (value && typeof value === 'object') return Object.values(value).some(holdsExpression);
	return false;
}

function cacheOf(context: IExecuteFunctions): Map<string, Reading> {
	let cache = readings.get(context);
	if (!cache) readings.set(context, (cache = new Map()));
	return cache;
}

function readingOf(context: IExecuteFunctions, name: string, itemIndex: number, fallback: unknown): Reading {
	const cache = cacheOf(context);
	let reading = cache.get(name);
	if (!reading) {
		const raw = context.getNode().parameters[name];
		const field = typeof raw === 'string' ? ITEM_FIELD.exec(raw) : null;
		if (typeof raw === 'string' && WHOLE_ITEM.test(raw)) reading = { kind: 'wholeItem' };
		else if (field) reading = { kind: 'field', path: field[1].slice(1).split('.'), orEmpty: field[2] !== undefined };
		else if (holdsExpression(raw)) reading = { kind: 'expression' };
		else reading = { kind: 'constant', value: context.getNodeParameter(name, itemIndex, fallback as never) };
		cache.set(name, reading);
	}
	return reading;
}

/** `getNodeParameter(name, itemIndex, fallback)`, through n8n's expression engine only when needed. */
export function itemParameter<T>(context: IExecuteFunctions, name: string, itemIndex: number, fallback: T): T {
	const reading = readingOf(context, name, itemIndex, fallback);
	if (reading.kind === 'constant') return reading.value as T;
	if (reading.kind === 'wholeItem') return context.getInputData()[itemIndex]?.json as T;
	if (reading.kind === 'field') {
		let value: unknown = context.getInputData()[itemIndex]?.json;
		// Only an object is walked into: a path that breaks early (`$json.a.b` with `a` null) is
		// n8n's to answer, as its expression engine does not read it as empty.
		for (const key of reading.path) {
			if (value === null || typeof value !== 'object') return context.getNodeParameter(name, itemIndex, fallback as never) as T;
			value = (value as Record<string, unknown>)[key];
		}
		if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value as T;
		if (reading.orEmpty && (value === undefined || value === null)) return '' as T;
	}
	return context.getNodeParameter(name, itemIndex, fallback as never) as T;
}
