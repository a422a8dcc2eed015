/**
 * Node parameters read per item, but read once per node run when they hold no expression: n8n
 * copies and validates a parameter on every read (and copies the whole node to show its raw
 * parameters), and three reads per order were about a tenth of a 10,000-order push. Keyed by the
 * node's execution context, so nothing outlives the run. Callers treat what they get as read-only:
 * every item may share it.
 */
import type { IExecuteFunctions } from 'n8n-workflow';

/** Per context and parameter name: its one value, or null when it holds an expression. */
const readOnce = new WeakMap<IExecuteFunctions, Map<string, { value: unknown } | null>>();

function holdsExpression(value: unknown): boolean {
	if (typeof value === 'string') return value.startsWith('=');
	if (Array.isArray(value)) return value.some(holdsExpression);
	if (value && typeof value === 'object') return Object.values(value).some(holdsExpression);
	return false;
}

function cacheOf(context: IExecuteFunctions): Map<string, { value: unknown } | null> {
	let cache = readOnce.get(context);
	if (!cache) readOnce.set(context, (cache = new Map()));
	return cache;
}

/** `getNodeParameter(name, itemIndex, fallback)`, evaluated per item only when the parameter is an expression. */
export function itemParameter<T>(context: IExecuteFunctions, name: string, itemIndex: number, fallback: T): T {
	const cache = cacheOf(context);
	let entry = cache.get(name);
	if (entry === undefined) {
		entry = holdsExpression(context.getNode().parameters[name]) ? null : { value: context.getNodeParameter(name, itemIndex, fallback as never) };
		cache.set(name, entry);
	}
	return (entry ? entry.value : context.getNodeParameter(name, itemIndex, fallback as never)) as T;
}

/** The parameter as written in the workflow (an expression as its text), read once per node run. */
export function rawParameter(context: IExecuteFunctions, name: string): unknown {
	const cache = cacheOf(context);
	const key = `raw:${name}`;
	let entry = cache.get(key);
	if (!entry) cache.set(key, (entry = { value: context.getNode().parameters[name] }));
	return entry.value;
}
