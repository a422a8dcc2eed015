/**
 * The sandbox's state: accounts (one per API key, each its own order store), configuration,
 * id counters, and the conversions between request bodies, stored orders and reply shapes.
 */
import { HttpError, type SandboxRequest } from '../core/server.mts';
import {
	type Account,
	type Address,
	type ApiError,
	type Item,
	type LateImport,
	type Metadata,
	type Order,
	orderEvent,
	type Package,
	type SandboxConfig,
	type StoredOrder,
} from './types.mts';
import { COUNTRY_NAMES } from './validation.mts';
import { WebhookDispatcher } from './webhooks.mts';

type Obj = Record<string, unknown>;
const ADDRESS_KEYS = [
	'name',
	'email',
	'phone',
	'building',
	'company',
	'street',
	'suburb',
	'city',
	'state',
	'post_code',
	'country',
	'delivery_instructions',
	'tax_number',
] as const;

const UPDATABLE = [
	'order_number',
	'reference',
	'shipping_method',
	'shipping_description',
	'signature_required',
	'return_order',
	'dangerous_goods',
	'declared_value',
	'carrier',
	'carrier_name',
	'carrier_service_code',
	'status',
] as const;

export const round = (n: number, digits = 2): number => Math.round(n * 10 ** digits) / 10 ** digits;

/** Deterministic "carrier" price from weight; shared by rates and `total_shipping_price`. */
export function priceFor(weightKg: number, international: boolean, express = false): number {
	const kg = Math.max(1, Math.ceil(weightKg));
	const base = international ? 24.5 + 9.8 * kg : 9.45 + 2.2 * kg;
	return round(express ? base * 1.45 : base);
}

export class StarshipitState {
	config: SandboxConfig;
	readonly accounts = new Map<string, Account>();
	readonly webhooks = new WebhookDispatcher();
	private ids = { order: 0, item: 0, pkg: 0, tracking: 0, manifest: 0 };
	/** Fault: how many coming imports are answered 504 and applied late (see `applyImportsLate`). */
	lateImportFault: { count: number; afterRequests: number } | undefined;
	readonly lateImports: LateImport[] = [];

	constructor(
		readonly initialConfig: SandboxConfig,
		readonly accountList: { apiKey: string; name: string }[],
		readonly subscriptionKeys: string[],
		readonly clock: () => Date,
	) {
		this.config = { ...initialConfig };
		this.reset();
	}

	reset(): void {
		this.config = { ...this.initialConfig };
		this.accounts.clear();
		for (const { apiKey, name } of this.accountList) {
			this.accounts.set(apiKey, { apiKey, name, orders: new Map(), blockedNumbers: new Map() });
		}
		// Ids start high and differ per kind so a client that mixes order_id and item_id up fails.
		this.ids = { order: 100000, item: 500000, pkg: 700000, tracking: 0, manifest: 9000 };
		this.webhooks.clear();
		this.lateImportFault = undefined;
		this.lateImports.length = 0;
	}

	/** Called before every API request: applies late imports whose countdown has run out. */
	tickLateImports(): void {
		for (const late of [...this.lateImports]) {
			if (--late.countdown > 0) continue;
			this.lateImports.splice(this.lateImports.indexOf(late), 1);
			for (const raw of late.orders) this.createOrder(late.account, raw);
		}
	}

	nextId(kind: keyof StarshipitState['ids']): number {
		return ++this.ids[kind];
	}

	nowIso(): string {
		return this.clock().toISOString();
	}

	/** The account selected by the `StarShipIT-Api-Key` header (the gate already checked it). */
	account(req: SandboxRequest): Account {
		return this.accountByKey(String(req.headers['starshipit-api-key'] ?? '').trim());
	}

	/** Control API helper: `apiKey` omitted means the first (parent) account. */
	accountByKey(apiKey?: string): Account {
		const account =
			apiKey === undefined ? this.accounts.values().next().value : this.accounts.get(apiKey);
		if (!account) throw new HttpError(404, { message: `unknown apiKey ${apiKey}` });
		return account;
	}

	/**
	 * Throws an application error. UNCONFIRMED: the HTTP status of application errors. Default: a
	 * 4xx with `{success:false, errors}` (DART2 reads errors from non-2xx); `appErrorsAs200` answers
	 * 200 instead (PD/ODOO only look at `success`), so clients can be tested against both.
	 */
	fail(status: number, errors: ApiError[]): never {
		throw new HttpError(this.config.appErrorsAs200 ? 200 : status, { success: false, errors });
	}

	/** Parses the JSON body into the application envelope's error (not the core's plain shape). */
	body(req: SandboxRequest): Obj {
		let parsed: unknown;
		try {
			parsed = JSON.parse(req.rawBody.toString('utf8') || '{}');
		} catch {
			this.fail(400, [
				{ message: 'Invalid request', details: 'The request body is not valid JSON' },
			]);
		}
		if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
			this.fail(400, [
				{ message: 'Invalid request', details: 'The request body must be a JSON object' },
			]);
		}
		return parsed as Obj;
	}

	findById(account: Account, id: unknown): StoredOrder | undefined {
		return account.orders.get(Number(id));
	}

	findByNumber(account: Account, orderNumber: string): StoredOrder | undefined {
		for (const stored of account.orders.values())
			if (stored.order.order_number === orderNumber) return stored;
		return undefined;
	}

	/** Looks up by `order_id` or `order_number`, failing with 404 when neither finds an order. */
	require(account: Account, ref: { order_id?: unknown; order_number?: unknown }): StoredOrder {
		const hasId = ref.order_id !== undefined && ref.order_id !== null && ref.order_id !== '';
		const hasNumber = typeof ref.order_number === 'string' && ref.order_number !== '';
		if (!hasId && !hasNumber)
			this.fail(400, [
				{ message: 'Invalid request', details: 'order_id or order_number is required' },
			]);
		if (hasId && !/^\d+$/.test(String(ref.order_id))) {
			this.fail(400, [
				{
					message: 'Invalid request',
					details: `order_id must be an integer, got '${String(ref.order_id)}'`,
				},
			]);
		}
		const found = hasId
			? this.findById(account, ref.order_id)
			: this.findByNumber(account, ref.order_number as string);
		if (!found) {
			const what = hasId
				? `order_id ${String(ref.order_id)}`
				: `order_number '${String(ref.order_number)}'`;
			this.fail(404, [
				{ message: 'Order not found', details: `No order with ${what} in this account` },
			]);
		}
		return found;
	}

	/**
	 * With `strictDuplicates` only: an error naming the number and the existing order_id; numbers
	 * deleted while strict stay blocked too (D-DEL: such orders "cannot be imported again").
	 */
	duplicateError(account: Account, orderNumber: string): ApiError | undefined {
		// UNCONFIRMED (§4.7): no public source says what Starshipit does with a repeated order number.
		// Hardest for a client, and the default: accept it as a second order. `strictDuplicates` refuses.
		if (!this.config.strictDuplicates) return undefined;
		const existing = this.findByNumber(account, orderNumber);
		if (existing) {
			return {
				message: 'Order number already exists',
				details: `Order number '${orderNumber}' already exists (order_id ${existing.order.order_id})`,
			};
		}
		const deletedId = account.blockedNumbers.get(orderNumber);
		if (deletedId !== undefined) {
			return {
				message: 'Order number already exists',
				details: `Order number '${orderNumber}' belonged to deleted order ${deletedId} and cannot be imported again`,
			};
		}
		return undefined;
	}

	/** Builds a new stored order from a validated request body. */
	createOrder(account: Account, raw: Obj): StoredOrder {
		const now = this.nowIso();
		const carrier = str(raw.carrier);
		const order: Order = {
			order_id: this.nextId('order'),
			order_number: raw.order_number as string,
			reference: str(raw.reference),
			order_date: raw.order_date ? new Date(raw.order_date as string).toISOString() : now,
			shipping_method: str(raw.shipping_method),
			shipping_description: str(raw.shipping_description),
			signature_required: raw.signature_required === true,
			return_order: raw.return_order === true,
			dangerous_goods: raw.dangerous_goods === true,
			currency: str(raw.currency).toUpperCase(),
			declared_value: typeof raw.declared_value === 'number' ? raw.declared_value : 0,
			carrier,
			carrier_name: str(raw.carrier_name) || (carrier ? carrierName(carrier) : ''),
			carrier_service_code: str(raw.carrier_service_code),
			sender_details: address(raw.sender_details),
			destination: address(raw.destination),
			items: [],
			packages: [],
			metadatas: [],
			status: 'Unshipped',
			archived: false,
			manifested: false,
			manifest_number: null,
			tracking_number: '',
			tracking_status: null,
			shipped_date: null,
			address_validation: 'NotChecked',
			type: raw.return_order === true ? 'Return' : 'Outgoing',
			platform: 'API',
			last_updated: now,
			events: [orderEvent(now, 'Created', 'Order created via API')],
		};
		const stored: StoredOrder = {
			order,
			createdAt: this.clock().getTime(),
			trackingNumbers: [],
			labels: [],
			trackingEvents: [],
		};
		this.mergeLines(order, raw);
		if (order.packages.length === 0) order.packages.push(this.defaultPackage(order));
		account.orders.set(order.order_id, stored);
		return stored;
	}

	/**
	 * Applies an update body (already validated in merged form) to an order. Lines with a known
	 * `item_id`/`package_id` are edited; lines without one are ADDED (pitfall 16).
	 */
	applyUpdate(order: Order, patch: Obj): void {
		// Only request fields are writable; read-only reply fields (archived, tracking_*, manifested…)
		// sent back by a client that round-trips the whole order are ignored, as .NET binding would.
		for (const key of UPDATABLE)
			if (patch[key] !== undefined && patch[key] !== null)
				(order as unknown as Obj)[key] = patch[key];
		if (typeof patch.currency === 'string') order.currency = patch.currency.toUpperCase();
		if (typeof patch.order_date === 'string')
			order.order_date = new Date(patch.order_date).toISOString();
		if (patch.carrier && !patch.carrier_name) order.carrier_name = carrierName(order.carrier);
		for (const key of ['destination', 'sender_details'] as const) {
			if (patch[key] && typeof patch[key] === 'object')
				order[key] = { ...order[key], ...address(patch[key]) };
		}
		this.mergeLines(order, patch);
		order.last_updated = this.nowIso();
		order.events.push(orderEvent(order.last_updated, 'Updated', 'Order updated via API'));
	}

	/** Normalised package list for a body's `packages` (new ids, reply-only fields filled in). */
	newPackages(raw: unknown[]): Package[] {
		return raw.map((p) => this.packageFrom(p as Obj));
	}

	private mergeLines(order: Order, raw: Obj): void {
		for (const rawItem of (raw.items as Obj[] | undefined) ?? []) {
			const existing = order.items.find((i) => i.item_id === rawItem.item_id);
			const quantity = num(rawItem.quantity, existing?.quantity ?? 1);
			const item: Item = {
				item_id: existing?.item_id ?? this.nextId('item'),
				description: str(rawItem.description, existing?.description),
				sku: str(rawItem.sku, existing?.sku),
				tariff_code: str(rawItem.tariff_code, existing?.tariff_code),
				country_of_origin: str(rawItem.country_of_origin, existing?.country_of_origin),
				quantity,
				quantity_to_ship: quantity,
				quantity_shipped: existing?.quantity_shipped ?? 0,
				weight: num(rawItem.weight, existing?.weight ?? 0),
				value: num(rawItem.value, existing?.value ?? 0),
				height: 0,
				width: 0,
				length: 0,
			};
			if (existing) Object.assign(existing, item);
			else order.items.push(item);
		}
		for (const rawPkg of (raw.packages as Obj[] | undefined) ?? []) {
			const existing = order.packages.find((p) => p.package_id === rawPkg.package_id);
			if (existing) Object.assign(existing, this.packageFrom(rawPkg, existing));
			else order.packages.push(this.packageFrom(rawPkg));
		}
		for (const m of (raw.metadatas as Obj[] | undefined) ?? []) {
			const meta: Metadata = {
				metafield_key: str(m.metafield_key),
				value: str(m.value),
				required: m.required === true,
			};
			const index = order.metadatas.findIndex((x) => x.metafield_key === meta.metafield_key);
			if (index >= 0) order.metadatas[index] = meta;
			else order.metadatas.push(meta);
		}
	}

	private packageFrom(raw: Obj, existing?: Package): Package {
		return {
			package_id: existing?.package_id ?? this.nextId('pkg'),
			name: str(raw.name, existing?.name ?? 'Package'),
			packaging_type: str(raw.packaging_type, existing?.packaging_type ?? 'Carton'),
			weight: num(raw.weight, existing?.weight ?? 0),
			height: num(raw.height, existing?.height ?? 0),
			width: num(raw.width, existing?.width ?? 0),
			length: num(raw.length, existing?.length ?? 0),
		};
	}

	/** REAL replies show a package named "Default" when none was sent; its weight is the items' total. */
	private defaultPackage(order: Order): Package {
		const weight = round(
			order.items.reduce((sum, i) => sum + i.weight * i.quantity, 0),
			3,
		);
		return {
			package_id: this.nextId('pkg'),
			name: 'Default',
			packaging_type: 'Carton',
			weight,
			height: 0,
			width: 0,
			length: 0,
		};
	}

	/** The full order reply: a deep copy plus computed fields. */
	full(stored: StoredOrder): Order & { total_shipping_price: number } {
		const order = structuredClone(stored.order);
		const weight = order.packages.reduce((sum, p) => sum + p.weight, 0);
		const international = order.destination.country !== 'Australia';
		// Pitfall 11: the price is filled in asynchronously after import, so for the first second
		// it reads 0 (ODOO polls up to 3x with 1 s sleeps); measured with the injectable clock.
		const settled = this.clock().getTime() - stored.createdAt >= 1000;
		return { ...order, total_shipping_price: settled ? priceFor(weight, international) : 0 };
	}
}

const CARRIER_NAMES: Record<string, string> = {
	PlainLabel: 'Plain Label',
	AusPost: 'Australia Post',
	MyPostBusiness: 'MyPost Business',
	StarTrack: 'StarTrack',
	NZPost: 'NZ Post',
	NzPost: 'NZ Post',
	CourierPost: 'CourierPost',
	DHL: 'DHL Express',
	DHLGlobal: 'DHL eCommerce',
	CouriersPlease: 'Couriers Please',
	TNT: 'TNT',
	UPS: 'UPS',
	Fastways: 'Aramex',
	TollPriority: 'Toll Priority',
};
/** Carrier codes are passed through as sent (pitfall 7); unknown ones are their own display name. */
export function carrierName(carrier: string): string {
	return CARRIER_NAMES[carrier] ?? carrier;
}

export function countryCode(name: string | undefined): string {
	return (name && COUNTRY_NAMES[name]) || '';
}

function str(value: unknown, fallback = ''): string {
	return typeof value === 'string' ? value : fallback;
}
function num(value: unknown, fallback: number): number {
	return typeof value === 'number' ? value : fallback;
}
function address(raw: unknown): Address {
	const out: Address = {};
	if (typeof raw !== 'object' || raw === null) return out;
	for (const key of ADDRESS_KEYS) {
		const v = (raw as Obj)[key];
		if (typeof v === 'string') out[key] = v;
	}
	return out;
}
