import { LoadOptionsContext } from 'n8n-core';
import type { IWorkflowExecuteAdditionalData } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chain, type Env, json, startEnv } from './fixtures.mts';

let env: Env;
beforeAll(async () => {
	env = await startEnv({ defaultPageSize: 2 });
});
afterAll(async () => {
	await env.sb.close();
});

describe('Customer', () => {
	it('Get Many returns every customer', async () => {
		const run = await env.harness.run(chain({ name: 'Customers', parameters: { resource: 'customer', operation: 'getMany', returnAll: true } }));
		expect(json(run, 'Customers').map((c) => c.name).sort()).toEqual(['Bondi Beauty', 'Kiwi Kitchenware', 'Koala Outdoor Co']);
		const limited = await env.harness.run(chain({ name: 'Customers', parameters: { resource: 'customer', operation: 'getMany', limit: 2 } }));
		expect(json(limited, 'Customers')).toHaveLength(2);
	});

	it('the customer picker (list search) lists and filters customers through n8n-core', async () => {
		const workflowJson = chain({ name: 'CC', parameters: { resource: 'saleOrder', operation: 'getMany' } });
		const harness = env.harness as unknown as {
			types: { nodeTypes: Workflow['nodeTypes'] };
			additionalData(workflow: Workflow, json: unknown): IWorkflowExecuteAdditionalData;
		};
		const workflow = new Workflow({ id: 'w', nodes: workflowJson.nodes, connections: workflowJson.connections, nodeTypes: harness.types.nodeTypes, active: false });
		const node = workflow.getNode('CC')!;
		const context = new LoadOptionsContext(workflow, node, harness.additionalData(workflow, workflowJson), 'filters.customer');
		const type = harness.types.nodeTypes.getByNameAndVersion(node.type, 1) as { methods: { listSearch: Record<string, (this: unknown, filter?: string) => Promise<{ results: { name: string; value: string }[] }>> } };
		const all = await type.methods.listSearch.searchCustomers.call(context);
		expect(all.results.map((r) => r.name)).toEqual(['Bondi Beauty', 'Kiwi Kitchenware', 'Koala Outdoor Co']);
		const some = await type.methods.listSearch.searchCustomers.call(context, 'koala');
		expect(some.results).toEqual([{ name: 'Koala Outdoor Co', value: env.sb.world.customers.find((c) => c.name === 'Koala Outdoor Co')!.id }]);
	});
});
