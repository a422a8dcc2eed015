/**
 * Report → Reconcile With CartonCloud: the reconciliation report of the shared layer
 * (`shared/reconciliation/`), which reads both systems, run once per execution.
 */
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { asItemError, failItem } from '../../../shared/items';
import { reconciliationReport, reportProperties } from '../../../shared/reconciliation/report';

export const description = updateDisplayOptions({ show: { resource: ['report'], operation: ['reconcileWithCartonCloud'] } }, reportProperties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const itemIndex = 0;
	try {
		return await reconciliationReport.call(this, itemIndex);
	} catch (error) {
		if (items.length === 0) throw asItemError(this.getNode(), error, itemIndex);
		return [failItem(this, error, itemIndex)];
	}
}
