/**
 * Builders for CartonCloud's search grammar (`{condition}`): typed leaves on `JsonField`
 * pointers combined with And/Or conditions. There is no NotCondition, and the status is only
 * searchable as the pointer `/status` (the ValueField key "status" is rejected).
 */

export type TextMethod =
	| 'EQUAL_TO'
	| 'NOT_EQUAL_TO'
	| 'CONTAINS'
	| 'DOES_NOT_CONTAIN'
	| 'STARTS_WITH';
export type OrderedMethod =
	| 'EQUAL_TO'
	| 'NOT_EQUAL_TO'
	| 'GREATER_THAN'
	| 'GREATER_THAN_OR_EQUAL_TO'
	| 'LESS_THAN'
	| 'LESS_THAN_OR_EQUAL_TO';

export interface LeafCondition {
	type:
		| 'TextComparisonCondition'
		| 'DateTimeComparisonCondition'
		| 'NumericComparisonCondition'
		| 'BooleanComparisonCondition';
	field: { type: 'JsonField'; pointer: string };
	value: { type: 'ValueField'; value: string | number | boolean };
	method?: string;
}

export interface CompoundCondition {
	type: 'AndCondition' | 'OrCondition';
	conditions: SearchCondition[];
}

export type SearchCondition = LeafCondition | CompoundCondition;

export function text(
	pointer: string,
	value: string,
	method: TextMethod = 'EQUAL_TO',
): LeafCondition {
	return {
		type: 'TextComparisonCondition',
		field: { type: 'JsonField', pointer },
		value: { type: 'ValueField', value },
		method,
	};
}

/** `value` must be an ISO-8601 date-time with an offset (see `toApiDateTime`). */
export function dateTime(pointer: string, method: OrderedMethod, value: string): LeafCondition {
	return {
		type: 'DateTimeComparisonCondition',
		field: { type: 'JsonField', pointer },
		value: { type: 'ValueField', value },
		method,
	};
}

/**
 * The top level of a search is always a compound: CartonCloud answers a bare leaf "Missing
 * field: conditions" (work-flowers/zapier-cartoncloud `searches/search_outbound_orders.js`; the
 * docs call it the "wrap level condition"). So these builders always return an And/Or, even for
 * one condition, and every caller is wrapped here. A one-element compound nested inside another
 * is unwrapped to its leaf, which keeps bodies small.
 */
export function anyOf(conditions: SearchCondition[]): CompoundCondition {
	return compound('OrCondition', conditions);
}

/** Several conditions AND-ed; one condition is still wrapped (see anyOf). */
export function allOf(conditions: SearchCondition[]): CompoundCondition {
	return compound('AndCondition', conditions);
}

function compound(
	type: CompoundCondition['type'],
	conditions: SearchCondition[],
): CompoundCondition {
	if (conditions.length === 0)
		throw new Error(`${type} needs at least one condition (CartonCloud refuses an empty list)`);
	return { type, conditions: conditions.map(unwrapSingle) };
}

function unwrapSingle(condition: SearchCondition): SearchCondition {
	return 'conditions' in condition && condition.conditions.length === 1
		? condition.conditions[0]
		: condition;
}

/** `pointer` equals one of `values` (an OrCondition of EQUAL_TO leaves). */
export function oneOf(pointer: string, values: string[]): CompoundCondition {
	return anyOf(values.map((value) => text(pointer, value)));
}

/**
 * An ISO-8601 instant with a `Z` offset and no milliseconds. CartonCloud's own timestamps carry
 * an offset; a bare local time would be ambiguous across the tenant's time zone.
 */
export function toApiDateTime(date: Date): string {
	return `${date.toISOString().slice(0, 19)}Z`;
}

/** Splits `values` into chunks of at most `size`. */
export function chunk<T>(values: T[], size: number): T[][] {
	const chunks: T[][] = [];
	for (let i = 0; i < values.length; i += size) chunks.push(values.slice(i, i + size));
	return chunks;
}
