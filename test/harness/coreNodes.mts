/**
 * Stand-ins for the few n8n-nodes-base nodes our bundled workflows start from. n8n-nodes-base
 * itself cannot be installed beside n8n-core here (it needs a native Kafka build), so these copy
 * the real nodes' observable behaviour for the modes the harness runs:
 * - Manual Trigger: one empty item (the real node's manualTriggerFunction emits `[{}]`).
 * - Schedule Trigger: one item with the firing time, as the real node emits when run by hand.
 * - Sticky Note: no inputs, no outputs; never executed.
 * - No Operation: passes items through.
 * - Switch (v3): expression mode, each item to the output its Output Index names (an index
 *   outside 0 … Number of Outputs − 1 fails the node, as in the real SwitchV3); rules mode, each
 *   item to the first rule whose conditions (n8n's filter, evaluated by n8n-core) pass, else to the
 *   extra fallback output when there is one.
 * - Send Email (the alert digests): evaluates the message as the real node does (per item; the
 *   digests run once) and keeps it in `harnessOutbox` instead of speaking SMTP; the real node
 *   against an SMTP server is proven in real n8n (test/n8n/alerts.n8n.mts).
 * - Stop and Error: throws its error message, failing the run as the real node does.
 * - The alerts' and the routing's nodes: Edit Fields, If, Merge, Summarize (./flowNodes.mts), the
 *   Data Table node (./dataTables.mts), Execute Workflow and its trigger (./subWorkflows.mts).
 * Anything beyond these (Respond to Webhook …) is proven in real n8n (`npm run test:n8n`).
 */
import type {
	INodeType,
	INodeTypeDescription,
	ITriggerFunctions,
	ITriggerResponse,
	INodeExecutionData,
	IExecuteFunctions,
} from 'n8n-workflow';
import { n8nWorkflow } from './n8n.mts';
import { dataTableNodeTypes } from './dataTables.mts';
import { flowNodeTypes } from './flowNodes.mts';
import { subWorkflowNodeTypes } from './subWorkflows.mts';

function description(
	name: string,
	displayName: string,
	extra: Partial<INodeTypeDescription>,
): INodeTypeDescription {
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
					{
						timestamp: now.toISOString(),
						'Readable date': now.toUTCString(),
						Timezone: 'UTC (UTC+00:00)',
					},
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
	description = description('noOp', 'No Operation, do nothing', {
		group: ['organization'],
		inputs: ['main'],
	});

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [this.getInputData()];
	}
}

class Switch implements INodeType {
	description = description('switch', 'Switch', {
		group: ['transform'],
		version: [3, 3.1, 3.2, 3.3, 3.4],
		inputs: ['main'],
		// The real node computes its outputs from its parameters; the engine only needs enough slots.
		outputs: Array.from({ length: 10 }, () => 'main'),
		properties: [
			{
				displayName: 'Mode',
				name: 'mode',
				type: 'options',
				options: [{ name: 'Expression', value: 'expression' }],
				default: 'rules',
			},
			{ displayName: 'Number of Outputs', name: 'numberOutputs', type: 'number', default: 4 },
			{ displayName: 'Output Index', name: 'output', type: 'number', default: 0 },
			{
				displayName: 'Routing Rules',
				name: 'rules',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true },
				default: {},
				options: [
					{
						displayName: 'Values',
						name: 'values',
						values: [
							{
								displayName: 'Conditions',
								name: 'conditions',
								type: 'filter',
								default: {},
								typeOptions: {
									filter: { caseSensitive: true, typeValidation: 'strict', version: 2 },
								},
							},
							{
								displayName: 'Rename Output',
								name: 'renameOutput',
								type: 'boolean',
								default: false,
							},
							{ displayName: 'Output Name', name: 'outputKey', type: 'string', default: '' },
						],
					},
				],
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				default: {},
				options: [
					{
						displayName: 'Fallback Output',
						name: 'fallbackOutput',
						type: 'string',
						default: 'none',
					},
					{
						displayName: 'Rename Fallback Output',
						name: 'renameFallbackOutput',
						type: 'string',
						default: '',
					},
					{
						displayName: 'Send Data to All Matching Outputs',
						name: 'allMatchingOutputs',
						type: 'boolean',
						default: false,
					},
				],
			},
		],
	} as Partial<INodeTypeDescription>);

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		if (this.getNodeParameter('mode', 0) === 'rules') return rulesSwitch(this);
		if (this.getNodeParameter('mode', 0) !== 'expression')
			throw new Error('harness Switch stand-in: only expression and rules modes are implemented');
		const outputs: INodeExecutionData[][] = Array.from(
			{ length: Number(this.getNodeParameter('numberOutputs', 0)) },
			() => [],
		);
		this.getInputData().forEach((item, itemIndex) => {
			const index = Number(this.getNodeParameter('output', itemIndex));
			if (!Number.isInteger(index) || index < 0 || index >= outputs.length)
				throw new Error(`The ouput ${index} is not allowed`);
			outputs[index].push({ ...item, pairedItem: { item: itemIndex } });
		});
		return outputs;
	}
}

/** Switch in rules mode, as SwitchV3 routes: the first matching rule (or every one), else the fallback. */
function rulesSwitch(context: IExecuteFunctions): INodeExecutionData[][] {
	const rules = context.getNodeParameter('rules.values', 0, []) as unknown[];
	const options = context.getNodeParameter('options', 0, {}) as {
		fallbackOutput?: string | number;
		allMatchingOutputs?: boolean;
	};
	const outputs: INodeExecutionData[][] = Array.from(
		{ length: rules.length + (options.fallbackOutput === 'extra' ? 1 : 0) },
		() => [],
	);
	context.getInputData().forEach((item, itemIndex) => {
		let matched = false;
		for (let rule = 0; rule < rules.length; rule++) {
			if (
				!(context.getNodeParameter(`rules.values[${rule}].conditions`, itemIndex, false, {
					extractValue: true,
				}) as boolean)
			)
				continue;
			matched = true;
			outputs[rule].push({ ...item, pairedItem: { item: itemIndex } });
			if (!options.allMatchingOutputs) break;
		}
		if (matched || options.fallbackOutput === undefined || options.fallbackOutput === 'none')
			return;
		const fallback =
			options.fallbackOutput === 'extra' ? rules.length : Number(options.fallbackOutput);
		outputs[fallback].push({ ...item, pairedItem: { item: itemIndex } });
	});
	return outputs;
}

/** A message the Send Email stand-in would have sent. */
export interface HarnessMail {
	from: string;
	to: string;
	subject: string;
	text: string;
	html: string;
}

/** Every message sent by Send Email nodes in this process, oldest first (tests may clear it). */
export const harnessOutbox: HarnessMail[] = [];

class EmailSend implements INodeType {
	description = description('emailSend', 'Send Email', {
		group: ['output'],
		version: [2, 2.1],
		inputs: ['main'],
		// The real node's parameters for the send operation (n8n-nodes-base EmailSend/v2/send.operation).
		properties: [
			{ displayName: 'From Email', name: 'fromEmail', type: 'string', default: '' },
			{ displayName: 'To Email', name: 'toEmail', type: 'string', default: '' },
			{ displayName: 'Subject', name: 'subject', type: 'string', default: '' },
			{
				displayName: 'Email Format',
				name: 'emailFormat',
				type: 'options',
				options: ['text', 'html', 'both'].map((v) => ({ name: v, value: v })),
				default: 'text',
			},
			{
				displayName: 'Text',
				name: 'text',
				type: 'string',
				default: '',
				displayOptions: { show: { emailFormat: ['text', 'both'] } },
			},
			{
				displayName: 'HTML',
				name: 'html',
				type: 'string',
				default: '',
				displayOptions: { show: { emailFormat: ['html', 'both'] } },
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				default: {},
				options: [
					{
						displayName: 'Append Attribution',
						name: 'appendAttribution',
						type: 'boolean',
						default: true,
					},
				],
			},
		],
	});

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const returned: INodeExecutionData[] = [];
		const items = this.getInputData();
		for (let i = 0; i < items.length; i++) {
			const format = this.getNodeParameter('emailFormat', i, 'text') as string;
			const mail: HarnessMail = {
				from: String(this.getNodeParameter('fromEmail', i)),
				to: String(this.getNodeParameter('toEmail', i)),
				subject: String(this.getNodeParameter('subject', i, '')),
				text: format === 'html' ? '' : String(this.getNodeParameter('text', i, '')),
				html: format === 'text' ? '' : String(this.getNodeParameter('html', i, '')),
			};
			harnessOutbox.push(mail);
			returned.push({
				json: { accepted: [mail.to], rejected: [], response: '250 harness outbox' },
				pairedItem: { item: i },
			});
		}
		return [returned];
	}
}

class StopAndError implements INodeType {
	description = description('stopAndError', 'Stop and Error', {
		group: ['input'],
		version: 1,
		inputs: ['main'],
		outputs: [],
		properties: [
			{
				displayName: 'Error Type',
				name: 'errorType',
				type: 'options',
				options: [{ name: 'Error Message', value: 'errorMessage' }],
				default: 'errorMessage',
			},
			{ displayName: 'Error Message', name: 'errorMessage', type: 'string', default: '' },
		],
	});

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		throw new n8nWorkflow.NodeOperationError(
			this.getNode(),
			String(this.getNodeParameter('errorMessage', 0)),
		);
	}
}

export const coreNodeTypes: Record<string, INodeType> = {
	'n8n-nodes-base.manualTrigger': new ManualTrigger(),
	'n8n-nodes-base.scheduleTrigger': new ScheduleTrigger(),
	'n8n-nodes-base.stickyNote': new StickyNote(),
	'n8n-nodes-base.noOp': new NoOp(),
	'n8n-nodes-base.switch': new Switch(),
	'n8n-nodes-base.emailSend': new EmailSend(),
	'n8n-nodes-base.stopAndError': new StopAndError(),
	...flowNodeTypes,
	...dataTableNodeTypes,
	...subWorkflowNodeTypes,
};
