/**
 * A realistic account with months of history (issue 22): `seedHistory` fills an account with
 * orders over the last `days` days, about `orders / days` a day, in the shape and the tabs the API
 * reports them: mostly shipped or delivered (printed, manifested, tracked), the last day's mostly
 * unshipped or printed, a few left unshipped for weeks, a few archived. `plantOrder` puts one
 * order of a chosen age and status into an account (e.g. one created 200 days ago and still
 * unshipped).
 *
 * Built straight into the account's store (no request, no validation, no PDF: a history order's
 * labels are drawn the first time they are reprinted), with the sandbox's own id counters, so
 * 20,000 orders take a few hundred milliseconds and well under 100 MB.
 */
import {
	AU_LOCALITIES,
	FIRST_NAMES,
	LAST_NAMES,
	NZ_LOCALITIES,
	STREETS,
} from '../cartoncloud/seed-data.mts';
import { prng } from '../cartoncloud/util.mts';
import { packageTracking } from './lifecycle.mts';
import { carrierName, type StarshipitState } from './store.mts';
import {
	type Account,
	type Address,
	type Order,
	orderEvent,
	type OrderStatus,
	type StoredOrder,
	type TrackingEvent,
	type TrackingStatus,
} from './types.mts';

const DAY = 86_400_000;
const HOUR = 3_600_000;

export interface HistoryOptions {
	/** How many orders (default 20,000). */
	orders?: number;
	/** Over how many days back from now (default 60). */
	days?: number;
	/** Which account (default: the first, parent account). */
	apiKey?: string;
	/** PRNG seed (default 22): the same seed and clock give the same history. */
	seed?: number;
}

export interface HistorySummary {
	apiKey: string;
	created: number;
	/** Orders per tab: unshipped, printed, shipped (shipped or delivered), archived. */
	tabs: { unshipped: number; printed: number; shipped: number; archived: number };
	/** Order numbers run `${prefix}-00001` upwards per prefix, oldest first. */
	prefixes: string[];
	oldestOrderDate: string;
	newestOrderDate: string;
	milliseconds: number;
}

export interface PlantOptions {
	order_number: string;
	/** When the order was created; its last update is the same moment unless `last_updated` is given. */
	order_date: string;
	status?: OrderStatus;
	last_updated?: string;
	reference?: string;
	archived?: boolean;
	apiKey?: string;
}

/** Carrier, service and the share of shipments it takes. */
const CARRIERS: Array<{ carrier: string; service: string; share: number }> = [
	{ carrier: 'AusPost', service: '7D55', share: 0.45 },
	{ carrier: 'StarTrack', service: 'EXP', share: 0.2 },
	{ carrier: 'CouriersPlease', service: 'CPL', share: 0.15 },
	{ carrier: 'TNT', service: '76', share: 0.1 },
	{ carrier: 'NZPost', service: 'CPOLP', share: 0.1 },
];

/** Order-number prefixes and their share: the tenant's customers (as CartonCloud references) and a web shop. */
/** (As the order push sends them: the sale order's customer reference as order number, the customer's name as reference.) */
const PREFIXES: Array<{ prefix: string; share: number; nz: boolean; reference: string }> = [
	{ prefix: 'KOA', share: 0.4, nz: false, reference: 'Koala Outdoor Co' },
	{ prefix: 'KIW', share: 0.25, nz: true, reference: 'Kiwi Kitchenware' },
	{ prefix: 'BON', share: 0.25, nz: false, reference: 'Bondi Beauty' },
	{ prefix: 'WEB', share: 0.1, nz: false, reference: 'Web shop' },
];

const SKUS = [
	{ sku: 'KOA-TENT-2P', description: 'Bush Hiker 2-Person Tent', weight: 2.4, value: 289 },
	{ sku: 'KOA-HEAD-300', description: 'Glowworm 300lm Head Torch', weight: 0.09, value: 39 },
	{ sku: 'KIW-POT-24', description: 'Kauri Cast Iron Pot 24cm', weight: 4.2, value: 189 },
	{ sku: 'KIW-KNIFE-CH', description: "Chef's Knife 20cm (carton of 12)", weight: 3, value: 119 },
	{ sku: 'BON-SPF50-200', description: 'Bondi Daily SPF50+ 200ml', weight: 0.24, value: 29.95 },
	{ sku: 'BON-GIFT-BOX', description: 'Summer Gift Box', weight: 0.85, value: 99 },
];

const SENDER: Address = {
	name: 'Sandbox 3PL Brisbane DC',
	company: 'Sandbox 3PL',
	street: '120 Lavarack Ave',
	suburb: 'Eagle Farm',
	city: 'Brisbane',
	state: 'QLD',
	post_code: '4009',
	country: 'Australia',
};

function pickShare<T extends { share: number }>(list: T[], r: number): T {
	let acc = 0;
	for (const entry of list) if (r < (acc += entry.share)) return entry;
	return list[list.length - 1];
}

/**
 * The tab an order of this age lands in. Last day: mostly unshipped or printed; a day or two: mostly
 * shipped; older: shipped or delivered, a few stale unshipped or printed, a few archived.
 */
function fateOf(ageMs: number, r: number): { status: OrderStatus; archived: boolean } {
	if (ageMs < DAY)
		return { status: r < 0.55 ? 'Unshipped' : r < 0.85 ? 'Printed' : 'Shipped', archived: false };
	if (ageMs < 3 * DAY)
		return {
			status: r < 0.04 ? 'Unshipped' : r < 0.15 ? 'Printed' : r < 0.7 ? 'Shipped' : 'Delivered',
			archived: false,
		};
	if (r < 0.008) return { status: 'Unshipped', archived: false };
	if (r < 0.015) return { status: 'Printed', archived: false };
	if (r < 0.03) return { status: 'Delivered', archived: true };
	return { status: r < 0.12 ? 'Shipped' : 'Delivered', archived: false };
}

export function seedHistory(state: StarshipitState, options: HistoryOptions = {}): HistorySummary {
	const started = performance.now();
	const total = options.orders ?? 20_000;
	const days = options.days ?? 60;
	const account = state.accountByKey(options.apiKey);
	const rand = prng(options.seed ?? 22);
	const pick = <T,>(list: readonly T[]): T => list[Math.floor(rand() * list.length)];
	const now = state.clock().getTime();
	const span = days * DAY;
	// Oldest first, so order ids and numbers grow with the order date, as in a real account.
	const dates = Array.from({ length: total }, () => now - rand() * span).sort((a, b) => a - b);
	const counters = new Map<string, number>();
	const tabs = { unshipped: 0, printed: 0, shipped: 0, archived: 0 };
	const manifests = new Map<string, number>();
	for (const ordered of dates) {
		const { prefix, nz, reference } = pickShare(PREFIXES, rand());
		const n = (counters.get(prefix) ?? 0) + 1;
		counters.set(prefix, n);
		const orderNumber =
			prefix === 'WEB' ? `#${1000 + n}` : `${prefix}-${String(n).padStart(5, '0')}`;
		const loc = pick(nz ? NZ_LOCALITIES : AU_LOCALITIES);
		const name = `${pick(FIRST_NAMES)} ${pick(LAST_NAMES)}`;
		const destination: Address = {
			name,
			street: `${1 + Math.floor(rand() * 240)} ${pick(STREETS)}`,
			suburb: loc.suburb,
			city: loc.city,
			state: loc.state.code,
			post_code: loc.postcode,
			country: nz ? 'New Zealand' : 'Australia',
			email: `${name.toLowerCase().replace(/[^a-z]+/g, '.')}@example.com`,
		};
		const lines = 1 + Math.floor(rand() * 3);
		const items = Array.from({ length: lines }, () => {
			const s = pick(SKUS);
			const quantity = rand() < 0.75 ? 1 : 2 + Math.floor(rand() * 3);
			return {
				item_id: state.nextId('item'),
				description: s.description,
				sku: s.sku,
				tariff_code: '',
				country_of_origin: 'Australia',
				quantity,
				quantity_to_ship: quantity,
				quantity_shipped: 0,
				weight: s.weight,
				value: s.value,
				height: 0,
				width: 0,
				length: 0,
			};
		});
		const weight =
			Math.round(items.reduce((sum, i) => sum + i.weight * i.quantity, 0) * 1000) / 1000;
		const { carrier, service } = pickShare(CARRIERS, rand());
		const fate = fateOf(now - ordered, rand());
		const stored = newStored(state, {
			orderNumber,
			reference,
			ordered,
			destination,
			items,
			weight,
			carrier,
			service,
			status: fate.status,
			archived: fate.archived,
			now,
			rand,
		});
		if (stored.order.manifested) {
			// One manifest per carrier per day.
			const key = `${carrier}-${new Date(Date.parse(stored.order.shipped_date!)).toISOString().slice(0, 10)}`;
			if (!manifests.has(key)) manifests.set(key, state.nextId('manifest'));
			stored.order.manifest_number = manifests.get(key)!;
		}
		account.orders.set(stored.order.order_id, stored);
		if (fate.archived) tabs.archived++;
		else
			tabs[
				fate.status === 'Unshipped'
					? 'unshipped'
					: fate.status === 'Printed'
						? 'printed'
						: 'shipped'
			]++;
	}
	return {
		apiKey: account.apiKey,
		created: total,
		tabs,
		prefixes: [...counters.keys()],
		oldestOrderDate: new Date(dates[0] ?? now).toISOString(),
		newestOrderDate: new Date(dates[dates.length - 1] ?? now).toISOString(),
		milliseconds: Math.round(performance.now() - started),
	};
}

/** One order of a chosen age and status, e.g. created 200 days ago and still unshipped. */
export function plantOrder(state: StarshipitState, options: PlantOptions): Order {
	const account: Account = state.accountByKey(options.apiKey);
	const ordered = Date.parse(options.order_date);
	if (Number.isNaN(ordered)) throw new Error(`order_date '${options.order_date}' is not a date`);
	const rand = prng(ordered % 2_147_483_647);
	const s = SKUS[0];
	const items = [
		{
			item_id: state.nextId('item'),
			description: s.description,
			sku: s.sku,
			tariff_code: '',
			country_of_origin: 'Australia',
			quantity: 1,
			quantity_to_ship: 1,
			quantity_shipped: 0,
			weight: s.weight,
			value: s.value,
			height: 0,
			width: 0,
			length: 0,
		},
	];
	const loc = AU_LOCALITIES[0];
	const stored = newStored(state, {
		orderNumber: options.order_number,
		reference: options.reference ?? options.order_number,
		ordered,
		destination: {
			name: 'Planted Customer',
			street: '1 George St',
			suburb: loc.suburb,
			city: loc.city,
			state: loc.state.code,
			post_code: loc.postcode,
			country: 'Australia',
		},
		items,
		weight: s.weight,
		carrier: 'AusPost',
		service: '7D55',
		status: options.status ?? 'Unshipped',
		archived: options.archived ?? false,
		now: state.clock().getTime(),
		rand,
	});
	if (options.last_updated)
		stored.order.last_updated = new Date(options.last_updated).toISOString();
	account.orders.set(stored.order.order_id, stored);
	return stored.order;
}

interface Draft {
	orderNumber: string;
	reference: string;
	ordered: number;
	destination: Address;
	items: Order['items'];
	weight: number;
	carrier: string;
	service: string;
	status: OrderStatus;
	archived: boolean;
	now: number;
	rand: () => number;
}

/** A stored order as the API would hold it after the life its status implies. */
function newStored(state: StarshipitState, d: Draft): StoredOrder {
	const iso = (ms: number) => new Date(ms).toISOString();
	const created = iso(d.ordered);
	const printed = d.status !== 'Unshipped';
	const shipped = d.status === 'Shipped' || d.status === 'Delivered';
	// Printed within a day, shipped (manifested, handed over) within hours of printing, delivered 1 to 5 days later.
	const printedAt = Math.min(d.ordered + (0.5 + d.rand() * 20) * HOUR, d.now - 60_000);
	const shippedAt = Math.min(printedAt + (1 + d.rand() * 8) * HOUR, d.now - 30_000);
	const deliveredAt = Math.min(shippedAt + (1 + d.rand() * 4) * DAY, d.now - 10_000);
	const trackingNumbers = printed
		? [
				`${d.carrier
					.replace(/[^A-Za-z]/g, '')
					.slice(0, 2)
					.toUpperCase()}${String(3000000000 + state.nextId('tracking'))}`,
			]
		: [];
	const events: Order['events'] = [orderEvent(created, 'Created', 'Order created via API')];
	const tracking: TrackingEvent[] = [];
	let trackingStatus: TrackingStatus | null = null;
	let lastUpdated = d.ordered;
	const track = (at: number, status: TrackingStatus, human: string) => {
		tracking.push({ event_datetime: iso(at), status: human, details: human });
		trackingStatus = status;
		lastUpdated = at;
	};
	if (printed) {
		events.push(
			orderEvent(iso(printedAt), 'Printed', `Label printed with ${carrierName(d.carrier)}`),
		);
		track(printedAt, 'Printed', 'Label Printed');
	}
	if (shipped) {
		events.push(orderEvent(iso(shippedAt), 'Manifested', 'Added to manifest'));
		track(shippedAt, 'Manifested', 'Manifested');
		track(
			shippedAt + 2 * HOUR > d.now ? shippedAt : shippedAt + 2 * HOUR,
			'InTransit',
			'In Transit',
		);
		if (d.status === 'Delivered') track(deliveredAt, 'Delivered', 'Delivered');
	}
	if (d.archived) {
		const at = Math.min(lastUpdated + DAY, d.now);
		events.push(orderEvent(iso(at), 'Archived', 'Order archived'));
		lastUpdated = at;
	}
	const order: Order = {
		order_id: state.nextId('order'),
		order_number: d.orderNumber,
		reference: d.reference,
		order_date: created,
		shipping_method: 'Standard',
		shipping_description: 'Standard Shipping',
		signature_required: false,
		return_order: false,
		dangerous_goods: false,
		currency: d.destination.country === 'New Zealand' ? 'NZD' : 'AUD',
		declared_value: 0,
		carrier: printed ? d.carrier : '',
		carrier_name: printed ? carrierName(d.carrier) : '',
		carrier_service_code: printed ? d.service : '',
		sender_details: { ...SENDER },
		destination: d.destination,
		items: shipped ? d.items.map((i) => ({ ...i, quantity_shipped: i.quantity })) : d.items,
		packages: [
			{
				package_id: state.nextId('pkg'),
				name: 'Default',
				packaging_type: 'Carton',
				weight: d.weight,
				height: 0,
				width: 0,
				length: 0,
				...(printed ? packageTracking(trackingNumbers[0], d.service, iso(printedAt)) : {}),
			},
		],
		metadatas: [],
		status: d.status,
		archived: d.archived,
		manifested: shipped,
		manifest_number: null,
		tracking_number: trackingNumbers[0] ?? '',
		tracking_status: trackingStatus,
		shipped_date: shipped ? iso(shippedAt) : null,
		address_validation: 'Valid',
		type: 'Outgoing',
		platform: 'API',
		last_updated: iso(lastUpdated),
		events,
	};
	// `createdAt` drives total_shipping_price settling: a history order's price settled long ago.
	return { order, createdAt: d.ordered, trackingNumbers, labels: [], trackingEvents: tracking };
}
