/**
 * Version 2's sale-order fields of Create and Create Many, through n8n's engine against the
 * Starshipit sandbox: Order Fields (the resource mapper) overrides with values and expressions over
 * the sale order, Values per Customer wins for its customer, only what is set is evaluated, and a
 * bad override fails its item alone with a reason naming the field and the override.
 */
import type { IDataObject } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import type { Harness } from '../../harness/index.mts';
import type { StarshipitSandbox } from '../../sandbox/starshipit/index.mts';
import {
	API_KEY,
	outputOf,
	runNode,
	runWithErrorOutput,
	saleOrder,
	useSandbox,
} from '../fixtures.mts';
import { outcomeOf, reasonOf } from '../../harness/outcome.mts';
import { ORDER_FIELDS } from '../../../nodes/shared/mapping/mappingTable.ts';
import {
	getOrderFields,
	orderFieldSchema,
} from '../../../nodes/Starshipit/methods/resourceMapping.ts';

let sandbox: StarshipitSandbox;
let harness: Harness;

useSandbox((started, startedHarness) => {
	sandbox = started;
	harness = startedHarness;
});

const overrides = (value: IDataObject) => ({
	mappingMode: 'defineBelow',
	value,
	matchingColumns: [],
	schema: orderFieldSchema(),
});
const createMany = (extra: IDataObject = {}) => ({
	resource: 'order',
	operation: 'createMany',
	inputMode: 'saleOrder',
	saleOrder: '={{ $json }}',
	...extra,
});
const rows = (...values: Array<[customer: string, field: string, value: string]>) => ({
	value: values.map(([customer, field, value]) => ({ customer, field, value })),
});
const stored = (orderNumber: string) =>
	[...sandbox.state.accountByKey(API_KEY).orders.values()].find(
		(s) => s.order.order_number === orderNumber,
	)?.order;

/** A sale order of another customer, with a Customer PO custom field. */
function kiwiOrder(reference: string, properties: IDataObject = {}): IDataObject {
	const order = saleOrder(reference);
	return {
		...order,
		customer: { id: 'cust-2', name: 'Kiwi Kitchenware', references: { code: 'KIW' } },
		properties,
	};
}

describe('Order > Create Many from sale orders: overriding the mapping (version 2)', () => {
	it('overrides with values and with expressions over the sale order reach Starshipit; fields left alone keep their defaults', async () => {
		const parameters = createMany({
			overrides: overrides({
				reference: '={{ $json.properties.customerPo }}',
				signature_required: '={{ $json.customer.name === "Kiwi Kitchenware" }}',
				carrier: 'AusPost',
				declared_value: '={{ $json.details.invoiceValue.amount }}',
			}),
		});
		const out = outputOf(
			await runNode(harness, parameters, [
				kiwiOrder('SO-1', { customerPo: 'PO-4411' }),
				saleOrder('SO-2'),
			]),
		);
		expect(out.map((o) => outcomeOf(o)?.status)).toEqual(['created', 'created']);
		expect(stored('SO-1')).toMatchObject({
			reference: 'PO-4411',
			signature_required: true,
			carrier: 'AusPost',
			declared_value: 120,
			shipping_method: 'Standard',
		});
		// No PO: the reference keeps its default, the customer's name.
		expect(stored('SO-2')).toMatchObject({
			reference: 'Acme Homewares Pty Ltd',
			signature_required: false,
			carrier: 'AusPost',
		});
		expect(stored('SO-2')?.destination).toMatchObject({
			street: '1 George St',
			country: 'Australia',
		});
	});

	it("Values per Customer: a 3PL sends one customer's own sender details and shipping method, matched by name or code in any case", async () => {
		const parameters = createMany({
			customerValues: rows(
				['kiwi kitchenware', 'shipping_method', 'Trans-Tasman Express'],
				['KIW', 'sender_details_name', 'Kiwi Kitchenware Returns'],
				['Kiwi Kitchenware', 'sender_details_street', '12 Quay St'],
				['Kiwi Kitchenware', 'sender_details_country', 'NZ'],
				['acme', 'signature_required', 'yes'],
				['Acme Homewares', 'carrier', 'DHL'],
			),
		});
		await runNode(harness, parameters, [kiwiOrder('SO-3'), saleOrder('SO-4')]);
		expect(stored('SO-3')).toMatchObject({
			shipping_method: 'Trans-Tasman Express',
			sender_details: {
				name: 'Kiwi Kitchenware Returns',
				street: '12 Quay St',
				country: 'New Zealand',
			},
		});
		// "acme" is Acme's code (ACME) in another case; "Acme Homewares" is neither its name nor its code.
		expect(stored('SO-4')).toMatchObject({
			shipping_method: 'Standard',
			signature_required: true,
			carrier: '',
		});
	});

	it("a customer's own value wins, and the Order Fields expression it covers is not evaluated for that customer's orders", async () => {
		// The expression names a node this workflow does not have: n8n fails it wherever it is evaluated.
		const parameters = createMany({
			overrides: overrides({
				reference: '={{ $("PO numbers").first().json[$json.references.customer] }}',
			}),
			customerValues: rows(['Acme Homewares Pty Ltd', 'reference', 'ACME-CONTRACT']),
		});
		const { success, errors } = await runWithErrorOutput(harness, parameters, [
			saleOrder('SO-5'),
			kiwiOrder('SO-6'),
		]);
		expect(success.map((o) => o.json.order_number)).toEqual(['SO-5']);
		expect(stored('SO-5')?.reference).toBe('ACME-CONTRACT');
		expect(reasonOf(errors[0])).toMatch(
			/^Sale order "SO-6": Reference \(override\): its expression failed \(.+\); correct Reference in Order Fields$/,
		);
	});

	it('a bad override fails that item alone, naming the field and the override; the others are created', async () => {
		const parameters = createMany({
			overrides: overrides({
				reference: '={{ $json.note }}',
				declared_value: '={{ $json.value }}',
			}),
		});
		const items = [
			{ ...saleOrder('SO-7'), note: 'Fine', value: 10 },
			{ ...saleOrder('SO-8'), note: 'N'.repeat(63), value: 10 },
			{ ...saleOrder('SO-9'), note: 'Fine', value: 'lots' },
		];
		const { success, errors } = await runWithErrorOutput(harness, parameters, items);
		expect(success.map((o) => o.json.order_number)).toEqual(['SO-7']);
		expect(errors.map((o) => reasonOf(o))).toEqual([
			'Sale order "SO-8": Reference (override): must be at most 50 characters (got 63); change Reference in Order Fields',
			'Sale order "SO-9": Declared Value (override): must be a number (got "lots"); change Declared Value in Order Fields',
		]);
		// The failed item is the input item whole, as version 2 hands failures on.
		expect(errors[0].json).toMatchObject({
			note: 'N'.repeat(63),
			error: { status: 'failed', order_number: 'SO-8' },
		});
	});

	it('a default that fails says what to do in CartonCloud or which field to override', async () => {
		const out = outputOf(
			await runNode(harness, createMany(), [saleOrder('SO-10', { address: { address1: '' } })], {
				continueOnFail: true,
			}),
		);
		expect(reasonOf(out[0])).toBe(
			'Sale order "SO-10": details.deliver.address.address1 (Starshipit destination.street): is required; fill in the first line of the delivery address in CartonCloud, or override Destination Street',
		);
	});

	it('an order date override moves the existence check with it', async () => {
		const parameters = createMany({
			overrides: overrides({ order_date: '={{ $json.shippedOn }}' }),
		});
		await runNode(harness, parameters, [
			{ ...saleOrder('SO-11'), shippedOn: '2026-01-05T10:00:00+10:00' },
		]);
		expect(stored('SO-11')?.order_date).toBe('2026-01-05T00:00:00.000Z');
	});
});

describe('Order Fields in the editor', () => {
	it('lists every field of the mapping table with its default after ←, none required, all hidden until added', async () => {
		const { fields } = await getOrderFields.call({} as never);
		expect(fields.map((f) => f.id)).toEqual(ORDER_FIELDS.map((f) => f.id));
		for (const [i, f] of fields.entries()) {
			expect(f.displayName).toBe(`${ORDER_FIELDS[i].label} ← ${ORDER_FIELDS[i].defaultShort}`);
			expect(f).toMatchObject({
				required: false,
				display: true,
				removed: true,
				type: ORDER_FIELDS[i].type,
			});
		}
		expect(fields.find((f) => f.id === 'reference')?.displayName).toBe('Reference ← Customer Name');
	});

	it("the bundled pushes store the editor's field list as it is, showing only the fields they override", () => {
		for (const file of ['order-push-scheduled', 'order-push-webhook']) {
			const workflow = JSON.parse(
				fs.readFileSync(
					path.resolve(import.meta.dirname, '../../../workflows', `${file}.json`),
					'utf8',
				),
			) as { nodes: Array<{ type: string; parameters: IDataObject }> };
			const create = workflow.nodes.find(
				(n) => n.type.endsWith('.starshipit') && n.parameters.operation === 'createMany',
			)!;
			const saved = create.parameters.overrides as {
				value: IDataObject;
				schema: Array<{ id: string; removed: boolean }>;
			};
			const shown = new Set(Object.keys(saved.value));
			expect(saved.schema).toEqual(
				orderFieldSchema().map((f) => ({ ...f, removed: !shown.has(f.id) })),
			);
		}
	});
});
