/**
 * Every relative link in the package's documentation leads somewhere: the file exists, and a
 * `#fragment` names a heading of that file (as GitHub makes anchors from headings). External
 * links are not fetched (CI has no network); they are only checked to be https.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const DOCS = [
	'README.md',
	'CONTRIBUTING.md',
	'CHANGELOG.md',
	'bench/README.md',
	'test/sandbox/README.md',
	'test/n8n/README.md',
]
	.concat(
		fs.existsSync(path.join(ROOT, 'docs'))
			? fs
					.readdirSync(path.join(ROOT, 'docs'))
					.filter((f) => f.endsWith('.md'))
					.map((f) => `docs/${f}`)
			: [],
	)
	.filter((file) => fs.existsSync(path.join(ROOT, file)));

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
const anchorOf = (heading: string) =>
	heading
		.trim()
		.toLowerCase()
		.replace(/[`*_]/g, '')
		.replace(/[^\p{L}\p{N} -]/gu, '')
		.replace(/ /g, '-');

function anchors(file: string): Set<string> {
	const text = fs.readFileSync(file, 'utf8').replace(/```[\s\S]*?```/g, '');
	return new Set([...text.matchAll(/^#{1,6} +(.+)$/gm)].map((m) => anchorOf(m[1])));
}

function links(file: string): string[] {
	const text = fs
		.readFileSync(path.join(ROOT, file), 'utf8')
		.replace(/```[\s\S]*?```/g, '')
		.replace(/`[^`\n]*`/g, '');
	return [...text.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)].map((m) => m[1]);
}

describe('documentation links', () => {
	it('has documents to check', () => expect(DOCS).toContain('README.md'));
	it.each(DOCS)('%s: every link resolves', (file) => {
		const broken: string[] = [];
		for (const link of links(file)) {
			if (/^[a-z]+:/i.test(link)) {
				if (!/^(https|mailto):/i.test(link)) broken.push(`${link} (not https)`);
				continue;
			}
			const [target, fragment] = link.split('#');
			const resolved = target
				? path.resolve(ROOT, path.dirname(file), decodeURIComponent(target))
				: path.join(ROOT, file);
			if (!fs.existsSync(resolved)) {
				broken.push(`${link} (no such file)`);
				continue;
			}
			if (fragment && resolved.endsWith('.md') && !anchors(resolved).has(fragment.toLowerCase()))
				broken.push(`${link} (no heading #${fragment})`);
		}
		expect(broken).toEqual([]);
	});
});
