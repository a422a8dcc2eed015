/**
 * A stand-in for n8n's Data Table node (n8n-nodes-base.dataTable 1.1) over an in-memory store
 * that outlives runs, as n8n's database does: the bundled alerts remember what they mailed in a
 * data table, and the child-account routing reads its routing table from one. It copies what the
 * real node does for the operations those workflows use (n8n-nodes-base DataTable/actions, n8n's
 * data-table module), and throws for anything else:
 * - table create, "Reuse Existing Tables" (createIfNotExists): the existing table, else a new one;
 * - rows: get (all or up to the limit), row not exists (passes the input item when no row
 *   matches), upsert (updates the matching rows, else inserts one), delete (returns the deleted
 *   rows), insert; conditions `eq`/`neq` on columns or `id`, all or any of them;
 * - a table is found by name (mode "name") or id; a column the table lacks is refused, as the
 *   real module refuses it; rows carry `id`, `createdAt`, `updatedAt` (ISO strings, node 1.1).
 * Tests read and seed the store through `harnessDataTables`.
 */
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { n8nWorkflow } from './n8n.mts';

export interface HarnessTable {
	id: string;
	name: string;
	columns: string[];
	rows: IDataObject[];
}

let nextId = 1;
let nextRowId = 1;

/** Every data table the stand-in holds in this process (tests may clear or seed it). */
export const harnessDataTables = {
	tables: new Map<string, HarnessTable>(),
	clear(): void {
		this.tables.clear();
	},
	byName(name: string): HarnessTable | undefined {
		return [...this.tables.values()].find((t) => t.name.toLowerCase() === name.toLowerCase());
	},
	/** Creates (or finds) a table and adds rows to it, as a person would in n8n's Data tables view. */
	seed(name: string, columns: string[], rows: IDataObject[] = []): HarnessTable {
		const table = this.byName(name) ?? this.create(name, columns);
		for (const row of rows) insertRow(table, row);
		return table;
	},
	create(name: string, columns: string[]): HarnessTable {
		const table = { id: `dt${nextId++}`, name, columns, rows: [] };
		this.tables.set(table.id, table);
		return table;
	},
};

function fail(context: IExecuteFunctions, message: string): never {
	throw new n8nWorkflow.NodeOperationError(context.getNode(), message);
}

function checkColumns(
	context: IExecuteFunctions,
	table: HarnessTable,
	data: IDataObject,
): IDataObject {
	const clean: IDataObject = {};
	for (const [key, value] of Object.entries(data)) {
		if (['id', 'createdAt', 'updatedAt'].includes(key)) continue;
		if (!table.columns.includes(key)) fail(context, `unknown column name '${key}'`);
		if (value !== null && value !== undefined && typeof value === 'object')
			fail(context, `unexpected object input '${JSON.stringify(value)}'`);
		clean[key] = value ?? null;
	}
	return clean;
}

function insertRow(table: HarnessTable, data: IDataObject): IDataObject {
	const now = new Date().toISOString();
	const row: IDataObject = {
		id: nextRowId++,
		...Object.fromEntries(table.columns.map((c) => [c, data[c] ?? null])),
		createdAt: now,
		updatedAt: now,
	};
	table.rows.push(row);
	return { ...row };
}

type Condition = { keyName: string; condition?: string; keyValue?: unknown };

function matcher(
	context: IExecuteFunctions,
	table: HarnessTable,
	i: number,
): (row: IDataObject) => boolean {
	const conditions = context.getNodeParameter('filters.conditions', i, []) as Condition[];
	const all = context.getNodeParameter('matchType', i, 'anyCondition') === 'allConditions';
	for (const c of conditions)
		if (c.keyName !== 'id' && !table.columns.includes(c.keyName))
			fail(
				context,
				`Filter validation failed: Column(s) "${c.keyName}" do not exist in the selected table.`,
			);
	const tests = conditions.map((c) => {
		const op = c.condition ?? 'eq';
		if (op !== 'eq' && op !== 'neq')
			fail(context, `harness stand-in: condition ${op} is not implemented`);
		return (row: IDataObject) =>
			(String(row[c.keyName] ?? '') === String(c.keyValue ?? '')) === (op === 'eq');
	});
	if (tests.length === 0) return () => true;
	return (row) => (all ? tests.every((t) => t(row)) : tests.some((t) => t(row)));
}

class DataTable implements INodeType {
	description = {
		displayName: 'Data table',
		name: 'dataTable',
		group: ['input', 'transform'],
		version: [1, 1.1],
		description: 'Data table (harness stand-in)',
		defaults: { name: 'Data table' },
		inputs: ['main'],
		outputs: ['main'],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				options: [
					{ name: 'Row', value: 'row' },
					{ name: 'Table', value: 'table' },
				],
				default: 'row',
			},
			{ displayName: 'Operation', name: 'operation', type: 'string', default: 'get' },
			{
				displayName: 'Data Table',
				name: 'dataTableId',
				type: 'resourceLocator',
				default: { mode: 'list', value: '' },
				modes: [
					{ displayName: 'Name', name: 'name', type: 'string' },
					{ displayName: 'ID', name: 'id', type: 'string' },
					{ displayName: 'List', name: 'list', type: 'list' },
				],
			},
			{ displayName: 'Name', name: 'tableName', type: 'string', default: '' },
			{ displayName: 'Columns', name: 'columns', type: 'json', default: {} },
			{
				displayName: 'Must Match',
				name: 'matchType',
				type: 'options',
				options: [
					{ name: 'Any', value: 'anyCondition' },
					{ name: 'All', value: 'allConditions' },
				],
				default: 'anyCondition',
			},
			{
				displayName: 'Conditions',
				name: 'filters',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true },
				default: {},
				options: [
					{
						displayName: 'Conditions',
						name: 'conditions',
						values: [
							{ displayName: 'Column', name: 'keyName', type: 'string', default: 'id' },
							{ displayName: 'Condition', name: 'condition', type: 'string', default: 'eq' },
							{ displayName: 'Value', name: 'keyValue', type: 'string', default: '' },
						],
					},
				],
			},
			{ displayName: 'Return All', name: 'returnAll', type: 'boolean', default: false },
			{ displayName: 'Limit', name: 'limit', type: 'number', default: 50 },
			{ displayName: 'Options', name: 'options', type: 'json', default: {} },
		],
	} as unknown as INodeTypeDescription;

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const resource = this.getNodeParameter('resource', 0) as string;
		const operation = this.getNodeParameter('operation', 0) as string;
		const items = this.getInputData();
		const out: INodeExecutionData[] = [];
		for (let i = 0; i < items.length; i++) {
			const paired = { pairedItem: { item: i } };
			if (resource === 'table') {
				if (operation !== 'create')
					fail(this, `harness stand-in: table ${operation} is not implemented`);
				const name = String(this.getNodeParameter('tableName', i));
				const options = this.getNodeParameter('options', i, {}) as IDataObject;
				const columns = (
					(this.getNodeParameter('columns', i, {}) as { column?: Array<{ name: string }> })
						.column ?? []
				).map((c) => c.name);
				const found = options.createIfNotExists ? harnessDataTables.byName(name) : undefined;
				if (!found && harnessDataTables.byName(name))
					fail(this, `Data table with name '${name}' already exists in this project`);
				const table = found ?? harnessDataTables.create(name, columns);
				out.push({
					json: {
						id: table.id,
						name: table.name,
						columns: table.columns.map((c, index) => ({ name: c, type: 'string', index })),
					},
					...paired,
				});
				continue;
			}
			const locator = this.getNodeParameter('dataTableId', i) as { mode: string; value: string };
			const table =
				locator.mode === 'name'
					? harnessDataTables.byName(locator.value)
					: harnessDataTables.tables.get(locator.value);
			if (!table)
				fail(
					this,
					locator.mode === 'name'
						? `Data table with name "${locator.value}" not found`
						: `Data table with ID '${locator.value}' could not be found in this project`,
				);
			const matches = matcher(this, table, i);
			if (operation === 'get') {
				const limit = this.getNodeParameter('returnAll', i, false)
					? Infinity
					: Number(this.getNodeParameter('limit', i, 50));
				out.push(
					...table.rows
						.filter(matches)
						.slice(0, limit)
						.map((row) => ({ json: { ...row }, ...paired })),
				);
			} else if (operation === 'rowNotExists' || operation === 'rowExists') {
				if (table.rows.some(matches) === (operation === 'rowExists'))
					out.push({ ...items[i], ...paired });
			} else if (operation === 'insert' || operation === 'upsert') {
				const mapping = this.getNodeParameter('columns', i) as {
					mappingMode: string;
					value?: IDataObject;
				};
				const data = checkColumns(
					this,
					table,
					mapping.mappingMode === 'autoMapInputData' ? items[i].json : (mapping.value ?? {}),
				);
				const hits = operation === 'upsert' ? table.rows.filter(matches) : [];
				if (
					operation === 'upsert' &&
					(this.getNodeParameter('filters.conditions', i, []) as Condition[]).length === 0
				)
					fail(this, 'At least one condition is required');
				if (hits.length === 0) out.push({ json: insertRow(table, data), ...paired });
				for (const row of hits) {
					Object.assign(row, data, { updatedAt: new Date().toISOString() });
					out.push({ json: { ...row }, ...paired });
				}
			} else if (operation === 'deleteRows') {
				if ((this.getNodeParameter('filters.conditions', i, []) as Condition[]).length === 0)
					fail(this, 'At least one condition is required');
				const gone = table.rows.filter(matches);
				table.rows = table.rows.filter((row) => !gone.includes(row));
				out.push(...gone.map((row) => ({ json: { ...row }, ...paired })));
			} else fail(this, `harness stand-in: row ${operation} is not implemented`);
		}
		return [out];
	}
}

export const dataTableNodeTypes: Record<string, INodeType> = {
	'n8n-nodes-base.dataTable': new DataTable(),
};
