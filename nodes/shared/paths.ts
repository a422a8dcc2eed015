/** The value at a nested path of plain objects and arrays; undefined once a step is not an object. */
export function valueAt(value: unknown, path: ReadonlyArray<string | number>): unknown {
	let current = value;
	for (const key of path)
		current =
			current !== null && typeof current === 'object'
				? (current as Record<string | number, unknown>)[key]
				: undefined;
	return current;
}
