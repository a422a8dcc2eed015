/**
 * Both nodes as an AI agent's tools (issue 27), run as n8n's engine runs a tool the agent calls:
 * the `<name>Tool` node type, one input item holding the model's arguments, parameters filled by
 * `$fromAI()` with what a model sends (text for lists, optional arguments left out).
 * nodes/shared/tool.ts, output.ts, choices.ts and values.ts, through the built package.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { IDataObject, INode, INodeTypeDescription } from 'n8n-workflow';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Harness, type WorkflowJson } from '../harness/index.mts';
import { n8nWorkflow } from '../harness/n8n.mts';
import { loadPackageTypes } from '../harness/registry.mts';
import { CREDENTIALS, type Sandboxes, startSandboxes } from '../sandbox/index.mts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const PACKAGE = 'n8n-nodes-cartoncloud-starshipit';
const LIMIT = 8_000;
const { NodeHelpers } = n8nWorkflow;
const { nodeTypes } = loadPackageTypes(ROOT);

let sb: Sandboxes;
let harness: Harness;

beforeAll(async () => {
	sb = await startSandboxes({ starshipit: { ratePerSecond: 1000, burst: 1000 } });
	harness = new Harness(sb.credentials());
});
afterAll(async () => sb?.close());
beforeEach(() => {
	sb.cartonCloud.reset();
	sb.starshipit.reset();
	sb.cartonCloud.server.clearLog();
	sb.starshipit.server.clearLog();
});

/** "Agent" (the model's arguments as the input item) → the node, as a tool by default. */
function toolWorkflow(
	node: string,
	parameters: IDataObject,
	{ version = 2, asTool = true } = {},
): WorkflowJson {
	return {
		name: 'tool test',
		nodes: [
			{
				id: '1',
				name: 'Start',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				id: '2',
				name: 'Agent',
				type: 'n8n-nodes-base.noOp',
				typeVersion: 1,
				position: [200, 0],
				parameters: {},
			},
			{
				id: '3',
				name: 'Tool',
				type: `${PACKAGE}.${node}${asTool ? 'Tool' : ''}`,
				typeVersion: version,
				position: [400, 0],
				parameters: parameters as INode['parameters'],
				credentials: {
					cartonCloudApi: CREDENTIALS.cartonCloud,
					starshipitApi: CREDENTIALS.starshipit,
				},
			},
		],
		connections: {
			Start: { main: [[{ node: 'Agent', type: 'main', index: 0 }]] },
			Agent: { main: [[{ node: 'Tool', type: 'main', index: 0 }]] },
		} as never,
	};
}

/** Runs the tool with the model's arguments; its answer as the model gets it (JSON of the items). */
async function callTool(
	node: string,
	parameters: IDataObject,
	args: IDataObject,
	options: { version?: number; asTool?: boolean } = {},
) {
	const run = await harness.run(toolWorkflow(node, parameters, options), {
		startNode: 'Agent',
		items: [{ json: args }],
	});
	const items = run.error ? [] : run.output('Tool').map((item) => item.json);
	return { run, items, answer: JSON.stringify(items), error: run.nodes.Tool?.error?.message };
}

const fromAI = (key: string, type = 'string') => `={{ $fromAI('${key}', '', '${type}') }}`;

async function pushEveryPackedOrder(): Promise<void> {
	const push = JSON.parse(
		readFileSync(path.join(ROOT, 'workflows/order-push-scheduled.json'), 'utf8'),
	) as WorkflowJson;
	await harness.run(push, { startNode: 'Run now' });
	sb.cartonCloud.server.clearLog();
	sb.starshipit.server.clearLog();
}

describe('what the model reads about each tool', () => {
	const description = (node: string) =>
		nodeTypes.getByNameAndVersion(`${PACKAGE}.${node}`, 2).description as INodeTypeDescription;
	const operations = (node: string) =>
		description(node)
			.properties.filter((p) => p.name === 'operation' && p.displayOptions?.show?.resource)
			.flatMap((p) =>
				(p.displayOptions!.show!.resource as string[]).flatMap((resource) =>
					(p.options as Array<{ value: string }>).map((o) => ({ resource, operation: o.value })),
				),
			);
	/** The tool description n8n hands the model (NodeHelpers.getToolDescriptionForNode) for this operation. */
	const toolDescription = (node: string, parameters: IDataObject) => {
		const type = nodeTypes.getByNameAndVersion(`${PACKAGE}.${node}Tool`, 2);
		const bare: INode = {
			id: 'n',
			name: 'Tool',
			type: `${PACKAGE}.${node}Tool`,
			typeVersion: 2,
			position: [0, 0],
			parameters: parameters as INode['parameters'],
		};
		const withDefaults = {
			...bare,
			parameters: NodeHelpers.getNodeParameters(
				type.description.properties,
				bare.parameters,
				true,
				false,
				bare,
				type.description,
			)!,
		};
		return NodeHelpers.getToolDescriptionForNode(withDefaults, type);
	};
	const all = [
		...new Map(
			['cartonCloud', 'starshipit'].flatMap((node) =>
				operations(node).map((op) => [`${node} ${op.resource}:${op.operation}`, { node, ...op }]),
			),
		).values(),
	];

	it.each(all.map((op) => [`${op.node} ${op.resource}:${op.operation}`, op] as const))(
		'%s: a description written for a model, not the action',
		(_name, { node, resource, operation }) => {
			const text = toolDescription(node, { resource, operation });
			expect(text.length).toBeGreaterThan(80);
			expect(text).not.toMatch(/ in (CartonCloud|Starshipit)$/);
			// A read says it is one; a write says to call it only when asked.
			expect(text).toMatch(/Read-only|call it only when|agent cannot read/);
		},
	);

	it('carries the caveats and the cost where they apply', () => {
		expect(toolDescription('starshipit', { resource: 'order', operation: 'getMany' })).toMatch(
			/only orders updated in the last 24 hours/,
		);
		expect(toolDescription('cartonCloud', { resource: 'saleOrder', operation: 'getMany' })).toMatch(
			/Packed is off by default/,
		);
		const print = toolDescription('starshipit', { resource: 'label', operation: 'print' });
		expect(print).toMatch(/BUYS the label/);
		expect(print).toMatch(/never charged again/);
	});

	it('is only part of the Tool variant: the node itself has no tool description parameter', () => {
		const node: INode = {
			id: 'n',
			name: 'N',
			type: `${PACKAGE}.starshipit`,
			typeVersion: 2,
			position: [0, 0],
			parameters: { resource: 'order', operation: 'get' },
		};
		const type = nodeTypes.getByNameAndVersion(node.type, 2);
		expect(
			NodeHelpers.getNodeParameters(
				type.description.properties,
				node.parameters,
				true,
				false,
				node,
				type.description,
			),
		).not.toHaveProperty('toolDescription');
	});
});

describe('defaults: reads first, writes chosen deliberately (version 2)', () => {
	const defaults = (type: string, version: number, parameters: IDataObject = {}) => {
		const node: INode = {
			id: 'n',
			name: 'N',
			type: `${PACKAGE}.${type}`,
			typeVersion: version,
			position: [0, 0],
			parameters: parameters as INode['parameters'],
		};
		const description = nodeTypes.getByNameAndVersion(node.type, version).description;
		return NodeHelpers.getNodeParameters(
			description.properties,
			node.parameters,
			true,
			false,
			node,
			description,
		)!;
	};

	it('Starshipit starts on Order > Get, Label on Reprint; version 1 keeps Create and Print', () => {
		expect(defaults('starshipitTool', 2)).toMatchObject({
			resource: 'order',
			operation: 'get',
			orderBy: 'orderNumber',
			orderNumber: '',
			output: 'simple',
		});
		expect(defaults('starshipit', 2, { resource: 'label' })).toMatchObject({
			operation: 'reprint',
		});
		expect(defaults('starshipit', 1)).toMatchObject({ resource: 'order', operation: 'create' });
		expect(defaults('starshipit', 1, { resource: 'label' })).toMatchObject({ operation: 'print' });
	});

	it("Get's order number starts empty in version 2 (a parameter for the model), from the item in version 1", () => {
		expect(defaults('starshipit', 2, { resource: 'order', operation: 'get' }).orderNumber).toBe('');
		expect(defaults('starshipit', 1, { resource: 'order', operation: 'get' }).orderNumber).toBe(
			'={{ $json.order_number }}',
		);
		expect(
			defaults('starshipit', 2, { resource: 'tracking', operation: 'get', trackBy: 'orderNumber' })
				.orderNumber,
		).toBe('');
		expect(
			defaults('starshipit', 1, { resource: 'tracking', operation: 'get', trackBy: 'orderNumber' })
				.orderNumber,
		).toBe('={{ $json.order_number }}');
	});

	it('Output is Simplified on the Tool variant and Raw on the node; version 1 has none', () => {
		expect(
			defaults('cartonCloudTool', 2, { resource: 'saleOrder', operation: 'getMany' }).output,
		).toBe('simple');
		expect(defaults('cartonCloud', 2, { resource: 'saleOrder', operation: 'getMany' }).output).toBe(
			'raw',
		);
		expect(
			defaults('cartonCloud', 1, { resource: 'saleOrder', operation: 'getMany' }),
		).not.toHaveProperty('output');
	});
});

describe('CartonCloud sale orders as a tool', () => {
	const search = {
		resource: 'saleOrder',
		operation: 'getMany',
		returnAll: true,
		filters: {
			statuses: fromAI('statuses'),
			customerReference: fromAI('customer_reference'),
			customer: fromAI('customer'),
		},
	};

	it('takes statuses as a model sends them (comma-separated text), optional arguments left out, and answers under the limit', async () => {
		const { items, answer, error } = await callTool('cartonCloud', search, {
			statuses: 'packed, Awaiting Pick and Pack',
		});
		expect(error).toBeUndefined();
		expect(answer.length).toBeLessThanOrEqual(LIMIT);
		const orders = items.filter((i) => !i.note);
		expect(orders.length).toBeGreaterThan(20);
		expect(new Set(orders.map((o) => o.status))).toEqual(
			new Set(['PACKED', 'AWAITING_PICK_AND_PACK']),
		);
		expect(Object.keys(orders[0]).sort()).toEqual([
			'city',
			'country',
			'created',
			'customer',
			'id',
			'modified',
			'reference',
			'status',
		]);
		expect(items.at(-1)?.note).toMatch(
			/^Showing \d+ of the \d+ sale orders found: .* Narrow the search/,
		);
		// Simplified rows list no items, so no product weights are looked up.
		expect(sb.cartonCloud.server.count('POST /tenants/:tenantId/warehouse-products/search')).toBe(
			0,
		);
	});

	it('39 packed sale orders: about 90,000 characters raw, under 8,000 simplified', async () => {
		const raw = await callTool(
			'cartonCloud',
			{
				resource: 'saleOrder',
				operation: 'getMany',
				returnAll: true,
				filters: { statuses: ['PACKED'] },
			},
			{},
			{ asTool: false },
		);
		const simple = await callTool(
			'cartonCloud',
			{
				resource: 'saleOrder',
				operation: 'getMany',
				returnAll: true,
				filters: { statuses: 'PACKED' },
			},
			{},
		);
		console.log(
			`[tool answers] ${raw.items.length} packed sale orders: raw ${raw.answer.length} characters, simplified ${simple.answer.length}`,
		);
		expect(raw.items).toHaveLength(39);
		expect(raw.answer.length).toBeGreaterThan(80_000);
		expect(simple.answer.length).toBeLessThanOrEqual(LIMIT);
	});

	it('finds a customer by the name a model knows, not only by ID', async () => {
		const { items } = await callTool('cartonCloud', search, {
			statuses: 'REJECTED',
			customer: 'Koala Outdoor Co',
		});
		expect(items.length).toBeGreaterThan(0);
		expect(items.every((o) => o.customer === 'Koala Outdoor Co' && o.status === 'REJECTED')).toBe(
			true,
		);
	});

	it('a status outside the options is an error naming the field and the allowed values (no search is sent)', async () => {
		const { error } = await callTool('cartonCloud', search, { statuses: 'PACKED, SHIPPED' });
		expect(error).toBe(
			'"Statuses": "SHIPPED" is not an allowed value. Use one or more of: AWAITING_PICK_AND_PACK, AWAITING_STOCK, DISPATCHED, DRAFT, PACKED, PACKING_IN_PROGRESS, PICKED, REJECTED (as a list or comma-separated)',
		);
		expect(sb.cartonCloud.server.count('POST /tenants/:tenantId/outbound-orders/search')).toBe(0);
	});

	it('nothing found is a note, with the Packed caveat when Packed was asked for', async () => {
		const { items } = await callTool('cartonCloud', search, {
			statuses: 'PACKED',
			customer_reference: 'NO-SUCH-REF',
		});
		expect(items).toEqual([
			{
				note: expect.stringMatching(
					/^No sale order matches statuses PACKED, customer reference NO-SUCH-REF\. Packed is OFF by default/,
				),
			},
		]);
	});

	it('a date a model cannot write is an error saying what to send', async () => {
		const { error } = await callTool(
			'cartonCloud',
			{ resource: 'saleOrder', operation: 'getMany', filters: { modifiedAfter: fromAI('since') } },
			{ since: 'last tuesday' },
		);
		expect(error).toBe(
			'"Modified After" is not a valid date ("last tuesday"): give an ISO 8601 date or date-time, e.g. 2026-12-05 or 2026-12-05T09:00:00+10:00',
		);
	});

	it('version 1 as a tool answers as it always did: every field, no limit', async () => {
		const { items } = await callTool(
			'cartonCloud',
			{
				resource: 'saleOrder',
				operation: 'getMany',
				returnAll: true,
				filters: { statuses: ['PACKED'] },
			},
			{},
			{ version: 1 },
		);
		expect(items).toHaveLength(39);
		expect(items[0]).toHaveProperty('productMeasures');
	});
});

describe('Starshipit as a tool', () => {
	it('35-odd unshipped orders: about 60,000 characters raw, under 8,000 simplified, with the 24-hour caveat', async () => {
		await pushEveryPackedOrder();
		const raw = await callTool(
			'starshipit',
			{ resource: 'order', operation: 'getMany', source: 'unshipped', returnAll: true },
			{},
			{ asTool: false },
		);
		const simple = await callTool(
			'starshipit',
			{ resource: 'order', operation: 'getMany', source: 'unshipped', returnAll: true },
			{},
		);
		console.log(
			`[tool answers] ${raw.items.length} unshipped Starshipit orders: raw ${raw.answer.length} characters, simplified ${simple.answer.length}`,
		);
		expect(raw.items.length).toBeGreaterThan(30);
		expect(raw.answer.length).toBeGreaterThan(50_000);
		expect(simple.answer.length).toBeLessThanOrEqual(LIMIT);
		expect(simple.items.filter((i) => !i.note)).toHaveLength(raw.items.length);
		expect(simple.items[0]).toEqual({
			order_id: raw.items[0].order_id,
			order_number: raw.items[0].order_number,
			reference: raw.items[0].reference,
			status: 'Unshipped',
			order_date: String(raw.items[0].order_date).replace('.000Z', 'Z'),
			city: (raw.items[0].destination as IDataObject).city,
			country: (raw.items[0].destination as IDataObject).country,
		});
		expect(simple.items.at(-1)?.note).toMatch(
			/^Without a "since" date Starshipit lists only orders updated in the last 24 hours/,
		);
	});

	it('a since date given as text is sent as Starshipit writes dates, and the caveat goes', async () => {
		const { items } = await callTool(
			'starshipit',
			{
				resource: 'order',
				operation: 'getMany',
				source: 'shipped',
				filters: { sinceLastUpdated: fromAI('since') },
			},
			{ since: '2026-01-01' },
		);
		expect(sb.starshipit.server.log.map((e) => e.query)).toContain(
			'?since_last_updated=2026-01-01T00%3A00%3A00Z&limit=50&page=1',
		);
		expect(items.some((i) => /24 hours/.test(String(i.note)))).toBe(false);
	});

	it('Get by the order number the model gives: status, destination, carrier and tracking', async () => {
		await pushEveryPackedOrder();
		const number = sb.cartonCloud
			.state()
			.outboundOrders.find(
				(o) => o.status === 'PACKED' && o.references.customer.startsWith('KOA-1'),
			)!.references.customer;
		sb.starshipit.printOrder(number);
		const { items, answer } = await callTool(
			'starshipit',
			{ resource: 'order', operation: 'get', orderNumber: fromAI('order_number') },
			{ order_number: number },
		);
		expect(answer.length).toBeLessThan(2_000);
		expect(items[0]).toMatchObject({
			order_number: number,
			status: expect.any(String),
			carrier: expect.any(String),
			tracking_number: expect.any(String),
			country: 'Australia',
		});
		expect(sb.starshipit.server.log.map((e) => e.query)).toEqual([`?order_number=${number}`]);
	});

	it('Get without the order number (the model left it out) is an error saying what to give', async () => {
		const { error } = await callTool(
			'starshipit',
			{ resource: 'order', operation: 'get', orderNumber: fromAI('order_number') },
			{},
		);
		expect(error).toBe(
			'"Order Number" is empty: give the order number as Starshipit holds it (usually the CartonCloud customer reference, e.g. KOA-10001)',
		);
	});

	it('an order Starshipit does not know is an error saying what to do', async () => {
		const { error } = await callTool(
			'starshipit',
			{ resource: 'order', operation: 'get', orderNumber: fromAI('order_number') },
			{ order_number: 'KOA-404' },
		);
		expect(error).toBe(
			'Order "KOA-404" is not in Starshipit: check the order number (usually the CartonCloud customer reference, e.g. KOA-10001); the order may not have been pushed from CartonCloud yet',
		);
	});

	it('a Source outside the options is an error naming the allowed ones', async () => {
		const { error } = await callTool(
			'starshipit',
			{
				resource: 'order',
				operation: 'getMany',
				source: fromAI('source'),
				phrase: fromAI('phrase'),
			},
			{ source: 'stuck' },
		);
		expect(error).toBe(
			'"Source": "stuck" is not an allowed value. Use one or more of: unshipped, shipped, search (as a list or comma-separated)',
		);
	});

	it('the reconciliation report answers without its e-mail HTML and under the limit', async () => {
		const { items, answer } = await callTool(
			'starshipit',
			{
				resource: 'report',
				operation: 'reconcileWithCartonCloud',
				pushStatuses: fromAI('statuses'),
			},
			{ statuses: 'PACKED' },
		);
		expect(answer.length).toBeLessThanOrEqual(LIMIT);
		expect(items[0]).toMatchObject({ report: 'summary', counts: expect.any(Object) });
		expect(items[0]).not.toHaveProperty('html');
		expect(items.filter((i) => i.kind === 'not_in_starshipit').length).toBeGreaterThan(0);
		expect(items.at(-1)?.note).toMatch(/^Showing \d+ of the \d+ orders that need attention/);
	});
});

describe("the ops assistant's tools (workflows/ops-assistant.json), with the arguments a model sends", () => {
	const workflow = JSON.parse(
		readFileSync(path.join(ROOT, 'workflows/ops-assistant.json'), 'utf8'),
	) as WorkflowJson;
	const tools = workflow.nodes.filter((n) => n.type.startsWith(`${PACKAGE}.`));
	const tool = (name: string) => {
		const node = tools.find((n) => n.name === name)!;
		return {
			node: node.type.slice(PACKAGE.length + 1).replace(/Tool$/, ''),
			parameters: node.parameters as IDataObject,
		};
	};
	/** Every request either sandbox received, as its endpoint ("METHOD /path/:pattern"). */
	const requests = () =>
		[...sb.cartonCloud.server.log, ...sb.starshipit.server.log].map((e) => e.endpoint);

	it('are the five read-only tools, each a version 2 Tool node answering Simplified', () => {
		expect(tools.map((n) => n.name).sort()).toEqual([
			'Check what needs attention',
			'Find sale orders',
			'Get Starshipit order',
			'List unshipped Starshipit orders',
			'Track shipment',
		]);
		for (const node of tools) {
			expect(node.type).toMatch(/Tool$/);
			expect(node.typeVersion).toBe(2);
			expect(node.parameters.output ?? 'simple').toBe('simple');
		}
	});

	it('answer every question under the size limit and only read', async () => {
		await pushEveryPackedOrder();
		const number = sb.cartonCloud
			.state()
			.outboundOrders.find(
				(o) => o.status === 'PACKED' && o.references.customer.startsWith('KIW-'),
			)!.references.customer;
		sb.starshipit.printOrder(number);
		sb.starshipit.server.clearLog();
		const calls: Array<[string, IDataObject]> = [
			['Find sale orders', { statuses: 'PACKED, awaiting pick and pack' }],
			[
				'Find sale orders',
				{ statuses: 'REJECTED', customer: 'Koala Outdoor Co', changed_since: '2020-01-01' },
			],
			['Get Starshipit order', { order_number: number }],
			['Track shipment', { order_number: number }],
			['List unshipped Starshipit orders', {}],
			['List unshipped Starshipit orders', { since: '2026-01-01' }],
			['Check what needs attention', {}],
		];
		for (const [name, args] of calls) {
			const { node, parameters } = tool(name);
			const { answer, error } = await callTool(node, parameters, args);
			expect(error, `${name} ${JSON.stringify(args)}`).toBeUndefined();
			expect(answer.length, `${name} ${JSON.stringify(args)}`).toBeLessThanOrEqual(LIMIT);
		}
		expect(
			requests().filter((r) => !r.startsWith('GET ') && !/\/search$|oauth\/token/.test(r)),
		).toEqual([]);
	});

	it('a bad argument is an error the model can act on, not a crash', async () => {
		const { node, parameters } = tool('Find sale orders');
		const { error } = await callTool(node, parameters, { statuses: 'PACKED, SHIPPED' });
		expect(error).toMatch(
			/^"Statuses": "SHIPPED" is not an allowed value\. Use one or more of: AWAITING_PICK_AND_PACK, .*REJECTED/,
		);
	});
});
