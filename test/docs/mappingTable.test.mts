/**
 * The mapping table in the docs is the one in the code: every Markdown file with the
 * `<!-- MAPPING-TABLE -->` markers (docs/mapping.md, the README) holds exactly what
 * `npm run docs:mapping` generates from nodes/shared/mapping/mappingTable.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ORDER_FIELDS } from '../../nodes/shared/mapping/mappingTable.ts';
import {
	filesWithTable,
	mappingTableMarkdown,
	ROOT,
	withTable,
} from '../../scripts/mappingTable.mts';

const files = filesWithTable();

describe('the mapping table in the docs', () => {
	it('docs/mapping.md has one', () =>
		expect(files.map((f) => path.relative(ROOT, f))).toContain(path.join('docs', 'mapping.md')));

	it.each(files.map((f) => [path.relative(ROOT, f), f] as const))(
		'%s is the generated table (npm run docs:mapping rewrites it)',
		(_name, file) => {
			const text = fs.readFileSync(file, 'utf8');
			expect(text).toBe(withTable(text));
			expect(text).toContain(mappingTableMarkdown());
		},
	);

	it('has a row for every field of the mapping table, its default and its limits', () => {
		const table = mappingTableMarkdown();
		for (const f of ORDER_FIELDS)
			expect(table).toContain(`| \`${f.path}\` | ${f.label} ← ${f.defaultShort} |`);
		expect(table).toMatch(/\| `packages\[\]` \|.*millimetres/);
	});
});
