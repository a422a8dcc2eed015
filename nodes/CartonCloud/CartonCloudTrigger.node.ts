import type {
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { pollSaleOrderTrigger } from './triggers/saleOrderPoll';
import { customersField, STATUS_CHOICE_NOTICE, statusesField } from './triggers/triggerFields';
import { searchCustomers } from './methods/listSearch';

/**
 * Polls CartonCloud for sale orders that reached a status. Named `cartonCloudTrigger` so that n8n's
 * node creator lists it in the CartonCloud node's panel (it merges `<node>Trigger` into `<node>`).
 */
export class CartonCloudTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'CartonCloud Sale Order Trigger',
		name: 'cartonCloudTrigger',
		icon: {
			light: 'file:../../icons/cartoncloud.svg',
			dark: 'file:../../icons/cartoncloud.dark.svg',
		},
		group: ['trigger'],
		version: 1,
		subtitle: 'Sale order reached a status',
		// The node creator shows this for the CartonCloud entry it merges this trigger into (see test/editor/nodeCreator.test.mts).
		description:
			'Work with CartonCloud sale orders, consignments, documents and customers, or start a workflow when a sale order reaches a status',
		defaults: { name: 'CartonCloud Sale Order Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'cartonCloudApi', required: true }],
		properties: [
			statusesField('Start the workflow when a sale order reaches one of these statuses'),
			{ displayName: STATUS_CHOICE_NOTICE, name: 'statusNotice', type: 'notice', default: '' },
			customersField,
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Emit Existing Orders on First Poll',
						name: 'emitExisting',
						type: 'boolean',
						default: false,
						description:
							'Whether the first poll after activation emits every sale order already in the statuses (otherwise it only remembers where to start)',
					},
				],
			},
		],
	};

	methods = { listSearch: { searchCustomers } };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollSaleOrderTrigger(this);
	}
}
