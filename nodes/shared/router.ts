import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
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
