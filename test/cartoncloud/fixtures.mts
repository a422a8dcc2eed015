/**
 * Shared set-up for the CartonCloud node tests: a sandbox on 127.0.0.1 (port 0), a harness
 * whose credential points at it, and a small builder for workflow JSON (Manual Trigger, then the
 * given nodes in a chain).
 */
import { afterAll, beforeAll } from 'vitest';
import type { ICredentialDataDecryptedObject, IDataObject, INode } from 'n8n-workflow';
import { Harness, type RunResult, type WorkflowJson } from '../harness/index.mts';
import {
	type CartonCloudSandbox,
	type CartonCloudSandboxOptions,
	type Consignment,
	createCartonCloudSandbox,
} from '../sandbox/cartoncloud/index.mts';

export const CC = 'n8n-nodes-cartoncloud-starshipit.cartonCloud';
export const CC_TRIGGER = 'n8n-nodes-cartoncloud-starshipit.cartonCloudTrigger';
export const CREDENTIALS = { cartonCloudApi: { id: 'cc', name: 'CartonCloud Sandbox' } };

export interface Env {
	sb: CartonCloudSandbox;
	harness: Harness;
	credentialData: ICredentialDataDecryptedObject;
}

/** One sandbox per test file, handed to `ready` once started, closed after the file's tests. */
export function useEnv(ready: (env: Env) => void, options: CartonCloudSandboxOptions = {}): void {
	let env: Env | undefined;
	beforeAll(async () => {
		env = await startEnv(options);
		ready(env);
	});
	afterAll(async () => {
		await env?.sb.close();
	});
}

export async function startEnv(options: CartonCloudSandboxOptions = {}): Promise<Env> {
	const sb = createCartonCloudSandbox(options);
	await sb.listen();
	const { clientId, clientSecret } = sb.clients[0];
	const credentialData: ICredentialDataDecryptedObject = {
		region: 'custom',
		customBaseUrl: sb.url,
		clientId,
		clientSecret,
		tenantId: sb.tenantId,
	};
	const harness = new Harness({ cc: { type: 'cartonCloudApi', data: { ...credentialData } } });
	return { sb, harness, credentialData };
}

export interface StepNode {
	name: string;
	parameters: IDataObject;
	type?: string;
	/** e.g. 'continueRegularOutput' for Continue On Fail. */
	onError?: INode['onError'];
}

/** Manual Trigger → steps[0] → steps[1] … */
export function chain(...steps: StepNode[]): WorkflowJson {
	const nodes: INode[] = [
		{
			id: 'start',
			name: 'Start',
			type: 'n8n-nodes-base.manualTrigger',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		},
	];
	const connections: WorkflowJson['connections'] = {};
	let previous = 'Start';
	steps.forEach((step, index) => {
		nodes.push({
			id: `n${index}`,
			name: step.name,
			type: step.type ?? CC,
			typeVersion: 2,
			position: [200 * (index + 1), 0],
			parameters: step.parameters as INode['parameters'],
			credentials: CREDENTIALS,
			...(step.onError ? { onError: step.onError } : {}),
		});
		connections[previous] = { main: [[{ node: step.name, type: 'main', index: 0 }]] };
		previous = step.name;
	});
	return { name: 'cartoncloud test', nodes, connections };
}

/** A workflow holding only one CartonCloud trigger (the Sale Order Trigger unless `type` says otherwise). */
export function triggerWorkflow(
	parameters: IDataObject,
	name = 'CartonCloud Trigger',
	type = CC_TRIGGER,
): WorkflowJson {
	return {
		name: 'cartoncloud trigger test',
		nodes: [
			{
				id: 'trigger',
				name,
				type,
				typeVersion: 1,
				position: [0, 0],
				parameters: parameters as INode['parameters'],
				credentials: CREDENTIALS,
				webhookId: '5b8c1f2e-1111-4a4a-8c8c-0123456789ab',
			},
		],
		connections: {},
	};
}

export const json = (run: RunResult, node: string): IDataObject[] =>
	run.output(node).map((item) => item.json);

/** Fails when any secret the sandbox knows (client secret, issued tokens) shows up in `value`. */
export function assertNoSecrets(sb: CartonCloudSandbox, value: unknown): void {
	const text = JSON.stringify(value);
	const secrets = [
		sb.clients[0].clientSecret,
		...sb.tokens.keys(),
		Buffer.from(`${sb.clients[0].clientId}:${sb.clients[0].clientSecret}`).toString('base64'),
	];
	for (const secret of secrets) {
		if (text.includes(secret))
			throw new Error(`a secret leaked into the output: ${secret.slice(0, 4)}…`);
	}
}

export const customerByName = (sb: CartonCloudSandbox, name: string) => {
	const customer = sb.world.customers.find((c) => c.name === name);
	if (!customer) throw new Error(`no customer ${name}`);
	return customer;
};

export const rl = (value: string, mode = 'id') => ({ __rl: true, mode, value });

/** A consignment generated from a sale order and not yet tracked, with the id of that order. */
export function generatedConsignment(sb: CartonCloudSandbox): {
	consignment: Consignment;
	orderId: string;
} {
	const consignment = [...sb.world.consignments.values()].find(
		(c) => c.generatedFromTask && !c.references.tracking,
	)!;
	return { consignment, orderId: consignment.generatedFromTask!.id };
}
