/**
 * Stand-ins for the n8n-nodes-base nodes the bundled workflows' alerts and routing are built of,
 * copying the real nodes' observable behaviour (n8n-nodes-base 2.41, read in its dist/) for the
 * modes those workflows use; anything else throws, so a workflow that starts using another mode
 * fails here instead of passing on a guess. The real nodes run in `npm run test:n8n`.
 * - Edit Fields (Set) 3.4: JSON mode (the object, through a JSON round trip, in its own key order;
 *   no other input fields) and manual mode (the assignments, each of its type; no other fields).
 * - If 2.2: n8n's filter parameter, evaluated by n8n-core (getNodeParameter with extractValue).
 * - Merge 3.2: append (any number of inputs), choose branch (wait for all, one input's data),
 *   combine by matching fields (keep matches: input 1, input 2 or both; enrich input 1), with the
 *   real node's `requiredInputs`, which n8n-core's v1 execution order reads.
 * - Summarize 1.1: split by fields, count and concatenate, one item per split.
 * - Split Out 1: one field's list, one item per entry, no other fields, under the field's name or
 *   the destination field name.
 */
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { n8nWorkflow } from './n8n.mts';

function description(
	name: string,
	displayName: string,
	extra: Partial<INodeTypeDescription>,
): INodeTypeDescription {
	return {
		displayName,
		name,
		group: ['transform'],
		version: 1,
		description: `${displayName} (harness stand-in)`,
		defaults: { name: displayName },
		inputs: ['main'],
		outputs: ['main'],
		properties: [],
		...extra,
	} as INodeTypeDescription;
}

function unsupported(context: IExecuteFunctions, what: string): never {
	throw new n8nWorkflow.NodeOperationError(
		context.getNode(),
		`harness stand-in: ${what} is not implemented`,
	);
}

/** `a.b.c` of an object, as lodash get reads it. */
function getPath(object: IDataObject, path: string): unknown {
	return path
		.split('.')
		.reduce<unknown>(
			(value, key) =>
				value && typeof value === 'object' ? (value as IDataObject)[key] : undefined,
			object,
		);
}

class SetNode implements INodeType {
	description = description('set', 'Edit Fields (Set)', {
		version: [3, 3.1, 3.2, 3.3, 3.4],
		properties: [
			{
				displayName: 'Mode',
				name: 'mode',
				type: 'options',
				options: [
					{ name: 'Manual', value: 'manual' },
					{ name: 'JSON', value: 'raw' },
				],
				default: 'manual',
			},
			{
				displayName: 'JSON',
				name: 'jsonOutput',
				type: 'json',
				default: '{}',
				displayOptions: { show: { mode: ['raw'] } },
			},
			{
				displayName: 'Fields to Set',
				name: 'assignments',
				type: 'assignmentCollection',
				default: {},
				displayOptions: { show: { mode: ['manual'] } },
			},
			{
				displayName: 'Include Other Input Fields',
				name: 'includeOtherFields',
				type: 'boolean',
				default: false,
			},
			{ displayName: 'Options', name: 'options', type: 'collection', default: {}, options: [] },
		],
	});

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		if (this.getNodeParameter('includeOtherFields', 0, false))
			unsupported(this, 'Set: Include Other Input Fields');
		const mode = this.getNodeParameter('mode', 0) as string;
		return [
			this.getInputData().map((_, i) => {
				if (mode === 'raw') {
					const value = this.getNodeParameter('jsonOutput', i);
					const json =
						typeof value === 'string'
							? (JSON.parse(value) as IDataObject)
							: (JSON.parse(JSON.stringify(value)) as IDataObject);
					if (!json || typeof json !== 'object' || Array.isArray(json))
						throw new n8nWorkflow.NodeOperationError(
							this.getNode(),
							`The 'JSON Output' in item ${i} does not contain a valid JSON object`,
						);
					return { json, pairedItem: { item: i } };
				}
				const { assignments = [] } = this.getNodeParameter('assignments', i) as {
					assignments?: Array<{ name: string; type: string; value: unknown }>;
				};
				const json: IDataObject = {};
				for (const a of assignments) {
					if (a.type === 'array' && !Array.isArray(a.value))
						throw new n8nWorkflow.NodeOperationError(
							this.getNode(),
							`'${a.name}' expects an array but we got ${typeof a.value} [item ${i}]`,
						);
					json[a.name] = (
						a.type === 'string'
							? a.value === null || a.value === undefined
								? null
								: String(a.value)
							: a.value
					) as IDataObject[string];
				}
				return { json, pairedItem: { item: i } };
			}),
		];
	}
}

class If implements INodeType {
	description = description('if', 'If', {
		version: [2, 2.1, 2.2],
		outputs: ['main', 'main'],
		properties: [
			{
				displayName: 'Conditions',
				name: 'conditions',
				type: 'filter',
				default: {},
				typeOptions: { filter: { caseSensitive: true, typeValidation: 'strict', version: 2 } },
			},
			{ displayName: 'Options', name: 'options', type: 'collection', default: {}, options: [] },
		],
	});

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const kept: INodeExecutionData[] = [];
		const discarded: INodeExecutionData[] = [];
		this.getInputData().forEach((item, i) => {
			const pass = this.getNodeParameter('conditions', i, false, { extractValue: true }) as boolean;
			(pass ? kept : discarded).push({ ...item, pairedItem: { item: i } });
		});
		return [kept, discarded];
	}
}

type MatchField = { field1: string; field2: string };

class Merge implements INodeType {
	description = description('merge', 'Merge', {
		version: [3, 3.1, 3.2],
		// Enough inputs for the modes used; the real node computes them from its parameters.
		inputs: ['main', 'main', 'main', 'main', 'main'],
		// The real node's (Merge/v3/actions/versionDescription.js): choose branch needs every input.
		requiredInputs: '={{ $parameter["mode"] === "chooseBranch" ? [0, 1] : 1 }}',
		properties: [
			{
				displayName: 'Mode',
				name: 'mode',
				type: 'options',
				options: ['append', 'combine', 'chooseBranch'].map((v) => ({ name: v, value: v })),
				default: 'append',
			},
			{ displayName: 'Number of Inputs', name: 'numberInputs', type: 'number', default: 2 },
			{
				displayName: 'Combine By',
				name: 'combineBy',
				type: 'options',
				options: [{ name: 'Matching Fields', value: 'combineByFields' }],
				default: 'combineByFields',
			},
			{ displayName: 'Advanced', name: 'advanced', type: 'boolean', default: false },
			{ displayName: 'Fields to Match', name: 'fieldsToMatchString', type: 'string', default: '' },
			{
				displayName: 'Fields',
				name: 'mergeByFields',
				type: 'fixedCollection',
				default: {},
				typeOptions: { multipleValues: true },
				options: [
					{
						displayName: 'Values',
						name: 'values',
						values: [
							{ displayName: 'Input 1 Field', name: 'field1', type: 'string', default: '' },
							{ displayName: 'Input 2 Field', name: 'field2', type: 'string', default: '' },
						],
					},
				],
			},
			{
				displayName: 'Output Type',
				name: 'joinMode',
				type: 'options',
				options: ['keepMatches', 'enrichInput1'].map((v) => ({ name: v, value: v })),
				default: 'keepMatches',
			},
			{
				displayName: 'Output Data From',
				name: 'outputDataFrom',
				type: 'options',
				options: ['both', 'input1', 'input2'].map((v) => ({ name: v, value: v })),
				default: 'both',
			},
			{
				displayName: 'Wait Mode',
				name: 'chooseBranchMode',
				type: 'options',
				options: [{ name: 'Wait for All', value: 'waitForAll' }],
				default: 'waitForAll',
			},
			{
				displayName: 'Output',
				name: 'output',
				type: 'options',
				options: [{ name: 'Specified Input', value: 'specifiedInput' }],
				default: 'specifiedInput',
			},
			{ displayName: 'Use Data of Input', name: 'useDataOfInput', type: 'number', default: 1 },
			{ displayName: 'Options', name: 'options', type: 'collection', default: {}, options: [] },
		],
	});

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const mode = this.getNodeParameter('mode', 0) as string;
		const input = (index: number) => (this.getInputData(index) ?? []) as INodeExecutionData[];
		if (mode === 'append') {
			const count = Number(this.getNodeParameter('numberInputs', 0, 2));
			return [Array.from({ length: count }, (_, i) => input(i)).flat()];
		}
		if (mode === 'chooseBranch') {
			if (this.getNodeParameter('output', 0) !== 'specifiedInput')
				unsupported(this, 'Merge: choose branch output other than an input');
			return [input(Number(this.getNodeParameter('useDataOfInput', 0)) - 1)];
		}
		if (mode !== 'combine' || this.getNodeParameter('combineBy', 0) !== 'combineByFields')
			unsupported(this, `Merge mode ${mode}`);
		if (Object.keys(this.getNodeParameter('options', 0, {}) as IDataObject).length)
			unsupported(this, 'Merge: options');
		const fields: MatchField[] = this.getNodeParameter('advanced', 0, false)
			? (this.getNodeParameter('mergeByFields.values', 0, []) as MatchField[])
			: String(this.getNodeParameter('fieldsToMatchString', 0, ''))
					.split(',')
					.map((f) => ({ field1: f.trim(), field2: f.trim() }));
		const joinMode = this.getNodeParameter('joinMode', 0) as string;
		const outputDataFrom = this.getNodeParameter('outputDataFrom', 0, 'both') as string;
		const [input1, input2] = [input(0), input(1)];
		// As the real node (combineByFields.js): an empty side stops it for these modes.
		if (input1.length === 0 || input2.length === 0) {
			if (joinMode === 'keepMatches' || (joinMode === 'enrichInput1' && input1.length === 0))
				return [];
			return [[...input1, ...input2]];
		}
		const equal = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
		const matched: Array<{ entry: INodeExecutionData; match: INodeExecutionData }> = [];
		const unmatched1: INodeExecutionData[] = [];
		const matchedIn2 = new Set<number>();
		for (const entry of input1) {
			const values = fields.map((f) => getPath(entry.json, f.field1));
			if (values.some((v) => v === undefined)) {
				unmatched1.push(entry);
				continue;
			}
			const found = input2
				.map((e, index) => ({ e, index }))
				.filter(({ e }) => fields.every((f, k) => equal(values[k], getPath(e.json, f.field2))));
			found.forEach(({ index }) => matchedIn2.add(index));
			if (found.length === 0) unmatched1.push(entry);
			else if (outputDataFrom === 'both' || joinMode === 'enrichInput1')
				found.forEach(({ e }) => matched.push({ entry, match: e }));
			else matched.push({ entry, match: found[0].e });
		}
		// The real node merges deep (lodash merge), the later input winning a clash ("preferLast").
		const merge = ({ entry, match }: { entry: INodeExecutionData; match: INodeExecutionData }) => ({
			json: deepMerge(structuredClone(entry.json), structuredClone(match.json)),
			pairedItem: [entry.pairedItem, match.pairedItem].flat().filter(Boolean) as never,
		});
		if (joinMode === 'enrichInput1') return [[...matched.map(merge), ...unmatched1]];
		if (joinMode !== 'keepMatches') unsupported(this, `Merge join mode ${joinMode}`);
		if (outputDataFrom === 'input1') return [matched.map((m) => m.entry)];
		if (outputDataFrom === 'input2') return [input2.filter((_, index) => matchedIn2.has(index))];
		return [matched.map(merge)];
	}
}

function deepMerge(target: IDataObject, source: IDataObject): IDataObject {
	for (const [key, value] of Object.entries(source)) {
		const existing = target[key];
		if (
			value &&
			typeof value === 'object' &&
			!Array.isArray(value) &&
			existing &&
			typeof existing === 'object' &&
			!Array.isArray(existing)
		) {
			target[key] = deepMerge(existing as IDataObject, value as IDataObject);
		} else if (value !== undefined) target[key] = value;
	}
	return target;
}

class Summarize implements INodeType {
	description = description('summarize', 'Summarize', {
		version: [1, 1.1],
		properties: [
			{
				displayName: 'Fields to Summarize',
				name: 'fieldsToSummarize',
				type: 'fixedCollection',
				default: {},
				typeOptions: { multipleValues: true },
				options: [
					{
						displayName: 'Values',
						name: 'values',
						values: [
							{ displayName: 'Aggregation', name: 'aggregation', type: 'string', default: 'count' },
							{ displayName: 'Field', name: 'field', type: 'string', default: '' },
							{ displayName: 'Separator', name: 'separateBy', type: 'string', default: ',' },
						],
					},
				],
			},
			{ displayName: 'Fields to Split By', name: 'fieldsToSplitBy', type: 'string', default: '' },
			{ displayName: 'Options', name: 'options', type: 'collection', default: {}, options: [] },
		],
	});

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const aggregations = this.getNodeParameter('fieldsToSummarize.values', 0, []) as Array<{
			aggregation: string;
			field: string;
			separateBy?: string;
		}>;
		const splitBy = String(this.getNodeParameter('fieldsToSplitBy', 0, ''))
			.split(',')
			.map((f) => f.trim())
			.filter(Boolean);
		const groups = new Map<string, { keys: IDataObject; items: IDataObject[] }>();
		for (const { json } of this.getInputData()) {
			const keys = Object.fromEntries(splitBy.map((f) => [f, json[f] as IDataObject[string]]));
			const id = JSON.stringify(keys);
			if (!groups.has(id)) groups.set(id, { keys, items: [] });
			groups.get(id)!.items.push(json);
		}
		const prefix: Record<string, string> = { count: 'count_', concatenate: 'concatenated_' };
		return [
			[...groups.values()].map(({ keys, items }) => {
				const json: IDataObject = { ...keys };
				for (const { aggregation, field, separateBy = ',' } of aggregations) {
					const values = items
						.map((i) => i[field])
						.filter((v) => v !== undefined && v !== null && v !== '');
					if (aggregation === 'count') json[prefix.count + field] = values.length;
					else if (aggregation === 'concatenate')
						json[prefix.concatenate + field] = values.join(separateBy);
					else unsupported(this, `Summarize aggregation ${aggregation}`);
				}
				return { json };
			}),
		];
	}
}

class SplitOut implements INodeType {
	description = description('splitOut', 'Split Out', {
		properties: [
			{ displayName: 'Fields To Split Out', name: 'fieldToSplitOut', type: 'string', default: '' },
			{
				displayName: 'Include',
				name: 'include',
				type: 'options',
				options: [{ name: 'No Other Fields', value: 'noOtherFields' }],
				default: 'noOtherFields',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				default: {},
				options: [
					{
						displayName: 'Destination Field Name',
						name: 'destinationFieldName',
						type: 'string',
						default: '',
					},
				],
			},
		],
	});

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const out: INodeExecutionData[] = [];
		this.getInputData().forEach((item, i) => {
			const field = String(this.getNodeParameter('fieldToSplitOut', i)).replace(/^\$json\./, '');
			if (field.includes(',') || this.getNodeParameter('include', i) !== 'noOtherFields')
				unsupported(this, 'Split Out: several fields, or other fields included');
			const name = String(
				(this.getNodeParameter('options', i, {}) as IDataObject).destinationFieldName || field,
			);
			const value = getPath(item.json, field);
			const entries =
				value === undefined
					? []
					: Array.isArray(value)
						? value
						: typeof value === 'object' && value !== null
							? Object.values(value)
							: [value];
			for (const entry of entries) {
				const json =
					entry && typeof entry === 'object' && name === field
						? { ...(entry as IDataObject) }
						: { [name]: entry as IDataObject[string] };
				out.push({ json, pairedItem: { item: i } });
			}
		});
		return [out];
	}
}

export const flowNodeTypes: Record<string, INodeType> = {
	'n8n-nodes-base.splitOut': new SplitOut(),
	'n8n-nodes-base.set': new SetNode(),
	'n8n-nodes-base.if': new If(),
	'n8n-nodes-base.merge': new Merge(),
	'n8n-nodes-base.summarize': new Summarize(),
};
