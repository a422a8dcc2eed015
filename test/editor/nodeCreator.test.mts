/**
 * What n8n's node creator shows for the package, by the rules of n8n-editor-ui 2.41
 * (`generateMergedNodesAndActions` in its workflows store): a trigger node's actions join an
 * action node's panel only when the trigger's type name with "Trigger" taken out is that node's
 * type name (`cartonCloudTrigger` → `cartonCloud`); otherwise the panel says "No CartonCloud
 * Triggers available" and the trigger is listed on its own. The "Docs" link of a node's panel is
 * the first `resources.primaryDocumentation` URL of its codex file.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPackageTypes } from '../harness/registry.mts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
	name: string;
	homepage: string;
	n8n: { nodes: string[] };
};
const { nodeTypes } = loadPackageTypes(ROOT);
const types = pkg.n8n.nodes.map((file) => {
	const name = path.basename(file).replace(/\.node\.js$/, '');
	const { description } = nodeTypes.getByName(
		`${pkg.name}.${name.charAt(0).toLowerCase()}${name.slice(1)}`,
	);
	return { file, description, type: `${pkg.name}.${description.name}` };
});

describe('node creator', () => {
	it.each(['cartonCloud', 'starshipit'])(
		"lists a trigger in the %s node's panel (the editor merges <name>Trigger into <name>)",
		(name) => {
			const merged = types.filter(
				(t) =>
					t.description.group.includes('trigger') &&
					t.type.replace('Trigger', '') === `${pkg.name}.${name}`,
			);
			expect(merged.map((t) => t.description.name)).toEqual([`${name}Trigger`]);
		},
	);

	it("opens this package's documentation from every node's Docs link", () => {
		for (const { file } of types) {
			const codex = JSON.parse(
				fs.readFileSync(
					path.join(ROOT, file.replace(/^dist\//, '').replace(/\.js$/, '.json')),
					'utf8',
				),
			) as { node: string; resources: { primaryDocumentation: { url: string }[] } };
			expect(codex.resources.primaryDocumentation[0].url, file).toBe(pkg.homepage);
			expect(types.map((t) => t.type)).toContain(codex.node);
		}
	});
});
