/** Label and manifest PDFs: Starshipit sends base64 in JSON; n8n passes files as binary data. */
import type { IBinaryKeyData, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** Safe for file systems and printers: keeps letters, digits, dot, dash, underscore. */
export function fileSafe(value: string): string {
	return value.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 80) || 'order';
}

/** `label-SO-1001.pdf`, then `label-SO-1001-2.pdf` … for an order with several labels. */
export function labelFileName(orderRef: string, index: number, prefix = 'label'): string {
	return `${prefix}-${fileSafe(orderRef)}${index === 0 ? '' : `-${index + 1}`}.pdf`;
}

/** `label`, `label_2`, `label_3` … (the first keeps the plain name, so `label` is always there). */
function binaryKey(base: string, index: number): string {
	return index === 0 ? base : `${base}_${index + 1}`;
}

function decodePdf(
	context: IExecuteFunctions,
	base64: unknown,
	what: string,
	itemIndex: number,
): Buffer {
	if (typeof base64 !== 'string' || base64.length === 0) {
		throw new NodeOperationError(context.getNode(), `Starshipit returned no PDF for ${what}`, {
			itemIndex,
		});
	}
	const data = Buffer.from(base64.replace(/^data:[^,]*,/, ''), 'base64');
	if (data.length === 0)
		throw new NodeOperationError(
			context.getNode(),
			`Starshipit returned an empty PDF for ${what}`,
			{ itemIndex },
		);
	return data;
}

export async function pdfBinaries(
	context: IExecuteFunctions,
	files: Array<{ base64: unknown; fileName: string; what: string }>,
	property: string,
	itemIndex: number,
): Promise<IBinaryKeyData> {
	const binary: IBinaryKeyData = {};
	for (const [index, file] of files.entries()) {
		const data = decodePdf(context, file.base64, file.what, itemIndex);
		binary[binaryKey(property, index)] = await context.helpers.prepareBinaryData(
			data,
			file.fileName,
			'application/pdf',
		);
	}
	return binary;
}
