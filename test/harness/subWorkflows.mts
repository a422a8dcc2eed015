/**
 * Stand-ins for n8n's sub-workflow nodes, as the bundled workflows use them: every push and
 * write-back hands the outcomes of its run to the alert workflow (workflows/order-alerts.json).
 * - Execute Workflow 1.2, "Run once with all items", from the database: calls n8n-core's
 *   `executeWorkflow`, which the harness answers by running the workflow of that id (a file in
 *   workflows/, or one given to the Harness) from its Execute Workflow Trigger, and returns the
 *   output of the sub-workflow's last node, as n8n does;
 * - Execute Workflow Trigger 1.1, "Accept all data": passes the caller's items on.
 */
import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { n8nWorkflow } from './n8n.mts';

class ExecuteWorkflow implements INodeType {
	description = {
		displayName: 'Execute Workflow',
		name: 'executeWorkflow',
		group: ['transform'],
		version: [1, 1.1, 1.2, 1.3],
		description: 'Execute Workflow (harness stand-in)',
		defaults: { name: 'Execute Workflow' },
		inputs: ['main'],
		outputs: ['main'],
		properties: [
			{
				displayName: 'Source',
				name: 'source',
				type: 'options',
				options: [{ name: 'Database', value: 'database' }],
				default: 'database',
			},
			{
				displayName: 'Workflow',
				name: 'workflowId',
				type: 'resourceLocator',
				default: { mode: 'list', value: '' },
				modes: [
					{ displayName: 'List', name: 'list', type: 'list' },
					{ displayName: 'ID', name: 'id', type: 'string' },
				],
			},
			{
				displayName: 'Mode',
				name: 'mode',
				type: 'options',
				options: [{ name: 'Run once with all items', value: 'once' }],
				default: 'once',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				default: {},
				options: [
					{
						displayName: 'Wait For Sub-Workflow Completion',
						name: 'waitForSubWorkflow',
						type: 'boolean',
						default: true,
					},
				],
			},
		],
	} as unknown as INodeTypeDescription;

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		if (
			this.getNodeParameter('mode', 0) !== 'once' ||
			this.getNodeParameter('source', 0) !== 'database'
		) {
			throw new n8nWorkflow.NodeOperationError(
				this.getNode(),
				'harness stand-in: only "Run once with all items" from the database is implemented',
			);
		}
		if (this.getNodeParameter('options.waitForSubWorkflow', 0, true) !== true)
			throw new n8nWorkflow.NodeOperationError(
				this.getNode(),
				'harness stand-in: only waiting for the sub-workflow is implemented',
			);
		const locator = this.getNodeParameter('workflowId', 0, undefined, {
			extractValue: true,
		}) as string;
		const result = await this.executeWorkflow({ id: locator }, this.getInputData(), undefined, {
			parentExecution: {
				executionId: this.getExecutionId(),
				workflowId: this.getWorkflow().id!,
				shouldResume: true,
			},
		});
		return result.data as INodeExecutionData[][];
	}
}

class ExecuteWorkflowTrigger implements INodeType {
	description = {
		displayName: 'When Executed by Another Workflow',
		name: 'executeWorkflowTrigger',
		group: ['trigger'],
		version: [1, 1.1, 1.2],
		description: 'Execute Workflow Trigger (harness stand-in)',
		defaults: { name: 'When Executed by Another Workflow' },
		inputs: [],
		outputs: ['main'],
		properties: [
			{
				displayName: 'Input Data Mode',
				name: 'inputSource',
				type: 'options',
				options: [{ name: 'Accept all data', value: 'passthrough' }],
				default: 'passthrough',
			},
		],
	} as unknown as INodeTypeDescription;

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		if (this.getNodeParameter('inputSource', 0) !== 'passthrough')
			throw new n8nWorkflow.NodeOperationError(
				this.getNode(),
				'harness stand-in: only "Accept all data" is implemented',
			);
		return [this.getInputData()];
	}
}

export const subWorkflowNodeTypes: Record<string, INodeType> = {
	'n8n-nodes-base.executeWorkflow': new ExecuteWorkflow(),
	'n8n-nodes-base.executeWorkflowTrigger': new ExecuteWorkflowTrigger(),
};
