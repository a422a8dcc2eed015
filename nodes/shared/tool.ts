/**
 * The nodes as an AI agent's tools. n8n turns every `usableAsTool` node into a `<name>Tool` node
 * type (n8n/dist/node-types.js, convertNodeToAiTool): same class, same parameters, the type name
 * ending in "Tool", and the `@tool` display condition true (n8n-workflow node-helpers.js).
 *
 * What the model reads about a tool is its description. n8n writes one from the operation's
 * `action` ("Get many orders in Starshipit") unless the node has its own `toolDescription`
 * parameter (then n8n adds none and uses that: NodeHelpers.getToolDescriptionForNode). So each
 * operation brings its own, shown only on the Tool variant and editable there, written for a model:
 * what the operation returns, its caveats and its cost.
 */
import type { INodeProperties } from 'n8n-workflow';
import type { HasNode } from './values';

/** Whether the node runs as an AI agent's tool (n8n's `<name>Tool` variant of the node). */
export function runsAsTool(context: HasNode): boolean {
	return context.getNode().type.endsWith('Tool');
}

/** One `toolDescription` per operation of `resource`, each shown only on the Tool variant with that operation. */
export function toolDescriptions(
	resource: string,
	texts: Record<string, string>,
): INodeProperties[] {
	return Object.entries(texts).map(([operation, text]) => ({
		displayName: 'Description',
		name: 'toolDescription',
		type: 'string',
		typeOptions: { rows: 4 },
		default: text,
		description:
			'What the AI agent is told about this tool: what it returns, its caveats and its cost. Written for this operation; edit it to fit your workflow.',
		displayOptions: { show: { '@tool': [true], resource: [resource], operation: [operation] } },
	}));
}
