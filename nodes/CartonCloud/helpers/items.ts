import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** A required, non-empty string parameter; the error names the field (and the sale order, when known). */
export function requireText(context: IExecuteFunctions, name: string, label: string, itemIndex: number, subject?: string): string {
	const value = context.getNodeParameter(name, itemIndex, '') as unknown;
	const text = value === undefined || value === null ? '' : String(value).trim();
	if (text === '') {
		throw new NodeOperationError(context.getNode(), `${subject ? `${subject}: ` : ''}"${label}" is empty`, {
			itemIndex,
			description: `Set the "${label}" field (or the expression that fills it) for item ${itemIndex + 1}.`,
		});
	}
	return text;
}

/** The value of a resource locator parameter (list or ID mode), trimmed. */
export function locatorValue(context: IExecuteFunctions, name: string, itemIndex: number): string {
	const value = context.getNodeParameter(name, itemIndex, '', { extractValue: true }) as unknown;
	return value === undefined || value === null ? '' : String(value).trim();
}
