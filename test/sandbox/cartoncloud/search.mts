/**
 * The documented search grammar (reference §3.3): `{condition}` where a condition is an
 * And/Or compound (nestable) or a typed leaf comparing a field (JsonField pointer, or the
 * deprecated ValueField key) with `{type:"ValueField", value}`.
 *
 * A body is compiled into a predicate up front, so grammar errors answer 422 even when nothing
 * would match, and each error's `field` is a JSON pointer into the request body.
 */
import { fail, invalid, isDateOnly, isObject, type Json, parseDateTime } from './util.mts';

export type Predicate = (entity: unknown) => boolean;

/** RFC 6901 pointer resolution; `undefined` when any segment is missing. */
export function resolvePointer(entity: unknown, pointer: string): unknown {
	return pointerReader(pointer)(entity);
}

/**
 * A reader for one pointer, its segments decoded once: a search runs its pointers against every
 * stored entity (a 50-reference consignment search over 10,000 consignments is 500,000 reads), and
 * decoding them per entity made the sandbox, not the client, the slow part of a large write-back.
 */
export function pointerReader(pointer: string): (entity: unknown) => unknown {
	if (pointer === '') return (entity) => entity;
	const keys = pointer
		.slice(1)
		.split('/')
		.map((raw) => raw.replace(/~1/g, '/').replace(/~0/g, '~'));
	const indexes = keys.map((key) => (/^(0|[1-9]\d*)$/.test(key) ? Number(key) : undefined));
	return (entity) => {
		let current: unknown = entity;
		for (let i = 0; i < keys.length; i++) {
			if (Array.isArray(current)) {
				const index = indexes[i];
				if (index === undefined) return undefined;
				current = current[index];
			} else if (isObject(current)) {
				current = Object.prototype.hasOwnProperty.call(current, keys[i])
					? current[keys[i]]
					: undefined;
			} else {
				return undefined;
			}
			if (current === undefined) return undefined;
		}
		return current;
	};
}

const ORDERED = [
	'EQUAL_TO',
	'NOT_EQUAL_TO',
	'GREATER_THAN',
	'GREATER_THAN_OR_EQUAL_TO',
	'LESS_THAN',
	'LESS_THAN_OR_EQUAL_TO',
];
const TEXT = ['EQUAL_TO', 'NOT_EQUAL_TO', 'CONTAINS', 'DOES_NOT_CONTAIN', 'STARTS_WITH'];

function compare(method: string, a: number | string, b: number | string): boolean {
	switch (method) {
		case 'EQUAL_TO':
			return a === b;
		case 'NOT_EQUAL_TO':
			return a !== b;
		case 'GREATER_THAN':
			return a > b;
		case 'GREATER_THAN_OR_EQUAL_TO':
			return a >= b;
		case 'LESS_THAN':
			return a < b;
		default:
			return a <= b;
	}
}

/** What one search endpoint accepts (reference §3.3, §4, §8). */
export interface SearchRules {
	/** `METHOD path` of the endpoint, for the audit. */
	endpoint: string;
	/** The deprecated ValueField keys this endpoint accepts, mapped to pointers. */
	valueFields: Record<string, string>;
	/** The documented JsonField pointers; any other answers 422 unless `strictFields` is off. */
	pointers: readonly string[];
	/** Default true. false (gentle) lets undocumented fields through, still audited as tolerated. */
	strictFields: boolean;
	/** Default false (hard): GREATER/LESS range methods on `/timestamps/...` pointers answer 422. */
	timestampRanges: boolean;
	/** Told about every request the real API refuses or may refuse (see searchAudit.mts). */
	audit?: (violation: SearchViolation) => void;
}

export interface SearchViolation {
	endpoint: string;
	kind: 'bare' | 'empty' | 'undocumented-field';
	detail: string;
	/** true when the sandbox was switched to let it through (a gentle test). */
	tolerated: boolean;
}

const RANGE_METHODS = [
	'GREATER_THAN',
	'GREATER_THAN_OR_EQUAL_TO',
	'LESS_THAN',
	'LESS_THAN_OR_EQUAL_TO',
];

/** @returns a predicate over stored (internal) entities. */
export function compileSearch(body: unknown, rules: SearchRules): Predicate {
	if (!isObject(body))
		invalid({ field: '/', message: 'Search body must be a JSON object {condition}' });
	// UNCONFIRMED: a `sort` or `page` key in the body was seen in one script only; we reject unknown
	// body keys (422) so a client that pages through the body instead of the query string notices.
	for (const key of Object.keys(body)) {
		if (key !== 'condition')
			invalid({ field: `/${key}`, message: `Unknown property '${key}' in search body` });
	}
	// UNCONFIRMED: whether the condition may be omitted; we require it (strict).
	if (body.condition === undefined || body.condition === null) {
		invalid({ field: '/condition', message: 'condition is required' });
	}
	// The top level must be the "wrap level condition" (an And/Or): a bare leaf is answered
	// "Missing field: conditions" (work-flowers/zapier-cartoncloud searches/search_outbound_orders.js).
	const top = body.condition;
	if (
		!isObject(top) ||
		(top.type !== 'AndCondition' && top.type !== 'OrCondition') ||
		!Array.isArray(top.conditions)
	) {
		rules.audit?.({
			endpoint: rules.endpoint,
			kind: 'bare',
			detail: JSON.stringify(top).slice(0, 200),
			tolerated: false,
		});
		fail(400, 'Missing field: conditions');
	}
	return compile(top, '/condition', rules);
}

function compile(cond: unknown, at: string, rules: SearchRules): Predicate {
	if (!isObject(cond)) invalid({ field: at, message: 'Condition must be an object' });
	const type = cond.type;
	if (type === 'AndCondition' || type === 'OrCondition') {
		const list = cond.conditions;
		if (!Array.isArray(list))
			invalid({ field: `${at}/conditions`, message: 'conditions must be an array' });
		// UNCONFIRMED: one app sends `conditions: []`, TP-py says it may be rejected; we reject (422).
		if (list.length === 0) {
			rules.audit?.({ endpoint: rules.endpoint, kind: 'empty', detail: at, tolerated: false });
			invalid({ field: `${at}/conditions`, message: 'conditions must not be empty' });
		}
		const parts = list.map((c, i) => compile(c, `${at}/conditions/${i}`, rules));
		if (type === 'OrCondition')
			return oneOfTexts(list, at, rules) ?? ((e) => parts.some((p) => p(e)));
		return (e) => parts.every((p) => p(e));
	}
	// NotCondition is not supported [SC]; any other unknown type is rejected the same way.
	switch (type) {
		case 'TextComparisonCondition':
		case 'BooleanComparisonCondition':
		case 'NumericComparisonCondition':
		case 'DateComparisonCondition':
		case 'DateTimeComparisonCondition':
			return leaf(cond, type, at, rules);
		default:
			invalid({ field: `${at}/type`, message: `Unsupported condition type '${String(type)}'` });
	}
}

/**
 * An Or of text EQUAL_TO conditions on one field (a look-up of 50 references) as one set look-up,
 * with the same answer as testing each condition in turn: one entity then costs one read, not 50,
 * and the sandbox's time would otherwise pass for the client's in a 10,000-order write-back.
 * Called after the conditions were compiled (checked and audited); undefined for any other Or.
 */
function oneOfTexts(list: unknown[], at: string, rules: SearchRules): Predicate | undefined {
	const quiet = { ...rules, audit: undefined };
	let pointer: string | undefined;
	const values = new Set<string>();
	for (const cond of list) {
		if (!isObject(cond) || cond.type !== 'TextComparisonCondition' || cond.method !== 'EQUAL_TO')
			return undefined;
		const value = isObject(cond.value) ? cond.value.value : undefined;
		const field = fieldPointer(cond, at, quiet);
		if (typeof value !== 'string' || (pointer !== undefined && field !== pointer)) return undefined;
		pointer = field;
		values.add(value);
	}
	if (pointer === undefined) return undefined;
	const get = pointerReader(pointer);
	return (e) => {
		const actual = get(e);
		return typeof actual === 'string' && values.has(actual);
	};
}

function fieldPointer(cond: Json, at: string, rules: SearchRules): string {
	const valueFields = rules.valueFields;
	const field = cond.field;
	if (!isObject(field)) invalid({ field: `${at}/field`, message: 'field is required' });
	if (field.type === 'JsonField') {
		if (typeof field.pointer !== 'string' || !field.pointer.startsWith('/')) {
			invalid({
				field: `${at}/field/pointer`,
				message: 'pointer must be a JSON pointer starting with /',
			});
		}
		// Only the documented pointers are searchable (reference §3.3, §4, §8). UNCONFIRMED: the
		// answer to any other pointer; we refuse it (422), the hardest for a client.
		if (!rules.pointers.includes(field.pointer)) {
			rules.audit?.({
				endpoint: rules.endpoint,
				kind: 'undocumented-field',
				detail: field.pointer,
				tolerated: !rules.strictFields,
			});
			if (rules.strictFields)
				invalid({
					field: `${at}/field/pointer`,
					message: `Unsupported search field '${field.pointer}'`,
				});
		}
		return field.pointer;
	}
	if (field.type === 'ValueField') {
		const key = field.value;
		// ValueField "status" is rejected by the live API [TP-py]; only the listed keys are accepted.
		if (typeof key !== 'string' || !Object.prototype.hasOwnProperty.call(valueFields, key)) {
			invalid({ field: `${at}/field/value`, message: `Unsupported search field '${String(key)}'` });
		}
		return valueFields[key];
	}
	invalid({ field: `${at}/field/type`, message: 'field type must be JsonField or ValueField' });
}

function leaf(cond: Json, type: string, at: string, rules: SearchRules): Predicate {
	const pointer = fieldPointer(cond, at, rules);
	const valueField = cond.value;
	if (!isObject(valueField) || valueField.type !== 'ValueField' || !('value' in valueField)) {
		invalid({ field: `${at}/value`, message: 'value must be {type:"ValueField", value}' });
	}
	const value = valueField.value;
	const method = cond.method;
	const get = pointerReader(pointer);

	if (type === 'BooleanComparisonCondition') {
		// No method is documented; we accept none or EQUAL_TO and reject anything else (strict).
		if (method !== undefined && method !== null && method !== 'EQUAL_TO') {
			invalid({ field: `${at}/method`, message: 'BooleanComparisonCondition takes no method' });
		}
		if (typeof value !== 'boolean')
			invalid({ field: `${at}/value/value`, message: 'value must be a boolean' });
		return (e) => get(e) === value;
	}

	const methods = type === 'TextComparisonCondition' ? TEXT : ORDERED;
	if (typeof method !== 'string' || !methods.includes(method)) {
		invalid({ field: `${at}/method`, message: `method must be one of ${methods.join(', ')}` });
	}
	// The official example compares timestamps with GREATER_THAN/LESS_THAN, but a public client
	// (work-flowers/zapier-cartoncloud searches/search_outbound_orders.js) says range operators on
	// timestamps are not supported and searches day by day with STARTS_WITH. UNCONFIRMED which is
	// right; by default we refuse ranges (422 naming the method), a switch accepts them.
	if (
		!rules.timestampRanges &&
		pointer.startsWith('/timestamps/') &&
		RANGE_METHODS.includes(method)
	) {
		invalid({
			field: `${at}/method`,
			message: `Range method ${method} is not supported on timestamp fields; use STARTS_WITH with a date`,
		});
	}

	// A missing or null field never matches, whatever the method (also NOT_EQUAL_TO): a packed-time
	// condition must not select unpacked orders.
	// UNCONFIRMED: text comparisons are case-sensitive (strict); the docs do not say.
	if (type === 'TextComparisonCondition') {
		if (typeof value !== 'string')
			invalid({ field: `${at}/value/value`, message: 'value must be a string' });
		const v = value as string;
		return (e) => {
			const actual = get(e);
			if (typeof actual !== 'string') return false;
			switch (method) {
				case 'EQUAL_TO':
					return actual === v;
				case 'NOT_EQUAL_TO':
					return actual !== v;
				case 'CONTAINS':
					return actual.includes(v);
				case 'DOES_NOT_CONTAIN':
					return !actual.includes(v);
				default:
					return actual.startsWith(v);
			}
		};
	}
	if (type === 'NumericComparisonCondition') {
		if (typeof value !== 'number' || !Number.isFinite(value)) {
			invalid({ field: `${at}/value/value`, message: 'value must be a number' });
		}
		// UNCONFIRMED: numeric strings in the entity (e.g. references.numericId) compare as numbers.
		return (e) => {
			const actual = get(e);
			const n =
				typeof actual === 'string' && /^-?\d+(\.\d+)?$/.test(actual) ? Number(actual) : actual;
			return typeof n === 'number' && compare(method as string, n, value as number);
		};
	}
	if (type === 'DateComparisonCondition') {
		// Compares the tenant-local date part (YYYY-MM-DD) of the stored timestamp.
		// UNCONFIRMED: we require a YYYY-MM-DD value (422 for a date-time) rather than truncating it.
		if (!isDateOnly(value))
			invalid({ field: `${at}/value/value`, message: 'value must be a date YYYY-MM-DD' });
		return (e) => {
			const actual = get(e);
			if (typeof actual !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(actual)) return false;
			return compare(method as string, actual.slice(0, 10), value as string);
		};
	}
	// DateTimeComparisonCondition compares instants.
	// UNCONFIRMED: we require an ISO-8601 date-time with an explicit offset or Z (422 otherwise),
	// because a bare date or local time is ambiguous across the tenant's time zone.
	const instant = parseDateTime(value);
	if (instant === undefined) {
		invalid({
			field: `${at}/value/value`,
			message: 'value must be an ISO-8601 date-time with offset',
		});
	}
	return (e) => {
		const actual = parseDateTime(get(e));
		return actual !== undefined && compare(method as string, actual, instant as number);
	};
}
