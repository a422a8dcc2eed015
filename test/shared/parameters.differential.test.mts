/**
 * `itemParameter` (nodes/shared/parameters.ts) reads some parameters without n8n's expression
 * engine: a constant once per run, `={{ $json.a.b }}` from the item, `={{ $json }}` as the item,
 * `={{ $('Node').all()… }}` once for every item.
 * It is kept because `npm run bench -- --variants` shows what evaluating them through n8n costs
 * per order; this test keeps it honest. A probe node, run by n8n-core's engine, reads the same
 * parameter both ways for every item of a corpus (nested paths, absent and null fields, numbers,
 * booleans, unicode, objects, lists, expressions that need item linking), and the two answers
 * must be equal: value for value, and error for error.
 */
import { createRequire } from 'node:module';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { afterAll, describe, expect, it } from 'vitest';
import { Harness, shutdownEngine, type WorkflowJson } from '../harness/index.mts';

// The built module, as the package's nodes load it.
const require = createRequire(import.meta.url);
const { itemParameter } =
	require('../../dist/nodes/shared/parameters.js') as typeof import('../../nodes/shared/parameters');

const PROBE = 'test.parameterProbe';

/** For each item: the parameter as `itemParameter` reads it and as n8n's `getNodeParameter` does (or their errors). */
class ParameterProbe implements INodeType {
	description = {
		displayName: 'Parameter Probe',
		name: 'parameterProbe',
		group: ['transform'],
		version: 1,
		description: 'Reads one parameter two ways (test only)',
		defaults: { name: 'Probe' },
		inputs: ['main'],
		outputs: ['main'],
		properties: [
			{ displayName: 'Text', name: 'text', type: 'string', default: '' },
			{ displayName: 'Json', name: 'json', type: 'json', default: '' },
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				default: {},
				options: [{ displayName: 'A', name: 'a', type: 'string', default: '' }],
			},
			{ displayName: 'Read', name: 'read', type: 'string', default: 'text' },
		],
	} as unknown as INodeTypeDescription;

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const name = this.getNodeParameter('read', 0) as string;
		const attempt = (read: () => unknown) => {
			try {
				return { value: read() ?? null };
			} catch (error) {
				return { error: (error as Error).message };
			}
		};
		return [
			this.getInputData().map((_, i) => ({
				json: {
					shortcut: attempt(() => itemParameter(this, name, i, '')),
					n8n: attempt(() => this.getNodeParameter(name, i, '')),
				} as IDataObject,
				pairedItem: { item: i },
			})),
		];
	}
}

/** Items as the nodes meet them: orders with nested, absent, null and odd fields. */
const items: IDataObject[] = [
	{
		order_number: 'SO-1',
		shipment: { number: 4711, carrier: { name: 'Australia Post' } },
		url: 'https://t.example/1',
		flag: true,
	},
	{ order_number: 'ORDER-名前-🚚', shipment: { number: 'TN-2' }, url: null, flag: false, zero: 0 },
	{ order_number: '', shipment: {}, nested: { list: [1, 2, { deep: 'x' }] } },
	{ shipment: null, 'with space': 'spaced', $weird: 'dollar', _under: 'score' },
	{ order_number: 12345, shipment: { number: -1.5e3 }, empty: '', negative: -0 },
	{
		order_number: ' padded ',
		unicode: 'e\u0301 \u2028 \uD83D\uDE9A',
		object: { a: 1 },
		list: ['a', 'b'],
	},
];

/** Parameter values: what the shortcut reads itself, and what it must leave to n8n. */
const expressions: Array<[string, unknown]> = [
	['text', '={{ $json.order_number }}'],
	['text', '={{$json.order_number}}'],
	['text', '={{ $json.shipment.number }}'],
	['text', '={{ $json.shipment.carrier.name }}'],
	['text', "={{ $json.url ?? '' }}"],
	['text', "={{ $json.shipment.number ?? '' }}"],
	['text', '={{ $json.flag }}'],
	['text', '={{ $json.zero }}'],
	['text', '={{ $json.negative }}'],
	['text', '={{ $json.missing }}'],
	['text', '={{ $json.object }}'],
	['text', '={{ $json.list }}'],
	['text', '={{ $json.nested.list }}'],
	['text', '={{ $json.unicode }}'],
	['text', '={{ $json.$weird }}'],
	['text', '={{ $json._under }}'],
	['text', '={{ $json["with space"] }}'],
	['text', '={{ $json.order_number.toUpperCase() }}'],
	['text', "={{ $('Orders').item.json.order_number }}"],
	['text', "={{ $('Orders').all().map(row => row.json.order_number) }}"],
	['text', '={{ $("Orders").all().map(o => o.json.shipment.number) }}'],
	['text', "={{ $('Orders').all().map(row => row.json.missing) }}"],
	['text', "={{ $('Orders').all() }}"],
	['text', "={{ $('No such node').all() }}"],
	['text', "={{ $('Orders').all().map(row => row.json.order_number).join(', ') }}"],
	['text', 'a constant'],
	['text', ''],
	['json', '={{ $json }}'],
	['json', '={{ $json.shipment }}'],
	['options', { a: 'constant' }],
	['options', { a: '={{ $json.order_number }}' }],
];

function probeWorkflow(parameter: string, value: unknown): WorkflowJson {
	return {
		name: 'parameter probe',
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
				name: 'Orders',
				type: 'n8n-nodes-base.noOp',
				typeVersion: 1,
				position: [200, 0],
				parameters: {},
			},
			{
				id: '3',
				name: 'Probe',
				type: PROBE,
				typeVersion: 1,
				position: [400, 0],
				parameters: { read: parameter, [parameter]: value } as never,
			},
		],
		connections: {
			Start: { main: [[{ node: 'Orders', type: 'main', index: 0 }]] },
			Orders: { main: [[{ node: 'Probe', type: 'main', index: 0 }]] },
		},
	};
}

const harness = new Harness({}, { [PROBE]: new ParameterProbe() });
afterAll(shutdownEngine);

describe('itemParameter reads what n8n reads', () => {
	it.each(expressions)('%s = %j', async (parameter, value) => {
		const run = await harness.run(probeWorkflow(parameter, value), {
			startNode: 'Orders',
			items: items.map((json) => ({ json })),
		});
		expect(run.status, run.error?.message).toBe('success');
		const out = run.output('Probe');
		expect(out).toHaveLength(items.length);
		for (const [i, item] of out.entries())
			expect(item.json.shortcut, `item ${i}`).toEqual(item.json.n8n);
	});
});
