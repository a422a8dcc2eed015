import {
	NodeConnectionTypes,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
} from 'n8n-workflow';
import { pollShippedOrderTrigger } from './triggers/shippedPoll';
import { emitOnField, lookbackField, trackingStatusesField } from './triggers/triggerFields';

/**
 * Polls Starshipit for shipped orders and their tracking updates. Named `starshipitTrigger` so that
 * n8n's node creator lists it in the Starshipit node's panel (it merges `<node>Trigger` into `<node>`).
 */
export class StarshipitTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Starshipit Shipped Order Trigger',
		name: 'starshipitTrigger',
		icon: {
			light: 'file:../../icons/starshipit.svg',
			dark: 'file:../../icons/starshipit.dark.svg',
		},
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["emitOn"] === "shipped" ? "Order shipped" : "Tracking updated"}}',
		// The node creator shows this for the Starshipit entry it merges this trigger into (see test/editor/nodeCreator.test.mts).
		description:
			'Create Starshipit orders, print labels and manifests, track shipments and get rates, or start a workflow when an order ships',
		defaults: { name: 'Starshipit Shipped Order Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		polling: true,
		credentials: [{ name: 'starshipitApi', required: true }],
		properties: [emitOnField, trackingStatusesField, lookbackField],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollShippedOrderTrigger(this);
	}
}
