/**
 * Runs workflow JSON (a file from `workflows/`, unmodified) in-process with n8n-core's
 * WorkflowExecute over the package as built in `dist/`, so tests exercise the same code n8n
 * loads. It is the one way tests run nodes: no test fakes `IExecuteFunctions`.
 *
 * - `run`: starts at a trigger as n8n does for a manual run (the trigger's own code runs).
 * - `poll`: runs a polling trigger's `poll()` with n8n-core's PollContext and persistent static
 *   data, then runs the workflow from its output, as n8n's active-workflow poller does.
 * - `webhook`: hands a request to a webhook trigger's `webhook()` with n8n-core's WebhookContext,
 *   then runs the workflow from its output.
 */
import fs from 'node:fs';
import path from 'node:path';
import type {
	ExecutionError,
	IConnections,
	ICredentialsDecrypted,
	IDataObject,
	INode,
	INodeCredentialTestResult,
	INodeExecutionData,
	INodeListSearchResult,
	INodePropertyOptions,
	INodeType,
	IRun,
	IRunExecutionData,
	IWebhookResponseData,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { type CredentialStore, TestCredentialsHelper } from './credentials.mts';
import { runDeclarativeCredentialTest } from './credentialTest.mts';
import { loadPackageTypes, type PackageTypes } from './registry.mts';
import { createRequire } from 'node:module';
import { n8nCore, n8nWorkflow } from './n8n.mts';

const {
	ExecutionLifecycleHooks,
	LoadOptionsContext,
	PollContext,
	WebhookContext,
	WorkflowExecute,
} = n8nCore;
const { Workflow } = n8nWorkflow;
type Workflow = import('n8n-workflow').Workflow;

// n8n-core and the built package are CommonJS: load them as n8n does, through require.
const require = createRequire(import.meta.url);

export type { CredentialStore } from './credentials.mts';

export interface WorkflowJson {
	/** The workflow's id; Execute Workflow nodes call a sub-workflow by it. */
	id?: string;
	name?: string;
	nodes: INode[];
	connections: IConnections;
	settings?: IDataObject;
	staticData?: IDataObject | null;
}

export interface NodeRun {
	/** Items per output (index 0 is the main output). */
	outputs: INodeExecutionData[][];
	error?: ExecutionError;
	/** Execution hints the node added (shown above its output in the editor). */
	hints?: Array<{ message: string }>;
}

export interface RunResult {
	status: IRun['status'];
	error?: ExecutionError;
	nodes: Record<string, NodeRun>;
	/** Items of a node's output (default the first). Throws when the node did not run. */
	output(nodeName: string, outputIndex?: number): INodeExecutionData[];
	/** The workflow's static data after the run (what n8n would save). */
	staticData: IDataObject;
	/** The node that ran last; a sub-workflow answers its caller with that node's output. */
	lastNodeExecuted?: string;
}

/** A sub-workflow run started by an Execute Workflow node, with the workflow it ran. */
export interface SubRun {
	workflowId: string;
	run: RunResult;
}

export interface WebhookRequest {
	method?: string;
	headers?: Record<string, string>;
	query?: Record<string, string>;
	body?: unknown;
	/** The exact bytes received; defaults to JSON of `body`. Signature checks read this. */
	rawBody?: Buffer;
}

export interface WebhookResult {
	/** Status the trigger answered with (200 unless it set one). */
	statusCode: number;
	responseBody?: unknown;
	/** The workflow run started by the webhook, when the trigger emitted anything. */
	run?: RunResult;
}

// The package the harness loads: this checkout's, or another build `npm run bench -- --variants --against` names.
const ROOT = process.env.BENCH_PACKAGE_ROOT ?? path.resolve(import.meta.dirname, '../..');

/** The bundled workflows by id: what an Execute Workflow node can call. */
function bundledWorkflows(): Map<string, WorkflowJson> {
	const dir = path.join(ROOT, 'workflows');
	const byId = new Map<string, WorkflowJson>();
	for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.json'))) {
		const json = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as WorkflowJson;
		if (json.id) byId.set(json.id, json);
	}
	return byId;
}

let executionCount = 0;

export class Harness {
	readonly credentialsHelper: TestCredentialsHelper;
	private readonly types: PackageTypes;
	/** Workflows an Execute Workflow node can call, by id: the bundled ones, and any `register`ed. */
	private readonly workflows = bundledWorkflows();
	/** Sub-workflow runs, oldest first (tests may clear it). */
	readonly subRuns: SubRun[] = [];

	/** `extraNodeTypes`: test-only node types (e.g. a probe) registered beside the package's, by type name. */
	constructor(
		readonly credentials: CredentialStore,
		extraNodeTypes: Record<string, INodeType> = {},
	) {
		this.types = loadPackageTypes(ROOT, extraNodeTypes);
		this.credentialsHelper = new TestCredentialsHelper(credentials, this.types.credentialTypes);
	}

	/** Makes a workflow callable by id (e.g. a changed copy of a bundled one). */
	register(json: WorkflowJson & { id: string }): void {
		this.workflows.set(json.id, json);
	}

	/**
	 * n8n's answer to an Execute Workflow node (additionalData.executeWorkflow): runs the workflow of
	 * that id from its Execute Workflow Trigger with the caller's items and returns the output of its
	 * last node; a failed sub-workflow fails the caller's node with its error.
	 */
	private async executeSubWorkflow(
		workflowInfo: { id?: string },
		options: { inputData?: INodeExecutionData[] },
	): Promise<{ executionId: string; data: INodeExecutionData[][] }> {
		const json = workflowInfo.id ? this.workflows.get(workflowInfo.id) : undefined;
		if (!json)
			throw new n8nWorkflow.UnexpectedError('Workflow does not exist.', {
				extra: { workflowId: workflowInfo.id },
			});
		const trigger = json.nodes.find((n) => n.type === 'n8n-nodes-base.executeWorkflowTrigger');
		if (!trigger) throw new Error(`workflow ${workflowInfo.id} has no Execute Workflow Trigger`);
		const run = await this.execute(this.workflow(json), 'integrated', trigger, [
			options.inputData ?? [],
		]);
		this.subRuns.push({ workflowId: workflowInfo.id!, run });
		if (run.error) throw run.error;
		const last = run.lastNodeExecuted ? run.nodes[run.lastNodeExecuted] : undefined;
		return { executionId: `harness-sub-${this.subRuns.length}`, data: last?.outputs ?? [] };
	}

	/** A node type exactly as the harness loaded it from dist/ (e.g. to call its credential test). */
	nodeType(type: string, version = 1): INodeType {
		return this.types.nodeTypes.getByNameAndVersion(type, version);
	}

	/**
	 * The credential type's declarative `test` with `credential.data` as entered, as n8n's
	 * CredentialsTester runs it (./credentialTest.mts). `credential.id` names a stored credential:
	 * n8n writes the token a test fetched to the saved credential, and so does the harness.
	 */
	async testCredential(credential: ICredentialsDecrypted): Promise<INodeCredentialTestResult> {
		const type = this.types.credentialTypes[credential.type];
		if (!type) throw new Error(`Unknown credential type ${credential.type}`);
		const noOp = this.types.nodeTypes.getByNameAndVersion('n8n-nodes-base.noOp', 1);
		return await runDeclarativeCredentialTest(type, credential, noOp, (workflow, node) =>
			this.additionalData(workflow, { nodes: [node], connections: {} }),
		);
	}

	/**
	 * Calls a node's list-search method (a resource-locator picker) as the editor does, through
	 * n8n-core's LoadOptionsContext for the named node and parameter.
	 */
	async listSearch(
		json: WorkflowJson,
		nodeName: string,
		parameterPath: string,
		method: string,
		filter?: string,
	): Promise<INodeListSearchResult> {
		const workflow = this.workflow(json);
		const node = workflow.getNode(nodeName)!;
		const search = this.types.nodeTypes.getByNameAndVersion(node.type, node.typeVersion).methods
			?.listSearch?.[method];
		if (!search) throw new Error(`${node.type} has no list search "${method}"`);
		const context = new LoadOptionsContext(
			workflow,
			node,
			this.additionalData(workflow, json),
			parameterPath,
		);
		return await search.call(context, filter);
	}

	/** Calls a node's load-options method (an options or multi-options picker) as the editor does. */
	async loadOptions(
		json: WorkflowJson,
		nodeName: string,
		parameterPath: string,
		method: string,
	): Promise<INodePropertyOptions[]> {
		const workflow = this.workflow(json);
		const node = workflow.getNode(nodeName)!;
		const load = this.types.nodeTypes.getByNameAndVersion(node.type, node.typeVersion).methods
			?.loadOptions?.[method];
		if (!load) throw new Error(`${node.type} has no load-options method "${method}"`);
		const context = new LoadOptionsContext(
			workflow,
			node,
			this.additionalData(workflow, json),
			parameterPath,
		);
		return await load.call(context);
	}

	/** Runs the workflow from a trigger (default: its manual trigger, else its only trigger). */
	/**
	 * `items`: the input handed to the start node (default one empty item), e.g. 120 orders fed
	 * through a No Operation node, as pinned data would be in the editor.
	 */
	async run(
		json: WorkflowJson,
		options: { startNode?: string; staticData?: IDataObject; items?: INodeExecutionData[] } = {},
	): Promise<RunResult> {
		const workflow = this.workflow(json, options.staticData);
		const start = workflow.getNode(options.startNode ?? this.defaultStartNode(json))!;
		return await this.execute(workflow, 'manual', start, [options.items ?? [{ json: {} }]]);
	}

	/** One poll of a polling trigger; runs the workflow when it emits. Pass `staticData` from the previous poll. */
	async poll(
		json: WorkflowJson,
		triggerName: string,
		options: { staticData?: IDataObject; mode?: 'trigger' | 'manual' } = {},
	): Promise<{ emitted: INodeExecutionData[][] | null; run?: RunResult; staticData: IDataObject }> {
		const workflow = this.workflow(json, options.staticData);
		const node = workflow.getNode(triggerName)!;
		const type = this.types.nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
		if (!type.poll) throw new Error(`${triggerName} is not a polling trigger`);
		const mode = options.mode ?? 'trigger';
		const context = new PollContext(
			workflow,
			node,
			this.additionalData(workflow, json),
			mode,
			mode === 'manual' ? 'manual' : 'activate',
		);
		const emitted = await type.poll.call(context);
		const staticData = snapshotStaticData(workflow);
		if (!emitted) return { emitted, staticData };
		const run = await this.execute(workflow, mode, node, emitted);
		return { emitted, run, staticData };
	}

	/** Delivers one HTTP request to a webhook trigger and runs the workflow from what it emits. */
	async webhook(
		json: WorkflowJson,
		triggerName: string,
		request: WebhookRequest,
		options: { staticData?: IDataObject } = {},
	): Promise<WebhookResult> {
		const workflow = this.workflow(json, options.staticData);
		const node = workflow.getNode(triggerName)!;
		const type = this.types.nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
		if (!type.webhook) throw new Error(`${triggerName} is not a webhook trigger`);
		const response = new CapturedResponse();
		const rawBody = request.rawBody ?? Buffer.from(JSON.stringify(request.body ?? {}));
		const headers = Object.fromEntries(
			Object.entries(request.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]),
		);
		const httpRequest = {
			method: request.method ?? 'POST',
			headers,
			query: request.query ?? {},
			params: {},
			body: request.body ?? JSON.parse(rawBody.toString('utf8') || '{}'),
			rawBody,
		};
		const additionalData = {
			...this.additionalData(workflow, json),
			httpRequest,
			httpResponse: response,
		} as unknown as IWorkflowExecuteAdditionalData;
		const description = type.description.webhooks?.[0];
		const webhookData = {
			httpMethod: description?.httpMethod ?? 'POST',
			node: node.name,
			path: String(node.parameters.path ?? node.webhookId ?? 'webhook'),
			webhookDescription: description,
			workflowId: workflow.id,
			workflowExecuteAdditionalData: additionalData,
			webhookId: node.webhookId,
		};
		const context = new WebhookContext(
			workflow,
			node,
			additionalData,
			'webhook',
			webhookData as never,
			[],
			null,
		);
		const answer: IWebhookResponseData = await type.webhook.call(context);
		const result: WebhookResult = {
			statusCode: response.statusCode ?? 200,
			responseBody: answer.webhookResponse ?? response.body,
		};
		if (answer.workflowData)
			result.run = await this.execute(workflow, 'webhook', node, answer.workflowData);
		return result;
	}

	private workflow(json: WorkflowJson, staticData?: IDataObject): Workflow {
		return new Workflow({
			id: json.id ?? 'harness-workflow',
			name: json.name ?? 'harness',
			nodes: json.nodes,
			connections: json.connections,
			nodeTypes: this.types.nodeTypes,
			active: false,
			settings: json.settings ?? {},
			staticData: structuredClone(staticData ?? json.staticData ?? {}),
		});
	}

	private defaultStartNode(json: WorkflowJson): string {
		const manual = json.nodes.find((n) => n.type === 'n8n-nodes-base.manualTrigger');
		if (manual) return manual.name;
		const triggers = json.nodes.filter(
			(n) =>
				!n.disabled &&
				this.types.nodeTypes.getByNameAndVersion(n.type, n.typeVersion).description.inputs
					.length === 0 &&
				n.type !== 'n8n-nodes-base.stickyNote',
		);
		if (triggers.length !== 1)
			throw new Error(
				`Name the start node: found ${triggers.map((t) => t.name).join(', ') || 'no trigger'}`,
			);
		return triggers[0].name;
	}

	private additionalData(workflow: Workflow, json: WorkflowJson): IWorkflowExecuteAdditionalData {
		// Every execution has an id of its own, as in n8n: what nodes keep per execution (the pacing) must not leak into the next run.
		const executionId = `harness-${++executionCount}`;
		const hooks = new ExecutionLifecycleHooks('manual', executionId, {
			id: workflow.id,
			name: workflow.name ?? 'harness',
			nodes: json.nodes,
			connections: json.connections,
			active: false,
			settings: {},
			createdAt: new Date(),
			updatedAt: new Date(),
		} as never);
		return {
			executionId,
			hooks,
			credentialsHelper: this.credentialsHelper,
			restApiUrl: '',
			instanceBaseUrl: 'http://127.0.0.1:5678/',
			webhookBaseUrl: 'http://127.0.0.1:5678/webhook/',
			webhookWaitingBaseUrl: 'http://127.0.0.1:5678/webhook-waiting/',
			webhookTestBaseUrl: 'http://127.0.0.1:5678/webhook-test/',
			formWaitingBaseUrl: 'http://127.0.0.1:5678/form-waiting/',
			variables: {},
			currentNodeParameters: undefined,
			executeWorkflow: async (
				workflowInfo: { id?: string },
				_additionalData: unknown,
				options: { inputData?: INodeExecutionData[] },
			) => await this.executeSubWorkflow(workflowInfo, options),
			getRunExecutionData: async () => undefined,
			logAiEvent: () => {},
			startRunnerTask: async () => {
				throw new Error('Code nodes are not supported by the harness');
			},
		} as unknown as IWorkflowExecuteAdditionalData;
	}

	private async execute(
		workflow: Workflow,
		mode: WorkflowExecuteMode,
		start: INode,
		startData: INodeExecutionData[][],
	): Promise<RunResult> {
		const additionalData = this.additionalData(workflow, {
			nodes: Object.values(workflow.nodes),
			connections: workflow.connectionsBySourceNode,
		});
		const runExecutionData = {
			startData: {},
			resultData: { runData: {} },
			executionData: {
				contextData: {},
				metadata: {},
				nodeExecutionStack: [{ node: start, data: { main: startData }, source: null }],
				waitingExecution: {},
				waitingExecutionSource: {},
			},
		} as unknown as IRunExecutionData;
		const run = await new WorkflowExecute(
			additionalData,
			mode,
			runExecutionData,
		).processRunExecutionData(workflow);
		return toRunResult(run, workflow);
	}
}

function toRunResult(run: IRun, workflow: Workflow): RunResult {
	const nodes: Record<string, NodeRun> = {};
	for (const [name, taskRuns] of Object.entries(run.data.resultData.runData)) {
		const last = taskRuns[taskRuns.length - 1];
		nodes[name] = {
			outputs: (last.data?.main ?? []).map((items) => items ?? []),
			error: last.error,
			hints: (last as { hints?: Array<{ message: string }> }).hints,
		};
	}
	return {
		status: run.status,
		error: run.data.resultData.error,
		nodes,
		staticData: snapshotStaticData(workflow),
		lastNodeExecuted: run.data.resultData.lastNodeExecuted,
		output(nodeName, outputIndex = 0) {
			const node = nodes[nodeName];
			if (!node)
				throw new Error(`Node "${nodeName}" did not run (ran: ${Object.keys(nodes).join(', ')})`);
			if (node.error) throw new Error(`Node "${nodeName}" failed: ${node.error.message}`);
			return node.outputs[outputIndex] ?? [];
		},
	};
}

function snapshotStaticData(workflow: Workflow): IDataObject {
	// Static data is n8n's observable proxy (nested objects too), which structuredClone cannot copy.
	const copy = JSON.parse(JSON.stringify(workflow.staticData ?? {})) as IDataObject;
	delete copy.__dataChanged;
	return copy;
}

/** Collects what a webhook trigger writes to the HTTP response (status, headers, body). */
class CapturedResponse {
	statusCode?: number;
	body?: unknown;
	headers: Record<string, string> = {};
	headersSent = false;

	status(code: number): this {
		this.statusCode = code;
		return this;
	}
	setHeader(name: string, value: string): this {
		this.headers[name.toLowerCase()] = value;
		return this;
	}
	header(name: string, value: string): this {
		return this.setHeader(name, value);
	}
	json(body: unknown): this {
		return this.send(body);
	}
	send(body?: unknown): this {
		this.body = body;
		this.headersSent = true;
		return this;
	}
	end(body?: unknown): this {
		return this.send(body);
	}
	writeHead(code: number, headers?: Record<string, string>): this {
		this.statusCode = code;
		Object.assign(this.headers, headers ?? {});
		return this;
	}
}

/** Stops n8n-core's background timers so the test process can exit. */
export async function shutdownEngine(): Promise<void> {
	// Resolved from n8n-core, which carries its own copy of @n8n/di: the container must be the one
	// n8n-core registered its services in.
	const fromCore = { paths: [path.dirname(require.resolve('n8n-core'))] };
	const { Container } = require(require.resolve('@n8n/di', fromCore)) as {
		Container: { get<T>(type: new () => T): T };
	};
	const { SSHClientsManager } = require('n8n-core/dist/execution-engine/ssh-clients-manager') as {
		SSHClientsManager: new () => { onShutdown(): void };
	};
	Container.get(SSHClientsManager).onShutdown();
}
