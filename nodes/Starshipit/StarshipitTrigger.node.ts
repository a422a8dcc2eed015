// Placeholder so the package loads while this node is being built.
import { NodeConnectionTypes, type INodeType, type INodeTypeDescription } from 'n8n-workflow';

export class StarshipitTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Starshipit Trigger',
		name: 'starshipitTrigger',
		icon: { light: 'file:../../icons/starshipit.svg', dark: 'file:../../icons/starshipit.dark.svg' },
		group: ['transform'],
		version: 1,
		description: 'Starshipit Trigger',
		defaults: { name: 'Starshipit Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'starshipitApi', required: true }],
		properties: [],
	};
}
