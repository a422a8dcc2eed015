/**
 * The workflows proven in a real n8n, one row each. Adding a bundled workflow is one entry:
 *
 *   { file: 'workflows/x.json', kind: 'execute', assert: ({ sb, run }) => { ... } },
 *   { file: 'workflows/y.json', kind: 'webhook', webhook: { path: 'my-path' }, body: {...},
 *     assert: async ({ sb, response }) => { ... } },
 *
 * Before each case both sandboxes are reset to their seed (logs cleared, no webhook URL); then
 * `arrange` may set state up, also by running other workflows in the same n8n (`execute`).
 * - `execute` cases run as the editor's "Execute workflow" does, in a running n8n from the
 *   Manual Trigger "Run now" beside the schedule (the bundled alerts keep their memory in an n8n
 *   data table, which `n8n execute` cannot open); `runner: 'cli'` runs one with `n8n execute --id`.
 * - `webhook` cases: the workflow is published (`n8n publish:workflow`), `n8n start` runs on a free
 *   port until its webhook is registered, then `call` (default: POST `body` to the webhook)
 *   reaches it over HTTP - directly, or by letting a sandbox deliver its own webhook to n8n.
 *   Webhooks that answer before the workflow ends need `eventually` around sandbox assertions.
 */
import { expect } from 'vitest';
import {
	type ExecuteResult,
	type RunningN8n,
	type WebhookRef,
	withCartonCloudSecret,
} from '../../scripts/n8n/realN8n.mts';
import { BAD_ORDER_REFERENCES } from '../sandbox/cartoncloud/index.mts';
import type { Sandboxes } from '../sandbox/index.mts';
import { FAILED_ORDERS_NODE, TRACKING_NOT_WRITTEN_NODE } from './alertFiles.mts';

/** The child-account routing's routing table (an n8n data table). */
const ROUTES_TABLE = 'Starshipit account of each customer';

export interface WebhookResponse {
	status: number;
	headers: Headers;
	/** Body bytes, as text and as a buffer; `body` is the parsed JSON when it is JSON. */
	text: string;
	bytes: Buffer;
	body: unknown;
}

export interface ArrangeContext {
	sb: Sandboxes;
	/** Runs another workflow file (imported with the suite) as the editor does, in the running n8n; must succeed. */
	execute(file: string): Promise<ExecuteResult>;
	/** Adds rows to an n8n data table of the running n8n (created when missing), as a person would in its Data tables view. */
	insertRows(table: string, columns: string[], rows: Array<Record<string, string>>): Promise<void>;
}

interface CaseBase {
	/** Workflow JSON, relative to the package root. */
	file: string;
	/** Shown in the test name; default: the file name. */
	title?: string;
	arrange?(ctx: ArrangeContext): void | Promise<void>;
}

export interface ExecuteCase extends CaseBase {
	kind: 'execute';
	/**
	 * How the run starts: `editor` (default), the editor's "Execute workflow" from the "Run now"
	 * trigger in a running n8n (`n8n start`); `cli`, `n8n execute --id`, which starts no n8n
	 * modules, so no Data Table node (and none of the bundled alerts) can run there.
	 */
	runner?: 'editor' | 'cli';
	/** Default true: the run must succeed. Set false to check a failing run yourself. */
	expectSuccess?: boolean;
	assert(ctx: { sb: Sandboxes; run: ExecuteResult }): void | Promise<void>;
}

export interface WebhookCallContext {
	sb: Sandboxes;
	n8n: RunningN8n;
	/** This case's production webhook URL. */
	url: string;
	/** POSTs JSON (or a string) to this case's webhook. */
	post(body: unknown, headers?: Record<string, string>): Promise<WebhookResponse>;
}

export interface WebhookCase extends CaseBase {
	kind: 'webhook';
	/** The webhook to wait for: a Webhook node's `path`, or `<webhookId>/webhook` for our trigger nodes. */
	webhook: WebhookRef;
	/** Body for the default call (POST JSON). */
	body?: unknown;
	/** How the webhook is reached; default: `post(body)`. */
	call?(ctx: WebhookCallContext): Promise<WebhookResponse | undefined>;
	assert(ctx: { sb: Sandboxes; n8n: RunningN8n; response?: WebhookResponse }): void | Promise<void>;
}

/**
 * A chat workflow (a Chat Trigger and an AI Agent): proven by its own suite, which brings what a
 * chat needs besides the sandboxes: a local stub model and the credential pointing at it.
 */
export interface ChatCase extends CaseBase {
	kind: 'chat';
	/** The suite that runs it. */
	suite: string;
}

export type RealN8nCase = ExecuteCase | WebhookCase | ChatCase;

/** Polls until `check` stops throwing (for webhook runs that answer before the workflow ends). */
export async function eventually(
	check: () => void | Promise<void>,
	timeoutMs = 30_000,
): Promise<void> {
	const until = Date.now() + timeoutMs;
	for (;;) {
		try {
			await check();
			return;
		} catch (error) {
			if (Date.now() > until) throw error;
			await new Promise((r) => setTimeout(r, 250));
		}
	}
}

// ---------------------------------------------------------------------------------------------
// Sandbox end-state readers (as test/workflows/fixtures.mts, on Sandboxes directly).

interface StarshipitOrderView {
	order_number: string;
	tracking_numbers: string[];
	carrier_name?: string;
	reference?: string;
	shipping_method?: string;
}
interface SaleOrderView {
	id: string;
	status: string;
	customer: { name: string };
	references: { customer: string };
	properties: { customerPo?: string };
	details: { deliver: { method?: { requestedService?: string | null } } };
}
interface ConsignmentView {
	references: { customer: string; tracking?: string };
	details: { tracking?: { companyName?: string; url?: string } };
	generatedFromTask?: { id: string };
}

const MAIN_KEY = 'sandbox-api-key';
const CHILD_KEY = 'sandbox-child-api-key';
const BAD = Object.values(BAD_ORDER_REFERENCES) as string[];

export function starshipitOrders(sb: Sandboxes, apiKey = MAIN_KEY): StarshipitOrderView[] {
	const snapshot = sb.starshipit.snapshot() as {
		accounts: { apiKey: string; orders: StarshipitOrderView[] }[];
	};
	return snapshot.accounts.find((a) => a.apiKey === apiKey)?.orders ?? [];
}
export function saleOrders(sb: Sandboxes, status?: string): SaleOrderView[] {
	return (sb.cartonCloud.state().outboundOrders as unknown as SaleOrderView[]).filter(
		(o) => !status || o.status === status,
	);
}
export function consignments(sb: Sandboxes): ConsignmentView[] {
	return sb.cartonCloud.state().consignments as ConsignmentView[];
}
/** Shipped Starshipit orders with their sale order and the consignment generated from it. */
function linked(sb: Sandboxes) {
	const orders = saleOrders(sb);
	const all = consignments(sb);
	return starshipitOrders(sb)
		.filter((o) => o.tracking_numbers.length > 0)
		.map((shipped) => {
			const saleOrder = orders.find((o) => o.references.customer === shipped.order_number)!;
			return {
				shipped,
				saleOrder,
				consignment: all.find((c) => c.generatedFromTask?.id === saleOrder.id),
			};
		});
}
const goodPacked = (sb: Sandboxes, customer?: string) =>
	saleOrders(sb, 'PACKED')
		.filter(
			(o) => (!customer || o.customer.name === customer) && !BAD.includes(o.references.customer),
		)
		.map((o) => o.references.customer)
		.sort();

const CUSTOMERS = ['Bondi Beauty', 'Kiwi Kitchenware', 'Koala Outdoor Co'];

// ---------------------------------------------------------------------------------------------

let seededStarshipitOrders = 0;

/** Smoke workflows proving the chain independently of the bundled workflows. */
export const SMOKE_CASES: RealN8nCase[] = [
	{
		file: 'test/n8n/fixtures/smoke-execute.json',
		kind: 'execute',
		runner: 'cli',
		arrange: ({ sb }) => {
			seededStarshipitOrders = starshipitOrders(sb).length;
		},
		assert: ({ sb, run }) => {
			expect(
				run
					.json('Customers')
					.map((c) => c.name)
					.sort(),
			).toEqual(CUSTOMERS);
			expect(run.json('Packed Sale Orders')).toHaveLength(2);
			// n8n stores the OAuth token with the credential, so only a first run fetches one.
			expect(sb.cartonCloud.server.count('POST /uaa/oauth/token')).toBeLessThanOrEqual(1);
			expect(sb.cartonCloud.server.count('GET /tenants/:tenantId/customers')).toBe(1);
			expect(sb.cartonCloud.server.count('POST /tenants/:tenantId/outbound-orders/search')).toBe(1);
			// The Starshipit node's sale order mapping and its checks ran inside n8n.
			expect(run.json('Create Starshipit Orders')).toHaveLength(2);
			expect(sb.starshipit.server.count('POST /api/orders/import')).toBeGreaterThanOrEqual(1);
			expect(starshipitOrders(sb)).toHaveLength(seededStarshipitOrders + 2);
		},
	},
	{
		file: 'test/n8n/fixtures/smoke-webhook.json',
		kind: 'webhook',
		webhook: { path: 'smoke-customers' },
		body: { hello: 'n8n' },
		assert: ({ sb, response }) => {
			expect(response?.status).toBe(200);
			expect((response?.body as { name: string }[]).map((c) => c.name).sort()).toEqual(CUSTOMERS);
			expect(sb.cartonCloud.server.count('GET /tenants/:tenantId/customers')).toBe(1);
		},
	},
];

const ORDER_PUSH = 'workflows/order-push-scheduled.json';

/**
 * The bundled workflows (workflows/*.json): the same sandbox end state as the in-process tests in
 * test/workflows. Every file in workflows/ must have a row (the suite checks).
 */
export const BUNDLED_CASES: RealN8nCase[] = [
	{
		file: ORDER_PUSH,
		kind: 'execute',
		assert: ({ sb, run }) => {
			const good = goodPacked(sb);
			expect(good.length).toBeGreaterThan(30);
			expect(
				starshipitOrders(sb)
					.map((o) => o.order_number)
					.filter((n) => good.includes(n))
					.sort(),
			).toEqual(good);
			expect(run.output('In Starshipit')).toHaveLength(good.length);
			const failed = run.json(FAILED_ORDERS_NODE);
			expect(failed.map((i) => (i.references as { customer: string }).customer).sort()).toEqual(
				[...BAD].sort(),
			);
			// The workflow's overrides in real n8n: Reference from the Customer PO custom field, else the
			// default (the customer's name); Shipping Method from Values per Customer, else the default.
			const table: Record<string, string> = {
				'Koala Outdoor Co': 'Bulky Goods',
				'Kiwi Kitchenware': 'Trans-Tasman Express',
			};
			const sent = new Map(starshipitOrders(sb).map((o) => [o.order_number, o]));
			const packed = saleOrders(sb, 'PACKED').filter((o) => good.includes(o.references.customer));
			expect(packed.filter((o) => o.properties.customerPo).length).toBeGreaterThan(3);
			for (const order of packed) {
				expect(sent.get(order.references.customer)).toMatchObject({
					reference: order.properties.customerPo ?? order.customer.name,
					shipping_method:
						table[order.customer.name] ?? order.details.deliver.method?.requestedService,
				});
			}
			// The failed item as people read it: outcome, order number and reason first, then the sale order whole.
			expect(Object.keys(failed[0]).slice(0, 4)).toEqual([
				'outcome',
				'order_number',
				'reason',
				'id',
			]);
			expect(run.output('Report each problem once').length).toBeGreaterThan(0);
		},
	},
	{
		file: 'workflows/child-account-routing.json',
		kind: 'execute',
		// The routing table, as an ops person fills it in (n8n's Data tables view).
		arrange: async ({ insertRows }) => {
			if (!routesSeeded) {
				await insertRows(
					ROUTES_TABLE,
					['customer_name', 'account'],
					[
						{ customer_name: 'Koala Outdoor Co', account: 'main' },
						{ customer_name: 'Kiwi Kitchenware', account: 'child' },
					],
				);
				routesSeeded = true;
			}
		},
		assert: ({ sb, run }) => {
			const main = goodPacked(sb, 'Koala Outdoor Co');
			const child = goodPacked(sb, 'Kiwi Kitchenware');
			expect(
				starshipitOrders(sb, MAIN_KEY)
					.map((o) => o.order_number)
					.filter((n) => main.includes(n))
					.sort(),
			).toEqual(main);
			expect(
				starshipitOrders(sb, CHILD_KEY)
					.map((o) => o.order_number)
					.filter((n) => child.includes(n))
					.sort(),
			).toEqual(child);
			// Nothing crossed over: no Koala order in the child account, no Kiwi order in the main one.
			expect(starshipitOrders(sb, CHILD_KEY).filter((o) => main.includes(o.order_number))).toEqual(
				[],
			);
			expect(starshipitOrders(sb, MAIN_KEY).filter((o) => child.includes(o.order_number))).toEqual(
				[],
			);
			expect(run.output('Failed orders, main account (see reason)')).toHaveLength(3);
			expect(
				run
					.json('Not routed (customer not in the table)')
					.every((o) => (o.customer as { name: string }).name === 'Bondi Beauty'),
			).toBe(true);
		},
	},
	{
		file: 'workflows/tracking-writeback-scheduled.json',
		kind: 'execute',
		arrange: async ({ sb, execute }) => {
			await execute(ORDER_PUSH);
			expect(sb.starshipit.shipAll()).toBeGreaterThan(30);
		},
		assert: ({ sb, run }) => {
			const pairs = linked(sb);
			expect(pairs.length).toBeGreaterThan(30);
			const withConsignment = pairs.filter((p) => p.consignment);
			for (const { shipped, consignment } of withConsignment) {
				expect(consignment!.references.tracking).toBe(shipped.tracking_numbers[0]);
				expect(consignment!.details.tracking?.companyName).toBe(shipped.carrier_name);
			}
			expect(run.output('Written or already there')).toHaveLength(withConsignment.length);
			const without = pairs
				.filter((p) => !p.consignment)
				.map((p) => p.shipped.order_number)
				.sort();
			expect(
				run
					.json(TRACKING_NOT_WRITTEN_NODE)
					.map((i) => i.order_number)
					.sort(),
			).toEqual(without);
		},
	},
	{
		file: 'workflows/order-push-webhook.json',
		kind: 'webhook',
		webhook: { path: '3e23d534-be6d-1210-3d8c-c9ca09f60091/webhook' },
		// CartonCloud itself delivers its status-change webhooks to n8n.
		call: async ({ sb, url }) => {
			sb.cartonCloud.configure({ webhookUrl: withCartonCloudSecret(url) });
			const picked = saleOrders(sb, 'AWAITING_PICK_AND_PACK').find(
				(o) => o.customer.name === 'Kiwi Kitchenware',
			)!;
			pushTarget = picked.references.customer;
			sb.cartonCloud.setOutboundOrderStatus(picked.id, 'PICKED');
			sb.cartonCloud.setOutboundOrderStatus(picked.id, 'PACKED');
			const deliveries = await sb.cartonCloud.flushWebhooks();
			expect(deliveries.length).toBeGreaterThanOrEqual(2);
			return undefined;
		},
		assert: async ({ sb }) => {
			expect(sb.cartonCloud.webhookDeliveries.map((d) => d.status)).toEqual(
				sb.cartonCloud.webhookDeliveries.map(() => 200),
			);
			await eventually(() =>
				expect(starshipitOrders(sb).filter((o) => o.order_number === pushTarget)).toHaveLength(1),
			);
		},
	},
	{
		file: 'workflows/tracking-writeback-webhook.json',
		kind: 'webhook',
		webhook: { path: 'e66fd0e1-4512-2500-b851-059cf6e02407/webhook' },
		arrange: async ({ execute }) => {
			await execute(ORDER_PUSH);
		},
		// Starshipit itself delivers the tracking webhook when the label is printed.
		call: async ({ sb, url }) => {
			sb.starshipit.configure({ webhookUrl: url });
			trackingTarget = starshipitOrders(sb).find((o) =>
				o.order_number.startsWith('KIW-'),
			)!.order_number;
			sb.starshipit.printOrder(trackingTarget);
			await sb.starshipit.flushWebhooks();
			return undefined;
		},
		assert: async ({ sb }) => {
			expect(sb.starshipit.webhookDeliveries.map((d) => d.status)).toContain(200);
			await eventually(() => {
				const pair = linked(sb).find((p) => p.shipped.order_number === trackingTarget)!;
				expect(pair.consignment!.references.tracking).toBe(pair.shipped.tracking_numbers[0]);
			});
		},
	},
	{
		file: 'workflows/print-label.json',
		kind: 'webhook',
		webhook: { path: 'print-label' },
		// Asked twice for the same order: the second answer is the same label (a reprint), with no
		// second shipment and no second document on the sale order.
		call: async ({ sb, post }) => {
			const order = saleOrders(sb, 'PACKED').find(
				(o) => o.customer.name === 'Koala Outdoor Co' && !BAD.includes(o.references.customer),
			)!;
			labelTarget = order;
			firstLabel = await post({ reference: order.references.customer });
			await eventually(() =>
				expect(sb.cartonCloud.state().documents.filter((d) => d.ownerId === order.id)).toHaveLength(
					1,
				),
			);
			return await post({ reference: order.references.customer });
		},
		assert: async ({ sb, response }) => {
			for (const answer of [firstLabel, response]) {
				expect(answer?.status).toBe(200);
				expect(answer?.headers.get('content-type')).toMatch(/pdf/);
				expect(answer?.bytes.subarray(0, 5).toString()).toBe('%PDF-');
			}
			const shipped = starshipitOrders(sb).filter(
				(o) => o.order_number === labelTarget.references.customer,
			);
			expect(shipped).toHaveLength(1);
			expect(shipped[0].tracking_numbers.length).toBeGreaterThan(0);
			await eventually(() => {
				const consignment = consignments(sb).find(
					(c) => c.generatedFromTask?.id === labelTarget.id,
				)!;
				expect(consignment.references.tracking).toBe(shipped[0].tracking_numbers[0]);
			});
			expect(
				sb.cartonCloud.state().documents.filter((d) => d.ownerId === labelTarget.id),
			).toHaveLength(1);
		},
	},
	{
		file: 'workflows/reconciliation-report.json',
		kind: 'execute',
		// After the push, the report names the three orders the push could not create; its
		// summary node carries the e-mail's subject and HTML (the Send Email node ships disabled).
		arrange: async ({ execute }) => {
			await execute(ORDER_PUSH);
		},
		assert: ({ run }) => {
			const [summary, ...exceptions] = run.json('Reconcile CartonCloud and Starshipit');
			expect(run.json('Reconciliation summary')).toEqual([summary]);
			expect(String(summary.subject)).toMatch(/3 not in starshipit/);
			expect(String(summary.html)).toContain('<table');
			const missing = exceptions.filter((e) => e.kind === 'not_in_starshipit');
			expect(missing.map((e) => e.order_number).sort()).toEqual([...BAD].sort());
			// The reason the push recorded (the alert workflow's data table), and what fixes it.
			for (const e of missing) expect(String(e.last_reason)).toContain(String(e.order_number));
			expect((summary.window as { since: string }).since).toMatch(
				/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/,
			);
		},
	},
	// Asked where an order is, what is stuck and what failed, through a local stub model.
	{ file: 'workflows/ops-assistant.json', kind: 'chat', suite: 'test/n8n/opsAssistant.n8n.mts' },
];

let routesSeeded = false;
let pushTarget = '';
let trackingTarget = '';
let labelTarget: SaleOrderView;
let firstLabel: WebhookResponse | undefined;
