/**
 * What the editor shows for our action nodes, from the built node types as n8n loads them: every
 * operation has a description, and the subtitle under a node on the canvas is the operation in
 * words ("Get many sale orders"), evaluated with n8n-workflow's expression engine the way the
 * editor evaluates it (only the node's parameters at hand); labels fit where the editor shows them
 * without an ellipsis: the node creator's action list (about 40 characters at 14 px) and the
 * parameter panel's labels and dropdowns at its default width (about 36).
 */
import path from 'node:path';
import type { INode, INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';
import { n8nWorkflow } from '../harness/n8n.mts';
import { loadPackageTypes } from '../harness/registry.mts';

const PACKAGE = 'n8n-nodes-cartoncloud-starshipit';
const { nodeTypes } = loadPackageTypes(path.resolve(import.meta.dirname, '../..'));

const ACTION_NODES = ['cartonCloud', 'starshipit'];
const MAX_ACTION = 40;
const MAX_LABEL = 36;

/** Every label the parameter panel shows: parameter and collection-field names, dropdown options. */
function labels(properties: INodeProperties[]): string[] {
	const found: string[] = [];
	const walk = (list: INodeProperties[]) => {
		for (const p of list) {
			if (p.type !== 'notice') found.push(p.displayName);
			for (const option of (p.options ?? []) as Array<
				INodePropertyOptions | INodeProperties | { displayName: string; values: INodeProperties[] }
			>) {
				if ('values' in option) {
					found.push(option.displayName);
					walk(option.values);
				} else if ('type' in option && 'displayName' in option) walk([option]);
				else if ('name' in option) found.push(String(option.name));
			}
		}
	};
	walk(properties);
	return [...new Set(found)];
}

/** Every (resource, operation option) pair of a node. */
function operations(
	properties: INodeProperties[],
): Array<{ resource: string; option: INodePropertyOptions }> {
	return properties
		.filter((p) => p.name === 'operation' && p.type === 'options')
		.flatMap((p) =>
			((p.displayOptions?.show?.resource ?? []) as string[]).flatMap((resource) =>
				((p.options ?? []) as INodePropertyOptions[]).map((option) => ({ resource, option })),
			),
		);
}

function subtitle(type: string, parameters: Record<string, string>): unknown {
	const description = nodeTypes.getByNameAndVersion(type, 1).description;
	const node: INode = { id: 'n', name: 'Node', type, typeVersion: 1, position: [0, 0], parameters };
	const workflow = new n8nWorkflow.Workflow({
		id: 'w',
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes,
	});
	return workflow.expression.getSimpleParameterValue(node, description.subtitle, 'internal', {});
}

describe.each(ACTION_NODES)('%s node in the editor', (name) => {
	const type = `${PACKAGE}.${name}`;
	const { properties } = nodeTypes.getByNameAndVersion(type, 1).description;
	const all = operations(properties);

	it('has operations', () => expect(all.length).toBeGreaterThan(3));

	it.each(all.map(({ resource, option }) => [`${resource}: ${option.name}`, option] as const))(
		'%s has a description and an action',
		(_label, option) => {
			expect(option.description?.length ?? 0).toBeGreaterThan(10);
			expect(option.action?.length ?? 0).toBeGreaterThan(5);
		},
	);

	it('labels are not cut off', () => {
		expect(
			all.map(({ option }) => option.action ?? '').filter((a) => a.length > MAX_ACTION),
		).toEqual([]);
		expect(labels(properties).filter((l) => l.length > MAX_LABEL)).toEqual([]);
	});

	it.each(
		all.map(({ resource, option }) => [resource, String(option.value), option.action] as const),
	)('subtitle of %s / %s reads "%s"', (resource, operation, action) => {
		expect(subtitle(type, { resource, operation })).toBe(action);
	});
});
