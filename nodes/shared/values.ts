/**
 * Scalar parameters (dates, limits) as the editor, expressions and AI agents fill them: a model
 * sends numbers and booleans as text ("10", "true") and leaves optional ones out (`$fromAI()`
 * without a default gives undefined). Each reader accepts those and, when the value cannot be
 * used, fails with a message naming the field, the value and what to send instead: a model gets
 * only the message of a failed tool call.
 */
import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { isEmpty } from './mapping/text';

/** What a reader needs of the node's context. */
export interface HasNode {
	getNode(): INode;
}

/**
 * A date or date-time parameter; undefined when empty. Accepts what n8n's date fields and
 * expressions give (ISO text, a Date, a Luxon DateTime) and epoch milliseconds.
 */
export function readDate(
	context: HasNode,
	value: unknown,
	label: string,
	itemIndex?: number,
): Date | undefined {
	if (isEmpty(value)) return undefined;
	const date =
		value instanceof Date
			? value
			: typeof value === 'number'
				? new Date(value)
				: new Date(String(value).trim());
	if (Number.isNaN(date.getTime())) {
		throw new NodeOperationError(
			context.getNode(),
			`"${label}" is not a valid date (${JSON.stringify(value)}): give an ISO 8601 date or date-time, e.g. 2026-12-05 or 2026-12-05T09:00:00+10:00`,
			{ itemIndex },
		);
	}
	return date;
}

/** A yes/no parameter: true/false, "true"/"false", "yes"/"no", 1/0; `fallback` when empty. */
export function readBoolean(
	context: HasNode,
	value: unknown,
	label: string,
	fallback: boolean,
	itemIndex?: number,
): boolean {
	if (isEmpty(value)) return fallback;
	if (typeof value === 'boolean') return value;
	const text = String(value).trim().toLowerCase();
	if (['true', 'yes', '1'].includes(text)) return true;
	if (['false', 'no', '0'].includes(text)) return false;
	throw new NodeOperationError(
		context.getNode(),
		`"${label}" must be true or false (got ${JSON.stringify(value)})`,
		{ itemIndex },
	);
}

/** A whole number of at least `min` (numbers given as text too); `fallback` when empty. */
export function readWholeNumber(
	context: HasNode,
	value: unknown,
	label: string,
	fallback: number,
	itemIndex?: number,
	min = 1,
): number {
	if (isEmpty(value)) return fallback;
	const number = typeof value === 'number' ? value : Number(String(value).trim());
	if (!Number.isInteger(number) || number < min) {
		throw new NodeOperationError(
			context.getNode(),
			`"${label}" must be a whole number of at least ${min} (got ${JSON.stringify(value)})`,
			{ itemIndex },
		);
	}
	return number;
}

/**
 * Return All and Limit of a list operation read together: undefined for everything, else the
 * limit (default 50).
 */
export function readLimit(
	context: HasNode & {
		getNodeParameter(name: string, itemIndex: number, fallback?: unknown): unknown;
	},
	itemIndex: number,
): number | undefined {
	const returnAll = readBoolean(
		context,
		context.getNodeParameter('returnAll', itemIndex, false),
		'Return All',
		false,
		itemIndex,
	);
	return returnAll
		? undefined
		: readWholeNumber(
				context,
				context.getNodeParameter('limit', itemIndex, 50),
				'Limit',
				50,
				itemIndex,
			);
}
