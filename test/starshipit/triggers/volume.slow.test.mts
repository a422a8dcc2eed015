/**
 * The Starshipit Shipped Order Trigger at volume: 10,000 and 100,000 shipped orders are each
 * emitted exactly once, and the trigger's state stays under 100 KB (a cursor, not a seen-set).
 * Slow by design (hundreds of listing pages).
 */
import type { IDataObject, INode } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';
import type { Harness, WorkflowJson } from '../../harness/index.mts';
import type { StarshipitSandbox } from '../../sandbox/starshipit/index.mts';
import { API_KEY, CREDENTIALS, PACKAGE, runNode, saleOrder, useSandbox } from '../fixtures.mts';

let sandbox: StarshipitSandbox;
let harness: Harness;
useSandbox((started, startedHarness) => {
	sandbox = started;
	harness = startedHarness;
});

function polling(parameters: IDataObject = {}): WorkflowJson {
	const nodes: INode[] = [
		{
			id: 't',
			name: 'Starshipit Trigger',
			type: `${PACKAGE}.starshipitTrigger`,
			typeVersion: 1,
			position: [0, 0],
			parameters: parameters as INode['parameters'],
			credentials: CREDENTIALS,
		},
		{
			id: 'o',
			name: 'Out',
			type: 'n8n-nodes-base.noOp',
			typeVersion: 1,
			position: [200, 0],
			parameters: {},
		},
	];
	return {
		name: 'trigger-volume-test',
		nodes,
		connections: {
			'Starshipit Trigger': { main: [[{ node: 'Out', type: 'main', index: 0 }]] },
		} as never,
	};
}
const stateBytes = (staticData: IDataObject) => Buffer.byteLength(JSON.stringify(staticData));
const numbers = (emitted: { json: IDataObject }[][] | null) =>
	(emitted?.[0] ?? []).map((i) => String(i.json.order_number));

async function createAndShip(orderNumbers: string[]): Promise<void> {
	await runNode(
		harness,
		{
			resource: 'order',
			operation: 'createMany',
			inputMode: 'saleOrder',
			saleOrder: '={{ $json }}',
			skipExisting: false,
		},
		orderNumbers.map((n) => saleOrder(n)),
	);
	sandbox.shipAll();
}

describe('Starshipit Shipped Order Trigger (polling) at volume', () => {
	/** `count` shipped orders put straight into the sandbox's state, shipped one every `spacingMs` up to `newest`. */
	async function seedShipped(
		count: number,
		newest: number,
		spacingMs: number,
		prefix: string,
	): Promise<string[]> {
		await createAndShip([`${prefix}-template`]);
		const account = (
			sandbox.state as unknown as {
				accounts: Map<string, { orders: Map<number, { order: IDataObject }> }>;
			}
		).accounts.get(API_KEY)!;
		const template = [...account.orders.values()].find(
			(s) => s.order.order_number === `${prefix}-template`,
		)!;
		let nextId = Math.max(...account.orders.keys()) + 1;
		const seeded: string[] = [];
		for (let i = count - 1; i >= 0; i--) {
			const time = new Date(newest - i * spacingMs).toISOString();
			const order_id = nextId++;
			const order_number = `${prefix}-${i}`;
			account.orders.set(order_id, {
				...template,
				order: {
					...template.order,
					order_id,
					order_number,
					shipped_date: time,
					last_updated: time,
					order_date: time,
				},
			});
			seeded.push(order_number);
		}
		return seeded;
	}

	for (const [count, emitOn] of [
		[10_000, 'statusChange'],
		[100_000, 'shipped'],
	] as const) {
		it(`${count.toLocaleString('en')} shipped orders are each emitted exactly once ("${emitOn}"), state under 100 KB`, async () => {
			// One order shipped every 2 s, the newest a second ago, all inside the first poll's look-back.
			const seeded = await seedShipped(count, Date.now() - 1000, 2000, `V${count}`);
			const wf = polling({ emitOn, initialLookbackHours: 24 * 7 });
			sandbox.server.clearLog();
			const first = await harness.poll(wf, 'Starshipit Trigger', { staticData: {} });
			const emitted = new Map<string, number>();
			const tally = (result: { emitted: { json: IDataObject }[][] | null }) => {
				for (const n of numbers(result.emitted)) emitted.set(n, (emitted.get(n) ?? 0) + 1);
			};
			tally(first);
			expect(stateBytes(first.staticData)).toBeLessThan(100_000);
			const second = await harness.poll(wf, 'Starshipit Trigger', { staticData: first.staticData });
			expect(second.emitted).toBeNull();
			await createAndShip([`V${count}-late`]);
			const third = await harness.poll(wf, 'Starshipit Trigger', { staticData: second.staticData });
			tally(third);
			expect(numbers(third.emitted)).toEqual([`V${count}-late`]);
			expect(seeded.every((n) => emitted.get(n) === 1)).toBe(true);
			expect([...emitted.values()].every((n) => n === 1)).toBe(true);
			expect(stateBytes(third.staticData)).toBeLessThan(100_000);
			console.log(
				`${count} shipped orders (${emitOn}): static data ${stateBytes(third.staticData)} bytes, ${sandbox.server.log.length} requests for 3 polls`,
			);
		}, 300_000);
	}
});
