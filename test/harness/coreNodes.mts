/**
 * Stand-ins for the few n8n-nodes-base nodes our bundled workflows start from. n8n-nodes-base
 * itself cannot be installed beside n8n-core here (it needs a native Kafka build), so these copy
 * the real nodes' observable behaviour for the modes the harness runs:
 * - Manual Trigger: one empty item (the real node's manualTriggerFunction emits `[{}]`).
 * - Schedule Trigger: one item with the firing time, as the real node emits when run by hand.
 * - Sticky Note: no inputs, no outputs; never executed.
 * - No Operation: passes items through.
 * Anything beyond these (Switch, Respond to Webhook …) is proven in real n8n (`npm run test:n8n`).
 */
import type { INodeType, INodeTypeDescription, ITriggerFunctions, ITriggerResponse, INodeExecutionData, IExecuteFunctions } from 'n8n-workflow';

function description(name: string, displayName: string, extra: Partial<INodeTypeDescription>): INodeTypeDescription {
	return {
		displayName,
		name,
		group: ['trigger'],
		version: [1, 1.1, 1.2, 1.3],
		description: `${displayName} (harness stand-in)`,
		defaults: { name: displayName },
		inputs: [],
		outputs: ['main'],
		properties: [],
		...extra,
	} as INodeTypeDescription;
}

class ManualTrigger implements INodeType {
	description = description('manualTrigger', 'When clicking ‘Execute workflow’', {});

	async trigger(this: ITriggerFunctions): Promise<ITriggerResponse> {
		const manualTriggerFunction = async () => {
			this.emit([this.helpers.returnJsonArray([{}])]);
		};
		return { manualTriggerFunction };
	}
}

class ScheduleTrigger implements INodeType {
	description = description('scheduleTrigger', 'Schedule Trigger', {});

	async trigger(this: ITriggerFunctions): Promise<ITriggerResponse> {
		const manualTriggerFunction = async () => {
			const now = new Date();
			this.emit([
				this.helpers.returnJsonArray([
					{ timestamp: now.toISOString(), 'Readable date': now.toUTCString(), Timezone: 'UTC (UTC+00:00)' },
				]),
			]);
		};
		return { manualTriggerFunction };
	}
}

class StickyNote implements INodeType {
	description = description('stickyNote', 'Sticky Note', { group: ['input'], outputs: [] });
}

class NoOp implements INodeType {
	description = description('noOp', 'No Operation, do nothing', { group: ['organization'], inputs: ['main'] });

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [this.getInputData()];
	}
}

export const coreNodeTypes: Record<string, INodeType> = {
	'n8n-nodes-base.manualTrigger': new ManualTrigger(),
	'n8n-nodes-base.scheduleTrigger': new ScheduleTrigger(),
	'n8n-nodes-base.stickyNote': new StickyNote(),
	'n8n-nodes-base.noOp': new NoOp(),
};
