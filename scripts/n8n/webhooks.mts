/**
 * Where a workflow's webhooks are served, read from its JSON: a Webhook node at its `path`, our
 * trigger nodes in webhook mode at `<webhookId>/webhook` (n8n's path for a node webhook whose
 * description sets no path). Used by `npm run n8n` and the queue-mode suite.
 */
import type { WorkflowNode } from './cli.mts';

export interface WorkflowWebhook {
	path: string;
	method: string;
	/** The node that receives it. */
	node: string;
	/** Its node type. */
	type: string;
}

export function webhooksOf(nodes: WorkflowNode[]): WorkflowWebhook[] {
	const found: WorkflowWebhook[] = [];
	for (const node of nodes) {
		if (node.disabled) continue;
		if (node.type === 'n8n-nodes-base.webhook' && typeof node.parameters?.path === 'string') {
			found.push({
				path: node.parameters.path,
				method: String(node.parameters.httpMethod ?? 'GET'),
				node: node.name,
				type: node.type,
			});
		} else if (/^n8n-nodes-cartoncloud-starshipit\.\w+Trigger$/.test(node.type) && node.webhookId) {
			// A trigger with a webhook mode, or a trigger that is a webhook trigger by its type.
			const webhookMode =
				node.parameters?.event === 'webhook' ||
				node.parameters?.mode === 'webhook' ||
				/webhook/i.test(node.type);
			if (webhookMode)
				found.push({
					path: `${node.webhookId}/webhook`,
					method: 'POST',
					node: node.name,
					type: node.type,
				});
		}
	}
	return found;
}
