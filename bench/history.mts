/**
 * Issue 22's scenario: what the order push costs in Starshipit calls against an account with a
 * realistic history (20,000 orders over the last 60 days, about 330 a day, mostly shipped) and
 * sale orders packed weeks after they were created (200 of them, created 1 to 45 days ago), beside
 * the same runs against an empty account. Per run: the Starshipit calls split into imports, listing
 * pages, look-ups and other calls (deletes of surplus copies), beside the floor (the imports, and
 * one page each of the unshipped and printed tabs after them, where copies made by an overlapping
 * run would show; a re-run's floor is those two pages).
 *
 * Runs: the webhook push of 3 orders (three executions of order-push-webhook once its trigger has
 * fired: the trigger's item is the sale order id), the scheduled push of the 200 orders, and its
 * re-run with nothing new. `npm run bench -- --history` runs this scenario alone.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { WorkflowJson } from '../test/harness/index.mts';
import { startSandboxes, type Sandboxes } from '../test/sandbox/index.mts';
import { credentialsAtTier, measure, ROOT, type Measured } from './measure.mts';
import { seedPackedOrders } from './seed.mts';

const ORDERS = 200;
const WEBHOOK_ORDERS = 3;
const OLDEST_DAYS = 45;
const DAY_MS = 86_400_000;

export interface HistoryRow {
	flow: string;
	history: boolean;
	orders: number;
	imports: number;
	listingPages: number;
	lookUps: number;
	other: number;
	total: number;
	floor: number;
	wallMs: number;
	starshipit429: number;
}

function workflow(name: string): WorkflowJson {
	return JSON.parse(
		fs.readFileSync(path.join(ROOT, 'workflows', `${name}.json`), 'utf8'),
	) as WorkflowJson;
}

/** order-push-webhook as it runs once its trigger fired for sale order `id`: a manual start, the sale order read by that id. */
function webhookPushOf(id: string): WorkflowJson {
	const json = workflow('order-push-webhook');
	const trigger = json.nodes.find((n) => n.type.endsWith('cartonCloudWebhookTrigger'))!;
	const name = trigger.name;
	Object.assign(trigger, { type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, parameters: {} });
	trigger.name = name;
	const read = json.nodes.find((n) => n.name === 'Read sale order with weights')!;
	read.parameters = { ...read.parameters, saleOrderId: id };
	return json;
}

/** The packed sale orders were created 1 to 45 days ago and packed only now (stock arrived late, or Packed is off). */
function ageSaleOrders(sandboxes: Sandboxes): string[] {
	const orders = [...sandboxes.cartonCloud.world.orders.values()];
	orders.forEach((order, i) => {
		const created = new Date(
			Date.now() - (1 + (i * (OLDEST_DAYS - 1)) / Math.max(1, orders.length - 1)) * DAY_MS,
		).toISOString();
		order.timestamps = {
			...order.timestamps,
			created: { ...order.timestamps.created, time: created },
		};
	});
	return orders.map((o) => o.id);
}

function split(
	flow: string,
	history: boolean,
	orders: number,
	floor: number,
	runs: Measured[],
): HistoryRow {
	const row: HistoryRow = {
		flow,
		history,
		orders,
		imports: 0,
		listingPages: 0,
		lookUps: 0,
		other: 0,
		total: 0,
		floor,
		wallMs: 0,
		starshipit429: 0,
	};
	for (const run of runs) {
		row.wallMs += run.wallMs;
		row.starshipit429 += run.starshipit429;
		for (const [key, count] of Object.entries(run.calls)) {
			if (!key.startsWith('ss ')) continue;
			const endpoint = key.slice(3);
			if (endpoint === 'POST /api/orders/import' || endpoint === 'POST /api/orders')
				row.imports += count;
			else if (/^GET \/api\/orders\/(unshipped|shipped|shipments)$/.test(endpoint))
				row.listingPages += count;
			else if (endpoint === 'GET /api/orders' || endpoint === 'GET /api/orders/search')
				row.lookUps += count;
			else row.other += count;
			row.total += count;
		}
	}
	return row;
}

async function scenario(
	history: boolean,
	tier: number,
	tierFields: (tier: number) => Record<string, unknown>,
): Promise<HistoryRow[]> {
	const sandboxes = await startSandboxes({
		starshipit: { ratePerSecond: tier, burst: tier, history },
	});
	try {
		seedPackedOrders(sandboxes.cartonCloud, ORDERS + WEBHOOK_ORDERS);
		const ids = ageSaleOrders(sandboxes);
		const credentials = credentialsAtTier(sandboxes, tier, tierFields);
		const run = async (json: WorkflowJson) => {
			const result = await measure(sandboxes, credentials, json);
			if (result.status !== 'success')
				throw new Error(`history bench run ended ${result.status}: ${result.error}`);
			// The next run comes on the next schedule, not in the same second as this one's last call.
			await new Promise((resolve) => setTimeout(resolve, 1100));
			return result;
		};
		const rows: HistoryRow[] = [];
		// The webhook push: three executions, one sale order each; then those three leave PACKED.
		const webhookRuns: Measured[] = [];
		for (const id of ids.slice(0, WEBHOOK_ORDERS)) webhookRuns.push(await run(webhookPushOf(id)));
		rows.push(
			split(
				`webhook push of ${WEBHOOK_ORDERS} orders (3 executions)`,
				history,
				WEBHOOK_ORDERS,
				WEBHOOK_ORDERS * 3,
				webhookRuns,
			),
		);
		for (const id of ids.slice(0, WEBHOOK_ORDERS)) sandboxes.cartonCloud.world.orders.delete(id);
		rows.push(
			split(`scheduled push of ${ORDERS} orders`, history, ORDERS, Math.ceil(ORDERS / 50) + 2, [
				await run(workflow('order-push-scheduled')),
			]),
		);
		rows.push(
			split('its re-run, nothing new', history, 0, 2, [
				await run(workflow('order-push-scheduled')),
			]),
		);
		return rows;
	} finally {
		await sandboxes.close();
	}
}

/** Both accounts, at `tier`: the rows, and the table as printed. */
export async function historyBench(
	tier: number,
	tierFields: (tier: number) => Record<string, unknown>,
): Promise<{ rows: HistoryRow[]; table: string }> {
	const rows: HistoryRow[] = [];
	for (const history of [false, true]) {
		console.error(
			`  history bench: ${history ? '20,000 orders over 60 days' : 'an empty account'} at ${tier}/s`,
		);
		rows.push(...(await scenario(history, tier, tierFields)));
	}
	return { rows, table: formatHistoryTable(rows, tier) };
}

export function formatHistoryTable(rows: HistoryRow[], tier: number): string {
	const header = [
		'Run',
		'Starshipit account',
		'Starshipit calls',
		'imports',
		'listing pages',
		'look-ups',
		'other',
		'floor',
		`wall at ${tier}/s`,
	];
	const lines = [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`];
	for (const row of rows) {
		const cells = [
			row.flow,
			row.history ? '20,000 orders, 60 days' : 'empty',
			`${row.total}${row.starshipit429 ? ` (${row.starshipit429} answered 429)` : ''}`,
			row.imports,
			row.listingPages,
			row.lookUps,
			row.other,
			row.floor,
			`${(row.wallMs / 1000).toFixed(1)} s`,
		];
		lines.push(`| ${cells.join(' | ')} |`);
	}
	return lines.join('\n');
}
