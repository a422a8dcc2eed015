/**
 * Choice parameters (options and multiOptions) as the editor, expressions and AI agents fill them.
 *
 * The editor hands a multiOptions parameter over as a list. An expression or `$fromAI()` may give a
 * list, a JSON list inside a string, a comma-separated string or one value: the editor's "let the
 * model define this parameter" button types a multiOptions parameter as a string, and a model
 * writes "PACKED, DISPATCHED" (issue 27 met `values.map is not a function` there).
 *
 * Each value is matched to an option by its value or its name, whatever the case, spacing and
 * punctuation ("packed", "Awaiting Pick and Pack", "awaiting_pick_and_pack"); a value that matches
 * none fails with a message naming the field and every allowed value, so a model can correct it.
 */
import type { INodePropertyOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { HasNode } from './values';

/** A value outside the options; its message names the field and the allowed values. */
export class ChoiceError extends Error {}

const normalise = (text: string): string => text.toLowerCase().replace(/[^a-z0-9]+/g, '');

/** The raw parameter as separate texts (a list, a JSON list, a comma/semicolon/newline list, one value); undefined when it is none of those. */
function partsOf(raw: unknown): string[] | undefined {
	if (raw === undefined || raw === null) return [];
	if (Array.isArray(raw)) {
		const parts = raw.map(partsOf);
		return parts.some((p) => p === undefined) ? undefined : (parts as string[][]).flat();
	}
	if (typeof raw === 'number' || typeof raw === 'boolean') return [String(raw)];
	if (typeof raw !== 'string') return undefined;
	const text = raw.trim();
	if (text.startsWith('[')) {
		try {
			const parsed: unknown = JSON.parse(text);
			if (Array.isArray(parsed)) return partsOf(parsed);
		} catch {
			// Not JSON after all: read it as a comma-separated list.
		}
	}
	return text
		.replace(/^\[|\]$/g, '')
		.split(/[,;|\n]+/)
		.map((part) =>
			part
				.trim()
				.replace(/^["'`]+|["'`]+$/g, '')
				.trim(),
		)
		.filter((part) => part !== '');
}

/** "AWAITING_PICK_AND_PACK, AWAITING_STOCK, …": the allowed values as a model should send them. */
export function allowedValues(options: INodePropertyOptions[]): string {
	return options.map((option) => String(option.value)).join(', ');
}

/** The option values the raw parameter names, or what is wrong with it. */
function choicesOf(
	raw: unknown,
	options: INodePropertyOptions[],
	label: string,
): { values: string[] } | { problem: string } {
	const byKey = new Map<string, string>();
	for (const option of options) {
		const value = String(option.value);
		for (const key of [normalise(value), normalise(option.name)])
			if (key !== '' && !byKey.has(key)) byKey.set(key, value);
	}
	const parts = partsOf(raw);
	if (parts === undefined)
		return {
			problem: `"${label}" must be a list of values or a comma-separated text, not ${JSON.stringify(raw)}`,
		};
	const values: string[] = [];
	const unknown: string[] = [];
	for (const part of parts) {
		const value = byKey.get(normalise(part));
		if (value === undefined) unknown.push(part);
		else if (!values.includes(value)) values.push(value);
	}
	if (unknown.length === 0) return { values };
	const what = unknown.map((u) => `"${u}"`).join(', ');
	return {
		problem: `"${label}": ${what} ${unknown.length === 1 ? 'is not an allowed value' : 'are not allowed values'}. Use one or more of: ${allowedValues(options)} (as a list or comma-separated)`,
	};
}

/**
 * The option values the raw parameter names, in the order given, each once; [] when empty.
 * Throws ChoiceError naming `label` and the allowed values when one matches no option.
 */
export function parseChoices(
	raw: unknown,
	options: INodePropertyOptions[],
	label: string,
): string[] {
	const result = choicesOf(raw, options, label);
	if ('problem' in result) throw new ChoiceError(result.problem);
	return result.values;
}

/** `parseChoices`, failing as a NodeOperationError of the node (and item, when given). */
export function readChoices(
	context: HasNode,
	raw: unknown,
	options: INodePropertyOptions[],
	label: string,
	itemIndex?: number,
): string[] {
	const result = choicesOf(raw, options, label);
	if ('problem' in result)
		throw new NodeOperationError(context.getNode(), result.problem, { itemIndex });
	return result.values;
}

/**
 * One value of an options parameter, matched as `parseChoices` matches (so "Shipped" and "shipped"
 * both give `shipped`); `fallback` when empty. Several values fail naming the allowed ones.
 */
export function readChoice<T extends string = string>(
	context: HasNode,
	raw: unknown,
	options: INodePropertyOptions[],
	label: string,
	fallback: NoInfer<T>,
	itemIndex?: number,
): T {
	const values = readChoices(context, raw, options, label, itemIndex);
	if (values.length === 0) return fallback;
	if (values.length > 1) {
		throw new NodeOperationError(
			context.getNode(),
			`"${label}" takes one value, not ${values.length} (${values.join(', ')}). Use one of: ${allowedValues(options)}`,
			{ itemIndex },
		);
	}
	return values[0] as T;
}
