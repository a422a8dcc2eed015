/**
 * The variants `npm run bench -- --variants` compares (bench/variants.mts), applied in the engine
 * process before the package is loaded: each replaces one function of the BUILT package with what
 * n8n would do in its place. The built modules call each other through their exports objects
 * (`(0, parameters_1.itemParameter)(...)`), so replacing an export replaces every use of it.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import type { IExecuteFunctions } from 'n8n-workflow';

export const VARIANTS = {
	asShipped: 'As shipped',
	n8nParameters: "n8n parameters: every itemParameter read through n8n's getNodeParameter",
	wholeReplies:
		"Replies read whole: every JSON reply and listing page collected, then parsed once, as n8n's json: true does",
} as const;

export type VariantName = keyof typeof VARIANTS;

const require = createRequire(import.meta.url);
const DIST = path.resolve(import.meta.dirname, '..', 'dist', 'nodes', 'shared');

/** Collects a reply as n8n's request helper does before parsing it: every chunk, then one buffer. */
async function wholeText(stream: AsyncIterable<Buffer | string>): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const piece of stream)
		chunks.push(typeof piece === 'string' ? Buffer.from(piece) : piece);
	return Buffer.concat(chunks)
		.toString('utf8')
		.replace(/^\uFEFF/, '');
}

function parsed(text: string): unknown {
	if (text === '') return '';
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return text;
	}
}

export function applyVariant(name: string | undefined): void {
	if (!name || name === 'asShipped') return;
	if (name === 'n8nParameters') {
		const parameters = require(path.join(DIST, 'parameters.js')) as Record<string, unknown>;
		parameters.itemParameter = (
			context: IExecuteFunctions,
			parameter: string,
			itemIndex: number,
			fallback: unknown,
		) => context.getNodeParameter(parameter, itemIndex, fallback as never);
		return;
	}
	if (name === 'wholeReplies') {
		const body = require(path.join(DIST, 'transport', 'jsonBody.js')) as Record<string, unknown>;
		const rows = require(path.join(DIST, 'transport', 'jsonRows.js')) as Record<string, unknown>;
		body.readJson = async (stream: AsyncIterable<Buffer | string>) =>
			parsed(await wholeText(stream));
		rows.readRows = async (
			stream: AsyncIterable<Buffer | string>,
			rowsKey: string,
			onRow: (row: unknown) => unknown,
		) => {
			const text = await wholeText(stream);
			const reply = parsed(text);
			const isObject = typeof reply === 'object' && reply !== null && !Array.isArray(reply);
			const list = isObject ? (reply as Record<string, unknown>)[rowsKey] : undefined;
			const all = Array.isArray(list) ? list : [];
			return {
				envelope: isObject
					? { ...(reply as object), ...(Array.isArray(list) ? { [rowsKey]: [] } : {}) }
					: undefined,
				sawRows: Array.isArray(list),
				rows: all.map(onRow).filter((kept) => kept !== undefined),
				count: all.length,
				firstRowText: all.length ? JSON.stringify(all[0]) : undefined,
				head: text.slice(0, 2048),
			};
		};
		return;
	}
	throw new Error(`unknown bench variant "${name}" (known: ${Object.keys(VARIANTS).join(', ')})`);
}
