/**
 * A small shape checker: the rules an order must meet (`starshipitOrder`) and the parts of a sale
 * order the mapping reads are written with it, once each. Every problem is reported with its
 * field's path, as people read it (`items[0].weight`).
 *
 * Why not zod, which the package used before: zod 3 allocates about 25 KB of short-lived objects
 * per sale order mapped (a result object, a path and a status per field). At 10,000 orders that was
 * a third of the push's CPU time, and in about one run in four V8 moved those objects into its old
 * generation by the hundred megabytes, raising the push's peak memory by 100 MB. These rules
 * allocate nothing while a value is valid, except the checked copy of an object or list (unknown
 * keys dropped, required text trimmed), as zod's output was.
 */

export type Path = Array<string | number>;

export interface Issue {
	path: Path;
	message: string;
}

/**
 * Checks a value and returns what is kept of it. `path` is the field's path, shared by the whole
 * check (pushed and popped, copied only into an issue).
 */
export interface Rule<T> {
	(value: unknown, path: Path, issues: Issue[]): T;
	/** A key that may be absent (undefined); null only where the rule says so. */
	optional?: boolean;
}

export type Shape = Record<string, Rule<unknown>>;
type OptionalKeys<S extends Shape> = { [K in keyof S]: S[K] extends { optional: true } ? K : never }[keyof S];
type Output<R> = R extends Rule<infer T> ? T : never;
export type Checked<S extends Shape> = { [K in Exclude<keyof S, OptionalKeys<S>>]: Output<S[K]> } & { [K in OptionalKeys<S>]?: Exclude<Output<S[K]>, undefined> };

export interface ObjectRule<S extends Shape> extends Rule<Checked<S>> {
	shape: S;
}

const kindOf = (value: unknown) => (value === null ? 'null' : Array.isArray(value) ? 'a list' : typeof value);

function report<T>(issues: Issue[], path: Path, message: string, value?: T): T {
	issues.push({ path: [...path], message });
	return value as T;
}

/** Extra checks on a string or number: each returns a message, or undefined when the value passes. */
type Test<T> = (value: T) => string | undefined;

export function text(max?: number, ...tests: Array<Test<string>>): Rule<string> {
	return (value, path, issues) => {
		if (typeof value !== 'string') return report(issues, path, `must be text (got ${kindOf(value)})`, value as string);
		if (max !== undefined && value.length > max) return report(issues, path, `must be at most ${max} characters`, value);
		for (const test of tests) {
			const message = test(value);
			if (message) return report(issues, path, message, value);
		}
		return value;
	};
}

/** Text that must not be blank; kept trimmed. */
export function requiredText(max: number): Rule<string> {
	const within = text(max);
	return (value, path, issues) => {
		if (typeof value !== 'string') return within(value, path, issues);
		const trimmed = value.trim();
		if (!trimmed) return report(issues, path, 'is required', trimmed);
		return within(trimmed, path, issues);
	};
}

export function number(...tests: Array<Test<number>>): Rule<number> {
	return (value, path, issues) => {
		if (typeof value !== 'number' || !Number.isFinite(value)) return report(issues, path, `must be a number (got ${Number.isNaN(value) ? 'NaN' : kindOf(value)})`, value as number);
		for (const test of tests) {
			const message = test(value);
			if (message) return report(issues, path, message, value);
		}
		return value;
	};
}

export const integer: Test<number> = (n) => (Number.isInteger(n) ? undefined : 'must be a whole number');
export const notNegative: Test<number> = (n) => (n < 0 ? 'must not be negative' : undefined);
export const positive: Test<number> = (n) => (n > 0 ? undefined : 'must be greater than 0');
export const atMost =
	(limit: number, message: string): Test<number> =>
	(n) =>
		n > limit ? message : undefined;

export const boolean: Rule<boolean> = (value, path, issues) => (typeof value === 'boolean' ? value : report(issues, path, `must be true or false (got ${kindOf(value)})`, value as boolean));

/** Text or a number (CartonCloud sends some references and postcodes as either). */
export const textOrNumber: Rule<string | number> = (value, path, issues) =>
	typeof value === 'string' || typeof value === 'number' ? value : report(issues, path, `must be text or a number (got ${kindOf(value)})`, value as string);

/** The key may be absent. */
export function optional<T>(rule: Rule<T>): Rule<T | undefined> & { optional: true } {
	const wrapped = ((value: unknown, path: Path, issues: Issue[]) => (value === undefined ? undefined : rule(value, path, issues))) as Rule<T | undefined> & { optional: true };
	wrapped.optional = true;
	return wrapped;
}

/** The key may be absent or null (as CartonCloud sends fields it has no value for). */
export function nullish<T>(rule: Rule<T>): Rule<T | null | undefined> & { optional: true } {
	const wrapped = ((value: unknown, path: Path, issues: Issue[]) => (value === undefined || value === null ? value : rule(value, path, issues))) as Rule<T | null | undefined> & {
		optional: true;
	};
	wrapped.optional = true;
	return wrapped;
}

export function list<T>(rule: Rule<T>): Rule<T[]> {
	return (value, path, issues) => {
		if (!Array.isArray(value)) return report(issues, path, `must be a list (got ${kindOf(value)})`, value as T[]);
		const out = new Array<T>(value.length);
		for (let i = 0; i < value.length; i++) {
			path.push(i);
			out[i] = rule(value[i], path, issues);
			path.pop();
		}
		return out;
	};
}

/**
 * An object with these keys: a checked copy holding only them (`keep: 'all'` returns the object
 * itself, for input that is only read, such as a sale order). A missing required key "is required".
 */
export function object<S extends Shape>(shape: S, keep: 'known' | 'all' = 'known'): ObjectRule<S> {
	const keys = Object.keys(shape);
	const rule = ((value: unknown, path: Path, issues: Issue[]) => {
		if (typeof value !== 'object' || value === null || Array.isArray(value)) return report(issues, path, `must be an object (got ${kindOf(value)})`, value);
		const input = value as Record<string, unknown>;
		const out: Record<string, unknown> = {};
		for (const key of keys) {
			const field = shape[key];
			const raw = input[key];
			path.push(key);
			if (raw === undefined && !field.optional) report(issues, path, 'is required');
			else if (raw !== undefined) out[key] = field(raw, path, issues);
			path.pop();
		}
		return keep === 'all' ? value : out;
	}) as ObjectRule<S>;
	rule.shape = shape;
	return rule;
}

/** The same object with every key optional (an update that sends only what changes). */
export function partial<S extends Shape>(rule: ObjectRule<S>): ObjectRule<{ [K in keyof S]: Rule<Output<S[K]> | undefined> & { optional: true } }> {
	const shape = Object.fromEntries(Object.entries(rule.shape).map(([key, field]) => [key, field.optional ? field : optional(field)]));
	return object(shape) as unknown as ObjectRule<{ [K in keyof S]: Rule<Output<S[K]> | undefined> & { optional: true } }>;
}

/** Checks `value` against `rule`: what is kept of it, and every problem found. */
export function check<T>(rule: Rule<T>, value: unknown): { value: T; issues: Issue[] } {
	const issues: Issue[] = [];
	const checked = rule(value, [], issues);
	return { value: checked, issues };
}
