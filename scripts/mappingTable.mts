/**
 * `npm run docs:mapping`: writes the mapping table (nodes/shared/mapping/mappingTable.ts) as
 * Markdown between `<!-- MAPPING-TABLE -->` and `<!-- /MAPPING-TABLE -->` in every Markdown file of
 * the package that has those markers (README.md, docs/mapping.md). test/docs/mappingTable.test.mts
 * fails when a file's section differs from what this writes, so the docs cannot drift from the code.
 *
 *   npm run docs:mapping            rewrite the sections
 *   npm run docs:mapping -- --check list the files whose section is out of date (exit 1 if any)
 */
import fs from 'node:fs';
import path from 'node:path';
import {
	editorLabelOf,
	ITEM_FIELDS,
	ORDER_FIELDS,
	PACKAGES_TEXT,
} from '../nodes/shared/mapping/mappingTable.ts';
import type { OrderField } from '../nodes/shared/mapping/orderField.ts';

export const ROOT = path.resolve(import.meta.dirname, '..');
const START = '<!-- MAPPING-TABLE -->';
const END = '<!-- /MAPPING-TABLE -->';
const SKIP = new Set(['node_modules', '.git', '.tools', 'dist']);

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function limitsOf(f: OrderField): string {
	if (f.format === 'country')
		return `${f.required ? 'required; ' : ''}a country name Starshipit knows (an ISO code is turned into its name)`;
	if (f.format === 'currency') return '3 letters, e.g. AUD';
	if (f.format === 'date') return 'a date and time, sent in UTC';
	if (f.format === 'metadata')
		return 'custom field names, comma-separated (or an object of keys and values from an expression)';
	if (f.type === 'boolean') return 'true or false';
	if (f.type === 'number') return 'a number, not negative';
	return `${f.required ? 'required; ' : ''}text, at most ${f.max} characters`;
}

/** The table as Markdown, one row per Starshipit field. */
export function mappingTableMarkdown(): string {
	const rows = [
		'| Starshipit field | Order Fields shows it as | By default, from the CartonCloud sale order | Type and limits | Text cleaning | When the default fails |',
		'|---|---|---|---|---|---|',
		...ORDER_FIELDS.map(
			(f) =>
				`| \`${f.path}\` | ${cell(editorLabelOf(f))} | ${cell(f.defaultText)} | ${cell(limitsOf(f))} | ${f.cleaning} | ${cell(f.fix ?? '—')} |`,
		),
		...ITEM_FIELDS.map(
			(f) =>
				`| \`items[].${f.key}\` | — (one item per sale-order line) | ${cell(f.defaultText)} | ${cell(f.limits)} | ${f.key === 'sku' || f.key === 'description' ? 'one line' : 'none'} | — |`,
		),
		`| \`packages[]\` | — (the Packages option) | ${cell(PACKAGES_TEXT)} | metres (at most 10) and kg (at most 1000) | none | — |`,
	];
	return rows.join('\n');
}

/** Every Markdown file of the package with the markers. */
export function filesWithTable(dir = ROOT): string[] {
	const found: string[] = [];
	for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
		if (SKIP.has(entry.name)) continue;
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) found.push(...filesWithTable(full));
		else if (entry.name.endsWith('.md') && fs.readFileSync(full, 'utf8').includes(START))
			found.push(full);
	}
	return found;
}

/** The file's text with its section(s) replaced by the generated table. */
export function withTable(text: string): string {
	const table = mappingTableMarkdown();
	return text.replace(new RegExp(`${START}[\\s\\S]*?${END}`, 'g'), `${START}\n${table}\n${END}`);
}

function main(): void {
	const check = process.argv.includes('--check');
	const stale: string[] = [];
	for (const file of filesWithTable()) {
		const text = fs.readFileSync(file, 'utf8');
		const updated = withTable(text);
		if (updated === text) continue;
		stale.push(path.relative(ROOT, file));
		if (!check) fs.writeFileSync(file, updated);
	}
	if (check && stale.length) {
		console.error(`mapping table out of date in: ${stale.join(', ')} (run npm run docs:mapping)`);
		process.exit(1);
	}
	console.log(
		stale.length
			? `${check ? 'out of date' : 'rewrote'}: ${stale.join(', ')}`
			: 'mapping tables up to date',
	);
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) main();
