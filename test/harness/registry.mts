/**
 * The node and credential types n8n would load from this package: the compiled files listed in
 * package.json's `n8n` section, registered under `<package name>.<node name>` exactly as n8n's
 * community-package loader names them, plus the core-node stand-ins.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ICredentialType, INodeType, INodeTypes, IVersionedNodeType } from 'n8n-workflow';
import { coreNodeTypes } from './coreNodes.mts';
import { createRequire } from 'node:module';
import { n8nWorkflow } from './n8n.mts';

const { NodeHelpers } = n8nWorkflow;

// n8n-core and the built package are CommonJS: load them as n8n does, through require.
const require = createRequire(import.meta.url);

export interface PackageTypes {
	nodeTypes: INodeTypes;
	credentialTypes: Record<string, ICredentialType>;
}

interface PackageJson {
	name: string;
	n8n: { nodes: string[]; credentials: string[] };
}

function instantiate<T>(root: string, file: string): T {
	const absolute = path.join(root, file);
	if (!fs.existsSync(absolute)) throw new Error(`${file} is missing: run \`npm run build\` first`);
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const exports = require(absolute) as Record<string, new () => T>;
	const className = path.basename(file).split('.')[0];
	const Type = exports[className];
	if (!Type) throw new Error(`${file} does not export class ${className}`);
	return new Type();
}

/**
 * The `<name>Tool` variant n8n makes of a `usableAsTool` node (n8n/dist/node-types.js): the same
 * node, its type name ending in "Tool" (what `@tool` display conditions and the node's own
 * tool checks read). It keeps a main input and output here, so a test runs it in a chain the way
 * n8n's engine runs a tool an AI agent calls: one input item holding the agent's arguments.
 */
function asTool(node: INodeType | IVersionedNodeType): INodeType | IVersionedNodeType {
	const description = {
		...node.description,
		name: `${node.description.name}Tool`,
		displayName: `${node.description.displayName} Tool`,
	};
	return Object.create(node, { description: { value: description } }) as INodeType;
}

export function loadPackageTypes(
	root: string,
	extraNodeTypes: Record<string, INodeType> = {},
): PackageTypes {
	const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as PackageJson;
	const nodes: Record<string, INodeType | IVersionedNodeType> = {
		...coreNodeTypes,
		...extraNodeTypes,
	};
	for (const file of pkg.n8n.nodes) {
		const node = instantiate<INodeType | IVersionedNodeType>(root, file);
		nodes[`${pkg.name}.${node.description.name}`] = node;
		if (node.description.usableAsTool)
			nodes[`${pkg.name}.${node.description.name}Tool`] = asTool(node);
	}
	const credentialTypes: Record<string, ICredentialType> = {};
	for (const file of pkg.n8n.credentials) {
		const credential = instantiate<ICredentialType>(root, file);
		credentialTypes[credential.name] = credential;
	}
	const nodeTypes: INodeTypes = {
		getByName(type) {
			const node = nodes[type];
			if (!node) throw new Error(`Unrecognized node type: ${type}`);
			return node;
		},
		getByNameAndVersion(type, version) {
			return NodeHelpers.getVersionedNodeType(this.getByName(type), version);
		},
		getKnownTypes() {
			return {};
		},
	};
	return { nodeTypes, credentialTypes };
}
