/**
 * A credential type's declarative `test`, run as n8n 2.41 runs it
 * (packages/cli/src/services/credentials-tester.service.ts, `CredentialsTester.runRequestTest`):
 * a temporary copy of the No Operation node whose one parameter routes `test.request`, n8n-core's
 * RoutingNode over an ExecuteContext (so `preAuthentication` and `authenticate` run exactly as for
 * a node, with the tested data instead of the stored credential's), then `test.rules`: on an HTTP
 * error the first `responseCode` rule matching the status, else the status text; on success the
 * `responseSuccessBody` rules, else "Connection successful!". Only the engine-independent part is
 * copied here; the same path in real n8n is proven by test/n8n/credentialTest.n8n.mts.
 */
import type {
	ICredentialsDecrypted,
	ICredentialType,
	IDataObject,
	INode,
	INodeCredentialTestResult,
	INodeExecutionData,
	INodeType,
	INodeTypes,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { n8nCore, n8nWorkflow } from './n8n.mts';

const { ExecuteContext, RoutingNode } = n8nCore;
const { Workflow, createEmptyRunExecutionData } = n8nWorkflow;

interface TestError {
	message?: string;
	cause?: { response?: { status: number; statusText?: string }; code?: string };
}

/** What n8n's testing path reads off the stored-credentials helper: the tested data, never the stored one. */
function withTestedData(
	additionalData: IWorkflowExecuteAdditionalData,
	credential: ICredentialsDecrypted,
): IWorkflowExecuteAdditionalData {
	const stored = additionalData.credentialsHelper;
	const getDecrypted = async (...args: Parameters<typeof stored.getDecrypted>) =>
		args[5] ? await stored.getDecrypted(...args) : (credential.data ?? {});
	const credentialsHelper = new Proxy(stored, {
		get(target, prop) {
			if (prop === 'getDecrypted') return getDecrypted;
			const value = Reflect.get(target, prop) as unknown;
			return typeof value === 'function'
				? (value as (...a: unknown[]) => unknown).bind(target)
				: value;
		},
	});
	return { ...additionalData, credentialsHelper };
}

export async function runDeclarativeCredentialTest(
	type: ICredentialType,
	credential: ICredentialsDecrypted,
	noOp: INodeType,
	additionalData: (
		workflow: import('n8n-workflow').Workflow,
		node: INode,
	) => IWorkflowExecuteAdditionalData,
): Promise<INodeCredentialTestResult> {
	const test = type.test;
	if (!test) throw new Error(`${type.name} has no declarative test`);
	const node: INode = {
		id: 'temp',
		parameters: {},
		name: 'Temp-Node',
		// n8n names its loaded types with the package prefix; its preAuthentication recognises a
		// credential test by this type and the empty `temp` parameter (and then always fetches a token).
		type: 'n8n-nodes-base.noOp',
		typeVersion: 1,
		position: [0, 0],
		credentials: { [credential.type]: { id: credential.id, name: credential.name } },
	};
	const nodeTypeCopy = {
		description: {
			...noOp.description,
			name: node.type,
			credentials: [{ name: credential.type, required: true }],
			properties: [
				{
					displayName: 'Temp',
					name: 'temp',
					type: 'string',
					routing: { request: test.request },
					default: '',
				},
			],
		},
	} as unknown as INodeType;
	const nodeTypes: INodeTypes = {
		getByName: () => nodeTypeCopy,
		getByNameAndVersion: () => nodeTypeCopy,
		getKnownTypes: () => ({}),
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	const data = withTestedData(additionalData(workflow, node), credential);
	const executeData = { node, data: {}, source: null };
	const context = new ExecuteContext(
		workflow,
		node,
		data,
		'internal',
		createEmptyRunExecutionData(),
		0,
		[],
		{ main: [[{ json: {} }]] },
		executeData,
		[],
	);
	const routingNode = new RoutingNode(context, nodeTypeCopy, credential);

	let response: INodeExecutionData[][] | null | undefined;
	try {
		await workflow.expression.acquireIsolate();
		response = await routingNode.runNode();
	} catch (caught) {
		const error = caught as TestError;
		if (error.cause?.response) {
			const { status, statusText } = error.cause.response;
			for (const rule of test.rules ?? []) {
				if (rule.type === 'responseCode' && status === rule.properties.value)
					return { status: 'Error', message: rule.properties.message };
			}
			if (status < 199 || status > 299)
				return { status: 'Error', message: statusText || `Received HTTP status code: ${status}` };
		} else if (error.cause?.code) {
			return { status: 'Error', message: error.cause.code };
		}
		return { status: 'Error', message: String(error.message) };
	} finally {
		await workflow.expression.releaseIsolate();
	}
	for (const rule of test.rules ?? []) {
		if (rule.type !== 'responseSuccessBody') continue;
		const json = response?.[0]?.[0]?.json as IDataObject | undefined;
		const value = rule.properties.key
			.split('.')
			.reduce<unknown>((v, key) => (v as IDataObject | undefined)?.[key], json);
		if (value === rule.properties.value)
			return { status: 'Error', message: rule.properties.message };
	}
	return { status: 'OK', message: 'Connection successful!' };
}
