/** Order routes (reference §4.1): create, import, get, lists, search, update, delete, archive, restore. */
import type { SandboxRequest, SandboxServer } from '../core/server.mts';
import { isPrinted } from './lifecycle.mts';
import type { StarshipitState } from './store.mts';
import {
	ORDER_STATUSES,
	type Account,
	type ApiError,
	type Order,
	orderEvent,
	type StoredOrder,
} from './types.mts';
import { validateOrder } from './validation.mts';

type Obj = Record<string, unknown>;
const MAX_IMPORT = 50;
/** The tabs `GET /api/orders?status=` and the search's `status` know, lower-cased. */
const LIST_STATUSES = ['unshipped', 'printed', 'shipped'];

interface Listed {
	stored: StoredOrder;
	tab: 'unshipped' | 'printed' | 'shipped';
	updated: number;
	ordered: number;
}

/** Per order store: its orders by order_id with what a listing filters on, and what they were built from. */
const listings = new WeakMap<
	Map<number, StoredOrder>,
	{ built: Array<[StoredOrder, Order, string, string, boolean, number]>; rows: Listed[] }
>();

/**
 * The account's orders, by order_id, with their tab and parsed times. Rebuilt only when an order
 * was added, removed, replaced, moved tab, archived or updated (checked in one pass without
 * parsing a date): an account of 100,000 orders is listed 250 at a time, and re-parsing and
 * re-sorting it for every page would make the sandbox, not the client, the slow part.
 */
function listingOf(orders: Map<number, StoredOrder>): readonly Listed[] {
	const cached = listings.get(orders);
	if (cached && cached.built.length === orders.size) {
		let i = 0;
		let same = true;
		for (const stored of orders.values()) {
			const [s, o, updated, status, archived, labels] = cached.built[i++];
			if (
				s !== stored ||
				o !== stored.order ||
				updated !== stored.order.last_updated ||
				status !== stored.order.status ||
				archived !== stored.order.archived ||
				labels !== stored.trackingNumbers.length
			) {
				same = false;
				break;
			}
		}
		if (same) return cached.rows;
	}
	const built: Array<[StoredOrder, Order, string, string, boolean, number]> = [];
	const rows: Listed[] = [];
	for (const stored of orders.values()) {
		const { order } = stored;
		built.push([
			stored,
			order,
			order.last_updated,
			order.status,
			order.archived,
			stored.trackingNumbers.length,
		]);
		rows.push({
			stored,
			tab: tabOf(stored),
			updated: Date.parse(order.last_updated),
			ordered: Date.parse(order.order_date),
		});
	}
	rows.sort((a, b) => a.stored.order.order_id - b.stored.order.order_id);
	listings.set(orders, { built, rows });
	return rows;
}

/** The tab an order sits in: unshipped (no label), printed (label, not shipped), shipped (shipped or delivered). */
function tabOf({ order, trackingNumbers }: StoredOrder): 'unshipped' | 'printed' | 'shipped' {
	if (order.status === 'Shipped' || order.status === 'Delivered') return 'shipped';
	return order.status === 'Printed' || trackingNumbers.length > 0 ? 'printed' : 'unshipped';
}
const DAY_MS = 24 * 3600 * 1000;

const orderLabel = (raw: unknown): string =>
	typeof raw === 'object' && raw !== null && typeof (raw as Obj).order_number === 'string'
		? String((raw as Obj).order_number)
		: '(no order_number)';

export function registerOrderRoutes(server: SandboxServer, state: StarshipitState): void {
	const ok = (payload: Obj = {}) => ({ status: 200, body: { success: true, ...payload } });

	/** Validation + duplicate check for one new order; problems name the field and the order. */
	function problemsFor(account: Account, raw: unknown, batch: Set<string>): ApiError[] {
		const label = orderLabel(raw);
		const problems = validateOrder(raw).map((p) => ({
			message: 'Validation failed',
			details: `${p} (order ${label})`,
		}));
		if (problems.length) return problems;
		const number = (raw as Obj).order_number as string;
		const duplicate = batch.has(number)
			? {
					message: 'Order number already exists',
					details: `Order number '${number}' appears more than once in this request`,
				}
			: state.duplicateError(account, number);
		return duplicate ? [duplicate] : [];
	}

	server.route('POST', '/api/orders', (req) => {
		const account = state.account(req);
		const { order } = state.body(req);
		if (typeof order !== 'object' || order === null)
			state.fail(400, [{ message: 'Invalid request', details: 'Body must be {"order": {...}}' }]);
		const errors = problemsFor(account, order, new Set());
		if (errors.length) state.fail(400, errors);
		// UNCONFIRMED: 200 (not 201) on success; clients must check `success` either way.
		return ok({ order: state.full(state.createOrder(account, order as Obj)) });
	});

	server.route('POST', '/api/orders/import', (req) => {
		const account = state.account(req);
		const { orders } = state.body(req);
		if (!Array.isArray(orders) || orders.length === 0)
			state.fail(400, [
				{
					message: 'Invalid request',
					details: 'Body must be {"orders": [ ... ]} with at least one order',
				},
			]);
		if (orders.length > MAX_IMPORT) {
			state.fail(400, [
				{
					message: 'Too many orders',
					details: `A maximum of ${MAX_IMPORT} orders can be imported per request; got ${orders.length}`,
				},
			]);
		}
		const late = state.lateImportFault;
		if (late && late.count > 0) {
			// Fault: answered as a timed-out call, applied later (see StarshipitSandbox.applyImportsLate).
			late.count--;
			if (late.count === 0) state.lateImportFault = undefined;
			state.lateImports.push({
				account,
				orders: structuredClone(orders) as Obj[],
				countdown: late.afterRequests,
			});
			return { status: 504, body: { statusCode: 504, message: 'Gateway Timeout' } };
		}
		// UNCONFIRMED (pitfall 17): per-order failures. Choice: valid orders ARE created and returned in
		// `orders`; each failed one is named in `errors[].details`; `success` is false if any failed.
		// HTTP 200 when at least one order was created (a retry of the whole batch would then hit
		// duplicates), the usual error status when none was.
		const created: StoredOrder[] = [];
		const errors: ApiError[] = [];
		const seen = new Set<string>();
		for (const raw of orders) {
			const problems = problemsFor(account, raw, seen);
			if (typeof raw === 'object' && raw !== null && typeof (raw as Obj).order_number === 'string')
				seen.add((raw as Obj).order_number as string);
			if (problems.length) errors.push(...problems);
			else created.push(state.createOrder(account, raw as Obj));
		}
		if (created.length === 0) state.fail(400, errors);
		const body: Obj = { success: errors.length === 0, orders: created.map((s) => state.full(s)) };
		if (errors.length) body.errors = errors;
		return { status: 200, body };
	});

	server.route('GET', '/api/orders', (req) => {
		const account = state.account(req);
		const orderId = req.query.get('order_id');
		const orderNumber = req.query.get('order_number');
		const status = req.query.get('status');
		if (status !== null && !LIST_STATUSES.includes(status.toLowerCase())) {
			state.fail(400, [
				{
					message: 'Invalid request',
					details: `status must be one of Unshipped, Printed, Shipped, got '${status}'`,
				},
			]);
		}
		if (orderId !== null || orderNumber !== null) {
			// One order by id or number, whatever its tab: Peliqan-io/tap-starshipit reads every row of
			// /orders/shipped back with `orders?order_id=` and GorgonFreeman/bedrock reads manifested
			// orders by `order_number`, neither sending `status`. A `status` that is sent must match.
			const stored = state.require(account, {
				order_id: orderId ?? undefined,
				order_number: orderNumber ?? undefined,
			});
			if (status !== null && tabOf(stored) !== status.toLowerCase()) {
				state.fail(404, [
					{
						message: 'Order not found',
						details: `Order ${stored.order.order_number} is not ${status}`,
					},
				]);
			}
			return ok({ order: state.full(stored) });
		}
		// The list form (rknell/starshipit_dart orders_api.dart, the official table): `status`
		// defaults to Unshipped, page_number from 1, page_size default 500 and at most 500, and the
		// reply's `order` is the LIST of full orders. UNCONFIRMED: Printed as a status value (the
		// table lists Unshipped and Shipped; a public dashboard reads status=Printed).
		const size = intParam(req, 'page_size', 500, 1, 500);
		const page = intParam(req, 'page_number', 1, 1, 1_000_000);
		const tab = (status ?? 'Unshipped').toLowerCase();
		const rows = [...account.orders.values()].filter((s) => !s.order.archived && tabOf(s) === tab);
		return ok({ order: rows.slice((page - 1) * size, page * size).map((s) => state.full(s)) });
	});

	/** Shared paging/filters of unshipped & shipped (§4.1, pitfall 8): one page and the page count. */
	function listed(
		req: SandboxRequest,
		tab: Listed['tab'],
	): { rows: StoredOrder[]; totalPages: number } {
		const limit = intParam(req, 'limit', 50, 1, 250);
		const page = intParam(req, 'page', 1, 1, 1_000_000);
		const sinceOrder = since(req, 'since_order_date');
		const sinceUpdated = since(req, 'since_last_updated');
		// Without any since_*, only orders updated in the last 24 hours (rknell/starshipit_dart
		// orders_api.dart, from the official docs: "default: orders updated in the last 24 hours").
		const windowStart =
			sinceOrder === undefined && sinceUpdated === undefined
				? state.clock().getTime() - DAY_MS
				: undefined;
		const from = Math.max(sinceUpdated ?? -Infinity, windowStart ?? -Infinity);
		const rows = listingOf(state.account(req).orders).filter(
			(r) =>
				r.tab === tab &&
				!r.stored.order.archived &&
				r.updated >= from &&
				(sinceOrder === undefined || r.ordered >= sinceOrder),
		);
		return {
			rows: rows.slice((page - 1) * limit, page * limit).map((r) => r.stored),
			totalPages: Math.ceil(rows.length / limit),
		};
	}

	/**
	 * `ids_only=true`: `order_ids`, a list of integers, instead of `orders` (rknell/starshipit_dart
	 * list_unshipped_orders_response.dart and list_shipped_orders_response.dart; GorgonFreeman/bedrock
	 * starshipitOrdersListShipped.js reads `orders || order_ids`). No order numbers, so no existence
	 * check can be built on it.
	 */
	const idsOnly = (req: SandboxRequest) => req.query.get('ids_only') === 'true';

	server.route('GET', '/api/orders/unshipped', (req) => {
		// Printed orders (status Printed) are not here: they sit in their own tab (GET /api/orders/shipments).
		const { rows, totalPages } = listed(req, 'unshipped');
		// A saved real reply carries total_pages (adamKabbara/starshipit-middleware orders-1.json).
		const list = idsOnly(req)
			? { order_ids: rows.map((s) => s.order.order_id) }
			: { orders: rows.map((s) => state.full(s)) };
		return ok({ ...list, total_pages: totalPages });
	});

	server.route('GET', '/api/orders/shipped', (req) => {
		// Pitfall 9: an order_id filter is ignored by the real API; so it is here.
		const { rows, totalPages } = listed(req, 'shipped');
		// total_pages: rknell/starshipit_dart list_shipped_orders_response.dart (required totalPages).
		const list = idsOnly(req)
			? { order_ids: rows.map((s) => s.order.order_id) }
			: { orders: rows.map(shippedRow) };
		return ok({ ...list, total_pages: totalPages });
	});

	/**
	 * Printed orders not yet shipped (their own tab): rknell/starshipit_dart documents
	 * `GET /api/orders/shipments?status=recently_printed|unmanifested&since_created_date=&limit=&page=`
	 * answering `{status, orders:[{order_id, order_number, date, name, carrier_name,
	 * carrier_service_code, tracking_numbers, country}], total_pages}`.
	 */
	server.route('GET', '/api/orders/shipments', (req) => {
		const account = state.account(req);
		const status = req.query.get('status') ?? '';
		if (status !== 'recently_printed' && status !== 'unmanifested') {
			state.fail(400, [
				{
					message: 'Invalid request',
					details: `status must be recently_printed or unmanifested, got '${status}'`,
				},
			]);
		}
		const limit = intParam(req, 'limit', 50, 1, 250);
		const page = intParam(req, 'page', 1, 1, 1_000_000);
		const sinceCreated = since(req, 'since_created_date');
		const printedAt = (s: StoredOrder) =>
			[...s.order.events].reverse().find((e) => e.name === 'Printed')?.time ?? s.order.last_updated;
		// UNCONFIRMED: how far back recently_printed reaches; hardest choice: the last 24 hours only.
		const recentStart =
			status === 'recently_printed' ? state.clock().getTime() - DAY_MS : undefined;
		const rows = [...account.orders.values()]
			.filter((s) => s.order.status === 'Printed' && !s.order.manifested && !s.order.archived)
			.filter((s) => sinceCreated === undefined || Date.parse(printedAt(s)) >= sinceCreated)
			.filter((s) => recentStart === undefined || Date.parse(printedAt(s)) >= recentStart)
			.sort((a, b) => a.order.order_id - b.order.order_id);
		const orders = rows.slice((page - 1) * limit, page * limit).map((s) => ({
			order_id: s.order.order_id,
			order_number: s.order.order_number,
			date: printedAt(s),
			name: s.order.destination.name ?? '',
			carrier_name: s.order.carrier_name,
			carrier_service_code: s.order.carrier_service_code,
			tracking_numbers: [...s.trackingNumbers],
			country: s.order.destination.country ?? '',
		}));
		return ok({ status, orders, total_pages: Math.ceil(rows.length / limit) });
	});

	/**
	 * Search (rknell/starshipit_dart orders_api.dart and search_order(s).dart, from the official
	 * table; MindCloud search-orders.md): `phrase` optional; `fields` All (order number, tracking
	 * number, theirRef, name), Order_Number or TheirRef; `status` All (default), Unshipped or
	 * Shipped; `limit` default 50, at most 250; `page`. Rows `{order_id, order_date, order_number,
	 * name, carrier_name, tracking_number, country}` and `total_pages`.
	 * UNCONFIRMED: the docs call it a search of "printed order[s]" yet offer status=Unshipped; the
	 * sandbox's hard reading: All covers every tab, a printed (not shipped) order matches neither
	 * Unshipped nor Shipped, and archived orders are never found.
	 */
	server.route('GET', '/api/orders/search', (req) => {
		const account = state.account(req);
		const phrase = (req.query.get('phrase') ?? '').trim().toLowerCase();
		const limit = intParam(req, 'limit', 50, 1, 250);
		const page = intParam(req, 'page', 1, 1, 1_000_000);
		const status = (req.query.get('status') ?? 'All').toLowerCase();
		if (!['all', 'unshipped', 'shipped'].includes(status))
			state.fail(400, [
				{
					message: 'Invalid request',
					details: `status must be All, Unshipped or Shipped, got '${req.query.get('status')}'`,
				},
			]);
		const fields = (req.query.get('fields') ?? 'All').toLowerCase();
		if (!['all', 'order_number', 'theirref'].includes(fields))
			state.fail(400, [
				{
					message: 'Invalid request',
					details: `fields must be All, Order_Number or TheirRef, got '${req.query.get('fields')}'`,
				},
			]);
		const searched = ({ order, trackingNumbers }: StoredOrder): string[] =>
			fields === 'order_number'
				? [order.order_number]
				: fields === 'theirref'
					? [order.reference]
					: [order.order_number, order.reference, order.destination.name ?? '', ...trackingNumbers];
		const hits = [...account.orders.values()]
			.filter((s) => !s.order.archived)
			.filter((s) => !phrase || searched(s).some((v) => v.toLowerCase().includes(phrase)))
			.filter((s) => status === 'all' || tabOf(s) === status)
			.sort((a, b) => a.order.order_id - b.order.order_id);
		const orders = hits.slice((page - 1) * limit, page * limit).map(({ order }) => ({
			order_id: order.order_id,
			order_date: order.order_date,
			order_number: order.order_number,
			name: order.destination.name ?? '',
			carrier_name: order.carrier_name,
			tracking_number: order.tracking_number,
			country: order.destination.country ?? '',
		}));
		return ok({ orders, total_pages: Math.ceil(hits.length / limit) });
	});

	server.route('PUT', '/api/orders', (req) => {
		const account = state.account(req);
		const { order: patch } = state.body(req) as { order?: Obj };
		if (typeof patch !== 'object' || patch === null)
			state.fail(400, [
				{ message: 'Invalid request', details: 'Body must be {"order": {"order_id": ..., ...}}' },
			]);
		if (patch.order_id === undefined)
			state.fail(400, [
				{ message: 'Invalid request', details: 'order.order_id is required to update an order' },
			]);
		const stored = state.require(account, { order_id: patch.order_id });
		const { order } = stored;
		const label = `order ${order.order_number}`;
		if (order.archived)
			state.fail(400, [
				{ message: 'Order is archived', details: `Restore ${label} before updating it` },
			]);
		if (patch.status !== undefined && !ORDER_STATUSES.includes(patch.status as never)) {
			state.fail(400, [
				{
					message: 'Validation failed',
					details: `status: must be one of ${ORDER_STATUSES.join(', ')} (${label})`,
				},
			]);
		}
		// DART1: once printed or shipped only `status` may change. Strict reading: any other field in
		// the body is an error, even if unchanged.
		if (order.status !== 'Unshipped' || isPrinted(stored)) {
			const others = Object.keys(patch).filter((k) => k !== 'order_id' && k !== 'status');
			if (others.length) {
				state.fail(400, [
					{
						message: 'Order cannot be updated',
						details: `${label} is ${order.status}; only status can be changed (got ${others.join(', ')})`,
					},
				]);
			}
		}
		const errors: ApiError[] = [];
		for (const [key, idKey, list] of [
			['items', 'item_id', order.items],
			['packages', 'package_id', order.packages],
		] as const) {
			const lines = patch[key];
			if (!Array.isArray(lines)) continue;
			lines.forEach((line: Obj, i) => {
				const id = line?.[idKey];
				if (id !== undefined && !list.some((l) => (l as unknown as Obj)[idKey] === id)) {
					errors.push({
						message: 'Validation failed',
						details: `${key}[${i}].${idKey}: unknown ${idKey} ${String(id)} (${label})`,
					});
				}
			});
		}
		const merged = {
			...structuredClone(order),
			...patch,
			destination: { ...order.destination, ...(patch.destination as Obj) },
			sender_details: { ...order.sender_details, ...(patch.sender_details as Obj) },
			items: patch.items ?? [],
			packages: patch.packages ?? [],
		};
		errors.push(
			...validateOrder(merged).map((p) => ({
				message: 'Validation failed',
				details: `${p} (${label})`,
			})),
		);
		if (typeof patch.order_number === 'string' && patch.order_number !== order.order_number) {
			const duplicate = state.duplicateError(account, patch.order_number);
			if (duplicate) errors.push(duplicate);
		}
		if (errors.length) state.fail(400, errors);
		state.applyUpdate(order, patch);
		return ok({ order: state.full(stored) });
	});

	server.route('DELETE', '/api/orders/delete', (req) => {
		const account = state.account(req);
		// Today's form takes `order_id` in the query only (MindCloud delete-order.md, the Odoo connector,
		// bedrock starshipitOrderDelete.js); the retired body form {order_ids, remove_from_database} is refused.
		const id = req.query.get('order_id');
		if (id === null || id === '')
			state.fail(400, [
				{ message: 'Invalid request', details: 'order_id is required (query string)' },
			]);
		const targets = [state.require(account, { order_id: id })];
		for (const { order, trackingNumbers } of targets) {
			if (order.status !== 'Unshipped' || trackingNumbers.length) {
				state.fail(400, [
					{
						message: 'Order cannot be deleted',
						details: `Order ${order.order_number} is ${order.status}; only unshipped orders can be deleted (archive it instead)`,
					},
				]);
			}
		}
		for (const { order } of targets) {
			account.orders.delete(order.order_id);
			// UNCONFIRMED (§4.7, pitfall 18): whether a deleted number can be used again. With
			// strictDuplicates (numbers unique) it stays taken, D-DEL's reading; otherwise numbers repeat anyway.
			if (state.config.strictDuplicates)
				account.blockedNumbers.set(order.order_number, order.order_id);
		}
		return ok();
	});

	/** `order_id` from the query (ODOO) or the body (MC); sources differ, so both work. */
	function targetOf(req: SandboxRequest): StoredOrder {
		const fromQuery = req.query.get('order_id');
		const id = fromQuery ?? (req.rawBody.length ? state.body(req).order_id : undefined);
		if (id === undefined || id === null)
			state.fail(400, [
				{ message: 'Invalid request', details: 'order_id is required (query or body)' },
			]);
		return state.require(state.account(req), { order_id: id });
	}

	server.route('POST', '/api/orders/archive', (req) => {
		const { order } = targetOf(req);
		if (order.archived)
			state.fail(400, [
				{
					message: 'Order already archived',
					details: `Order ${order.order_number} is already archived`,
				},
			]);
		// DART1: archive works on printed/shipped orders. Strict: unshipped ones must be deleted instead.
		if (order.status === 'Unshipped') {
			state.fail(400, [
				{
					message: 'Order cannot be archived',
					details: `Order ${order.order_number} is unshipped; delete it instead`,
				},
			]);
		}
		order.archived = true;
		order.last_updated = state.nowIso();
		order.events.push(orderEvent(order.last_updated, 'Archived', 'Order archived via API'));
		return ok();
	});

	server.route('POST', '/api/orders/restore', (req) => {
		const { order } = targetOf(req);
		if (!order.archived)
			state.fail(400, [
				{ message: 'Order not archived', details: `Order ${order.order_number} is not archived` },
			]);
		order.archived = false;
		order.last_updated = state.nowIso();
		order.events.push(orderEvent(order.last_updated, 'Restored', 'Order restored via API'));
		return ok();
	});

	function intParam(
		req: SandboxRequest,
		name: string,
		def: number,
		min: number,
		max: number,
	): number {
		const raw = req.query.get(name);
		if (raw === null || raw === '') return def;
		const n = Number(raw);
		if (!/^\d+$/.test(raw) || n < min || n > max)
			state.fail(400, [
				{
					message: 'Invalid request',
					details: `${name} must be an integer from ${min} to ${max}, got '${raw}'`,
				},
			]);
		return n;
	}

	/** UNCONFIRMED: how lenient the date parser is. Strict: RFC 3339 with an explicit UTC zone (Z or +00:00). */
	function since(req: SandboxRequest, name: string): number | undefined {
		const raw = req.query.get(name);
		if (raw === null || raw === '') return undefined;
		if (
			!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|\+00:00)$/i.test(raw) ||
			Number.isNaN(Date.parse(raw))
		) {
			state.fail(400, [
				{
					message: 'Invalid request',
					details: `${name} must be an RFC 3339 UTC date-time such as 2024-05-01T00:00:00Z, got '${raw}'`,
				},
			]);
		}
		return Date.parse(raw);
	}
}

/** Shipped-list summary row (§4.6, TAP): no items. */
function shippedRow({ order, trackingEvents }: StoredOrder): Obj {
	return {
		order_id: order.order_id,
		order_date: order.order_date,
		shipped_date: order.shipped_date,
		order_number: order.order_number,
		reference: order.reference,
		integration_source_name: 'API',
		name: order.destination.name ?? '',
		country: order.destination.country ?? '',
		carrier: order.carrier,
		carrier_name: order.carrier_name,
		carrier_service_code: order.carrier_service_code,
		carrier_service_name: order.carrier_service_code,
		shipment_type: order.type,
		// UNCONFIRMED: with several packages the row carries the first tracking number only.
		tracking_number: order.tracking_number,
		tracking_short_status: order.tracking_status,
		tracking_full_status: trackingEvents.at(-1)?.status ?? '',
		manifest_number: order.manifest_number,
		manifest_sent: order.manifested,
		writeback_status: 'None',
		writeback_details: '',
	};
}
