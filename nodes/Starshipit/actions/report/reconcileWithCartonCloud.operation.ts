/**
 * Report → Reconcile With CartonCloud: the reconciliation report of the shared layer
 * (`shared/reconciliation/`), which reads both systems, run once per execution. Simplified (an AI
 * agent's default), the summary leaves out its e-mail HTML and the answer keeps to a model's size.
 */
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { asItemError, failItem } from '../../../shared/items';
import { ANSWER_LIMIT, fitAnswer, outputProperties, simplifies } from '../../../shared/output';
import { reconciliationReport, reportProperties } from '../../../shared/reconciliation/report';

export const description = updateDisplayOptions(
	{ show: { resource: ['report'], operation: ['reconcileWithCartonCloud'] } },
	[...reportProperties, ...outputProperties()],
);

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const itemIndex = 0;
	try {
		const report = await reconciliationReport.call(this, itemIndex);
		if (!simplifies(this, itemIndex)) return report;
		const [summary, ...exceptions] = report.map((entry) => entry.json);
		const plainSummary = { ...summary };
		delete plainSummary.html;
		const rows = fitAnswer([plainSummary, ...exceptions], {
			cut: (shown, total) =>
				`Showing ${Math.max(0, shown - 1)} of the ${total - 1} orders that need attention: an answer stops at about ${ANSWER_LIMIT.toLocaleString('en')} characters. The counts in the summary cover them all.`,
		});
		return rows.map((json) => ({ json, pairedItem: { item: itemIndex } }));
	} catch (error) {
		if (items.length === 0) throw asItemError(this.getNode(), error, itemIndex);
		return [failItem(this, error, itemIndex)];
	}
}
