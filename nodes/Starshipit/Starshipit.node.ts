// Placeholder so the package loads while this node is being built.
import { NodeConnectionTypes, type INodeType, type INodeTypeDescription } from 'n8n-workflow';

export class Starshipit implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Starshipit',
		name: 'starshipit',
		icon: { light: 'file:../../icons/starshipit.svg', dark: 'file:../../icons/starshipit.dark.svg' },
		group: ['transform'],
		version: 1,
		description: 'Starshipit',
		defaults: { name: 'Starshipit' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'starshipitApi', required: true }],
		properties: [],
	};
}
