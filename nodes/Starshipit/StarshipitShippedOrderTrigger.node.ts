import { NodeConnectionTypes, type INodeExecutionData, type INodeType, type INodeTypeDescription, type IPollFunctions } from 'n8n-workflow';
import { pollShippedOrderTrigger } from './triggers/shippedPoll';
import { emitOnField, lookbackField, trackingStatusesField } from './triggers/triggerFields';

/** Polls Starshipit for shipped orders and their tracking updates. */
export class StarshipitShippedOrderTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Starshipit Shipped Order Trigger',
		name: 'starshipitShippedOrderTrigger',
		icon: { light: 'file:../../icons/starshipit.svg', dark: 'file:../../icons/starshipit.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["emitOn"] === "shipped" ? "Order shipped" : "Tracking updated"}}',
		description: 'Checks Starshipit on a schedule and starts the workflow for each newly shipped order or tracking update',
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
