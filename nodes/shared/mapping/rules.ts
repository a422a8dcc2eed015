/**
 * The words the order's rules are written in (`starshipitOrder`, the parts of a sale order the
 * mapping reads, an update, a rate's packages), on zod: `zod/v4/mini`, which n8n ships (its zod
 * 3.25 carries zod 4) and lets a community node import, so the package still has no runtime
 * dependency. Each word is a zod schema carrying the message people read for it ("must be at most
 * 50 characters", "is required"), and `check` turns zod's issues into a field path and that message
 * (`items[0].weight: must be greater than 0`).
 *
 * Why zod and not the small checker this replaced (nodes/shared/mapping/check.ts, written when zod
 * 3 allocated about 25 KB per order mapped): zod 4 mini checks an order in about the same time and
 * about 3 KB; the 10,000-order push at 20/s with zod took +6.9% CPU and +3.4% peak RSS against the
 * checker (2.80 s / 390 MB against 2.62 s / 377 MB, medians of 3, `npm run bench -- --variants
 * --against 030f1ea --against 030f1ea~1`), within the 10% the project allows, so zod it is.
 */
import * as z from 'zod/v4/mini';

export type Rule<T = unknown> = z.ZodMiniType<T, unknown>;
/** A rule whose key may be absent. */
export type OptionalRule<T = unknown> = z.ZodMiniOptional<Rule<T>>;
export type Shape = Record<string, Rule>;
export type Checked<S extends Shape> = z.infer<z.ZodMiniObject<S>>;

export type Path = Array<string | number>;

export interface Issue {
	path: Path;
	message: string;
}

const kindOf = (value: unknown) =>
	value === null
		? 'null'
		: Array.isArray(value)
			? 'a list'
			: typeof value === 'number' && Number.isNaN(value)
				? 'NaN'
				: typeof value;

/** The message of a value of the wrong type: a missing key "is required", anything else says what it got. */
const wrongType = (expected: string) => ({
	error: (issue: { input?: unknown }) =>
		issue.input === undefined ? 'is required' : `must be ${expected} (got ${kindOf(issue.input)})`,
});

/** Extra checks on a string or number: each returns a message, or undefined when the value passes. */
export type Test<T> = (value: T) => string | undefined;

/** A test as a zod check; the first failing check of a value is its only message. */
const asCheck = <T>(test: Test<T>) =>
	z.refine<T>((value) => test(value) === undefined, {
		error: (issue) => test(issue.input as T),
		abort: true,
	});

export function text(max?: number, ...tests: Array<Test<string>>): Rule<string> {
	const checks = tests.map((test) => asCheck(test));
	if (max !== undefined)
		checks.unshift(
			z.maxLength(max, { message: `must be at most ${max} characters`, abort: true }) as never,
		);
	return z.string(wrongType('text')).check(...checks);
}

/** Text that must not be blank; kept trimmed. */
export function requiredText(max: number): Rule<string> {
	return z
		.string(wrongType('text'))
		.check(
			z.trim(),
			z.minLength(1, { message: 'is required', abort: true }),
			z.maxLength(max, { message: `must be at most ${max} characters`, abort: true }),
		);
}

export function number(...tests: Array<Test<number>>): Rule<number> {
	return z.number(wrongType('a number')).check(...tests.map((test) => asCheck(test)));
}

export const integer: Test<number> = (n) =>
	Number.isInteger(n) ? undefined : 'must be a whole number';
export const notNegative: Test<number> = (n) => (n < 0 ? 'must not be negative' : undefined);
export const positive: Test<number> = (n) => (n > 0 ? undefined : 'must be greater than 0');
export const atMost =
	(limit: number, message: string): Test<number> =>
	(n) =>
		n > limit ? message : undefined;

export const boolean: Rule<boolean> = z.boolean(wrongType('true or false'));

/** Text or a number (CartonCloud sends some references and postcodes as either). */
export const textOrNumber: Rule<string | number> = z.union(
	[z.string(), z.number()],
	wrongType('text or a number'),
);

/** The key may be absent. */
export const optional = z.optional;

/** The key may be absent or null (as CartonCloud sends fields it has no value for). */
export const nullish = z.nullish;

export function list<T extends Rule>(rule: T) {
	return z.array(rule, wrongType('a list'));
}

/** Objects `check` answers with the value it was given, not zod's copy (see `object`). */
const readOnly = new WeakSet<object>();

/**
 * An object with these keys: a checked copy holding only them. `keep: 'all'` is for input that is
 * only read, such as a sale order: unknown keys are let through and `check` answers the object it
 * was given, so nothing is copied for the mapping to read.
 */
export function object<S extends Shape>(shape: S, keep: 'known' | 'all' = 'known') {
	if (keep === 'known') return z.object(shape, wrongType('an object'));
	const rule = z.looseObject(shape, wrongType('an object'));
	readOnly.add(rule);
	return rule;
}

/** The same object with every key optional (an update that sends only what changes). */
export const partial = z.partial;

/** Checks `value` against `rule`: what is kept of it, and every problem found. */
export function check<T>(rule: Rule<T>, value: unknown): { value: T; issues: Issue[] } {
	const result = rule.safeParse(value);
	if (result.success) return { value: readOnly.has(rule) ? (value as T) : result.data, issues: [] };
	const issues = result.error.issues.map((issue) => ({
		path: issue.path.map((key) => (typeof key === 'number' ? key : String(key))),
		message: issue.message,
	}));
	return { value: value as T, issues };
}
