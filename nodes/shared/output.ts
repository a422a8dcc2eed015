/**
 * Answers sized for a model (node version 2).
 *
 * n8n hands a tool's output items to the model as the JSON of their `json` (langchain's
 * buildSteps: `JSON.stringify(items.map(i => i.json))`), and the whole conversation goes back to
 * the model on every turn: 39 sale orders as CartonCloud returns them were 87,182 characters
 * (issue 27). So:
 * - list and get operations have an Output option, Simplified (the fields an agent needs) or Raw
 *   (everything), n8n's own wording (Microsoft Outlook's Output: Simplified / Raw). It defaults to
 *   Simplified on the Tool variant and to Raw on the node, so workflows keep their full data;
 * - an answer to a model stops at ANSWER_LIMIT characters with a note item saying how many were
 *   left out and how to narrow the request, whatever the operation (unless Output is Raw).
 * Version 1 has neither: its output is what it always was.
 */
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { readChoice } from './choices';
import { runsAsTool } from './tool';

/** The most characters an answer to a model may take (JSON of its items). */
export const ANSWER_LIMIT = 8_000;

const VERSION_2 = { '@version': [{ _cnd: { gte: 2 } }] };

const OUTPUT_OPTIONS = [
	{ name: 'Raw', value: 'raw', description: 'Every field the API returns' },
	{
		name: 'Simplified',
		value: 'simple',
		description:
			'The fields an AI agent needs (numbers, status, customer, destination, carrier, tracking); a list stops at about 8,000 characters with a note when more exist',
	},
];

/** The Output option of a list or get operation: Simplified by default on the Tool variant, Raw on the node. */
export function outputProperties(show: Record<string, string[]> = {}): INodeProperties[] {
	return [
		{
			displayName: 'Output',
			name: 'output',
			type: 'options',
			options: OUTPUT_OPTIONS,
			default: 'simple',
			displayOptions: { show: { ...show, ...VERSION_2, '@tool': [true] } },
		},
		{
			displayName: 'Output',
			name: 'output',
			type: 'options',
			options: OUTPUT_OPTIONS,
			default: 'raw',
			displayOptions: { show: { ...show, ...VERSION_2, '@tool': [false] } },
		},
	];
}

function outputChoice(context: IExecuteFunctions, itemIndex: number): 'simple' | 'raw' {
	const fallback = runsAsTool(context) ? 'simple' : 'raw';
	return readChoice(
		context,
		context.getNodeParameter('output', itemIndex, fallback),
		OUTPUT_OPTIONS,
		'Output',
		fallback,
		itemIndex,
	);
}

/** Whether the operation answers in its simplified form (version 2, Output Simplified). */
export function simplifies(context: IExecuteFunctions, itemIndex: number): boolean {
	return context.getNode().typeVersion >= 2 && outputChoice(context, itemIndex) === 'simple';
}

export interface AnswerNotes {
	/** The note when only `shown` of `total` rows fit. */
	cut(shown: number, total: number): string;
	/** Notes that go with the answer whatever fits (a caveat, "there may be more"). */
	always?: string[];
}

/** The object without its empty entries (undefined, null, '', empty lists and objects): a simplified answer names only what is there. */
export function withoutEmpty(entries: IDataObject): IDataObject {
	const result: IDataObject = {};
	for (const [key, value] of Object.entries(entries)) {
		if (value === undefined || value === null || value === '') continue;
		if (Array.isArray(value) && value.length === 0) continue;
		if (typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0)
			continue;
		result[key] = value;
	}
	return result;
}

const noteItem = (note: string): IDataObject => ({ note });

/**
 * The first rows that fit, with the notes, in an answer of at most `limit` characters: the rows,
 * then `notes.always`, then the cut note when rows were left out.
 */
export function fitAnswer(
	rows: IDataObject[],
	notes: AnswerNotes,
	limit = ANSWER_LIMIT,
): IDataObject[] {
	const always = (notes.always ?? []).map(noteItem);
	const sizeOf = (entries: IDataObject[]) =>
		entries.reduce((sum, entry) => sum + JSON.stringify(entry).length + 1, 0);
	const fixed = 1 + sizeOf(always);
	if (fixed + sizeOf(rows) <= limit) return [...rows, ...always];
	let shown = 0;
	let used = fixed;
	for (const row of rows) {
		const size = JSON.stringify(row).length + 1;
		if (used + size > limit) break;
		used += size;
		shown++;
	}
	for (; shown >= 0; shown--) {
		const answer = [...rows.slice(0, shown), ...always, noteItem(notes.cut(shown, rows.length))];
		if (JSON.stringify(answer).length <= limit || shown === 0) return answer;
	}
	return always;
}

/**
 * Every answer of a version 2 node run as a tool, cut to ANSWER_LIMIT (unless its Output is Raw),
 * and a note for an empty one (the model would get an empty string). Binary data and item pairing
 * stay with the items kept.
 */
export function fitToolAnswer(
	context: IExecuteFunctions,
	items: INodeExecutionData[],
): INodeExecutionData[] {
	if (
		context.getNode().typeVersion < 2 ||
		!runsAsTool(context) ||
		outputChoice(context, 0) === 'raw'
	)
		return items;
	if (items.length === 0)
		return [
			{ json: noteItem('Nothing found: the request matched nothing.'), pairedItem: { item: 0 } },
		];
	const fitted = fitAnswer(
		items.map((item) => item.json),
		{
			cut: (shown, total) =>
				`Showing ${shown} of ${total} results: an answer stops at about ${ANSWER_LIMIT.toLocaleString('en')} characters. Narrow the request to see the others.`,
		},
	);
	return fitted.map((json, index) =>
		index < items.length && json === items[index].json
			? items[index]
			: { json, pairedItem: { item: 0 } },
	);
}
