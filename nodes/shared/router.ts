import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { fitToolAnswer } from './output';

/** What every `actions/<resource>/<operation>.operation.ts` exports besides its description. */
export interface Operation {
	execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]>;
}

/**
 * Reads resource and operation and hands all input items to that operation, which handles and
 * pairs them itself (several operations batch their items into one API call). Run as an AI
 * agent's tool, the answer is kept to a size a model can take (`fitToolAnswer`).
 */
export async function routeToOperation(
	context: IExecuteFunctions,
	resources: Record<string, Record<string, unknown>>,
): Promise<INodeExecutionData[][]> {
	const resource = context.getNodeParameter('resource', 0) as string;
	const operation = context.getNodeParameter('operation', 0) as string;
	const handler = resources[resource]?.[operation] as Operation | undefined;
	if (!handler || typeof handler.execute !== 'function') {
		throw new NodeOperationError(
			context.getNode(),
			`The operation "${operation}" of resource "${resource}" is not supported`,
		);
	}
	return [fitToolAnswer(context, await handler.execute.call(context, context.getInputData()))];
}

/**
 * A resource's Operation selector whose default differs by node version, as n8n's own nodes change
 * a default: one property per version, shown by `@version`, so a saved workflow (which stores no
 * default) keeps the operation it was built with. E.g. version 1 started on Create, version 2 on Get.
 */
export function versionedOperation(
	resource: string,
	options: INodePropertyOptions[],
	defaults: { version1: string; fromVersion2: string },
): INodeProperties[] {
	const property = (
		version: NonNullable<INodeProperties['displayOptions']>['show'],
		operation: string,
	): INodeProperties => ({
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [resource], ...version } },
		options,
		default: operation,
	});
	return [
		property({ '@version': [1] }, defaults.version1),
		property({ '@version': [{ _cnd: { gte: 2 } }] }, defaults.fromVersion2),
	];
}
