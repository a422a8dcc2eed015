/**
 * Overrides: a value a user gives for a Starshipit field instead of the mapping table's default.
 * The node hands them over already read for the item (a value, or an expression n8n evaluated), so
 * the mapping stays a pure function of its inputs. Each is read as its field's type and cleaned as
 * that field's text is cleaned; the order's rules then check it like any other value. An override
 * that comes out empty (nothing, or blank text) keeps the default for that order.
 */
import { toCountryName } from './countries';
import type { OrderField } from './orderField';
import { cleanStrings, isEmpty } from './text';

export interface FieldOverride {
	value: unknown;
	/** Where it was set, as an error names it: `override`, `value for customer "Koala Outdoor Co"`. */
	from: string;
	/** What to change when it fails the order. */
	fix: string;
}

/** Per field id (see `OrderField.id`). */
export type Overrides = Record<string, FieldOverride>;

export type ReadOverride =
	| { kind: 'value'; value: unknown }
	| { kind: 'empty' }
	| { kind: 'wrong'; message: string };

const EMPTY: ReadOverride = { kind: 'empty' };

/** A value as an error quotes it: text in quotes (cut), a number or boolean as is, else its kind. */
export function quote(value: unknown): string {
	if (typeof value === 'string') return `"${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	if (value === null) return 'null';
	return Array.isArray(value) ? 'a list' : `an ${typeof value}`;
}

function asText(f: OrderField, value: unknown): ReadOverride {
	if (typeof value === 'number' && Number.isFinite(value)) value = String(value);
	if (typeof value !== 'string')
		return { kind: 'wrong', message: `must be text (got ${quote(value)})` };
	const cleaned = cleanStrings(value, f.key);
	if (cleaned === '') return EMPTY;
	// A country may be given as an ISO code or a name, as the sale order's is: Starshipit wants the name.
	return {
		kind: 'value',
		value: f.format === 'country' ? (toCountryName(cleaned) ?? cleaned) : cleaned,
	};
}

function asNumber(value: unknown): ReadOverride {
	const number = typeof value === 'string' ? Number(value.trim()) : value;
	return typeof number === 'number' && Number.isFinite(number)
		? { kind: 'value', value: number }
		: { kind: 'wrong', message: `must be a number (got ${quote(value)})` };
}

const TRUE = new Set(['true', 'yes']);
const FALSE = new Set(['false', 'no']);

function asBoolean(value: unknown): ReadOverride {
	if (typeof value === 'boolean') return { kind: 'value', value };
	const word = typeof value === 'string' ? value.trim().toLowerCase() : undefined;
	if (word && TRUE.has(word)) return { kind: 'value', value: true };
	if (word && FALSE.has(word)) return { kind: 'value', value: false };
	return { kind: 'wrong', message: `must be true or false (got ${quote(value)})` };
}

/** A date as text, a JavaScript Date, or the Luxon DateTime n8n's `$now` and `DateTime` give. */
function asDate(value: unknown): ReadOverride {
	const luxon = value as { toISO?: () => string | null } | null;
	const date =
		value instanceof Date
			? value
			: typeof luxon?.toISO === 'function'
				? new Date(luxon.toISO() ?? '')
				: typeof value === 'string'
					? new Date(value.trim())
					: undefined;
	return date && !Number.isNaN(date.getTime())
		? { kind: 'value', value: date.toISOString() }
		: {
				kind: 'wrong',
				message: `must be a date and time such as 2026-03-01T09:30:00+10:00 (got ${quote(value)})`,
			};
}

/**
 * Custom fields as Starshipit metadata: Mapped Field names separated by commas (each one the sale
 * order has becomes `{metafield_key: name, value}`), or an object of keys and values from an expression.
 */
function asMetadata(
	value: unknown,
	customFields: Record<string, unknown> | undefined,
): ReadOverride {
	let entries: Array<[string, unknown]>;
	if (typeof value === 'string') {
		const names = value
			.split(',')
			.map((name) => name.trim())
			.filter(Boolean);
		entries = names
			.filter((name) => customFields && !isEmpty(customFields[name]))
			.map((name) => [name, customFields![name]]);
	} else if (value && typeof value === 'object' && !Array.isArray(value)) {
		entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => !isEmpty(v));
	} else {
		return {
			kind: 'wrong',
			message: `must be custom field names separated by commas, or an object of keys and values (got ${quote(value)})`,
		};
	}
	if (entries.length === 0) return EMPTY;
	const metadatas = entries.map(([key, v]) => ({
		metafield_key: cleanStrings(key),
		value: cleanStrings(
			typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : String(v),
		),
	}));
	return { kind: 'value', value: metadatas };
}

/** An override read as its field's type; `empty` keeps the default. */
export function readOverride(
	f: OrderField,
	value: unknown,
	customFields: Record<string, unknown> | undefined,
): ReadOverride {
	if (isEmpty(value)) return EMPTY;
	if (f.format === 'metadata') return asMetadata(value, customFields);
	if (f.type === 'number') return asNumber(value);
	if (f.type === 'boolean') return asBoolean(value);
	if (f.type === 'dateTime') return asDate(value);
	return asText(f, value);
}
