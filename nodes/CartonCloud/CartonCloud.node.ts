// Placeholder so the package loads while this node is being built.
import { NodeConnectionTypes, type INodeType, type INodeTypeDescription } from 'n8n-workflow';

export class CartonCloud implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'CartonCloud',
		name: 'cartonCloud',
		icon: { light: 'file:../../icons/cartoncloud.svg', dark: 'file:../../icons/cartoncloud.dark.svg' },
		group: ['transform'],
		version: 1,
		description: 'CartonCloud',
		defaults: { name: 'CartonCloud' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'cartonCloudApi', required: true }],
		properties: [],
	};
}
