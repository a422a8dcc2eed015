// Placeholder so the package loads while this node is being built.
import { NodeConnectionTypes, type INodeType, type INodeTypeDescription } from 'n8n-workflow';

export class CartonCloudTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'CartonCloud Trigger',
		name: 'cartonCloudTrigger',
		icon: { light: 'file:../../icons/cartoncloud.svg', dark: 'file:../../icons/cartoncloud.dark.svg' },
		group: ['transform'],
		version: 1,
		description: 'CartonCloud Trigger',
		defaults: { name: 'CartonCloud Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'cartonCloudApi', required: true }],
		properties: [],
	};
}
