/** Shapes of the simulated Starshipit data (reference §4.2–4.6, §6). */

/**
 * `tracking_status` values: the ten the webhook docs list (developers.starshipit.com/webhooks;
 * support.starshipit.com 360000376436 "Webhook notifications") plus Manifested, which
 * GorgonFreeman/bedrock's webhook receiver handles (starshipit/starshipitWebhookTrackingEventHandle.js:
 * `trackingStatus.toLowerCase() === 'manifested'`) and which the sandbox sends when an order is
 * manifested.
 */
export const TRACKING_STATUSES = [
	'Printed',
	'Manifested',
	'Dispatched',
	'InTransit',
	'OutForDelivery',
	'Delivered',
	'PickupInStore',
	'AttemptedDelivery',
	'Exception',
	'AwaitingCollection',
	'Cancelled',
] as const;
export type TrackingStatus = (typeof TRACKING_STATUSES)[number];

// UNCONFIRMED: DART1 lists Unshipped|Saved|Printed|Delivered and REAL shows "Unshipped"; "Shipped" is
// the sandbox's name for dispatched/manifested orders. Archiving does NOT change `status`: it sets
// `archived: true` (a separate field in REAL), so a restore brings the order back exactly as it was.
export const ORDER_STATUSES = ['Unshipped', 'Printed', 'Shipped', 'Delivered'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export interface Address {
	name?: string;
	email?: string;
	phone?: string;
	building?: string;
	company?: string;
	street?: string;
	suburb?: string;
	city?: string;
	state?: string;
	post_code?: string;
	country?: string;
	delivery_instructions?: string;
	tax_number?: string;
}

export interface Item {
	item_id: number;
	description: string;
	sku: string;
	tariff_code: string;
	country_of_origin: string;
	quantity: number;
	quantity_to_ship: number;
	quantity_shipped: number;
	weight: number;
	value: number;
	height: number;
	width: number;
	length: number;
}

export interface Package {
	package_id: number;
	name: string;
	packaging_type: string;
	weight: number;
	height: number;
	width: number;
	length: number;
	/**
	 * Once printed, each package carries its own tracking (rknell/starshipit_dart full_order_package.dart:
	 * tracking_number, tracking_url, label_created_date, carrier_service_code; GorgonFreeman/bedrock
	 * reads `packages[0].tracking_number` and `tracking_url` of manifested orders).
	 */
	tracking_number?: string;
	tracking_url?: string;
	label_created_date?: string;
	carrier_service_code?: string;
}

export interface Metadata {
	metafield_key: string;
	value: string;
	required: boolean;
}

/**
 * An entry of the order's own event history (not the carrier's tracking events): `{time, category,
 * name, method, description}` (rknell/starshipit_dart lib/src/models/event.dart, from the official
 * Full Order table). UNCONFIRMED: the values; the sandbox uses category "Order", the step as
 * `name` (Created, Printed, Manifested, Updated, Archived, Restored) and method "API".
 */
export interface OrderEvent {
	time: string;
	category: string;
	name: string;
	method: string;
	description: string;
}

export function orderEvent(time: string, name: string, description: string): OrderEvent {
	return { time, category: 'Order', name, method: 'API', description };
}

export interface TrackingEvent {
	event_datetime: string;
	/** Human text ("In Transit"), deliberately NOT the enum (pitfall 14). */
	status: string;
	details: string;
}

/** The full order object as stored; replies are deep copies with computed fields added. */
export interface Order {
	order_id: number;
	order_number: string;
	reference: string;
	order_date: string;
	shipping_method: string;
	shipping_description: string;
	signature_required: boolean;
	return_order: boolean;
	dangerous_goods: boolean;
	currency: string;
	declared_value: number;
	carrier: string;
	carrier_name: string;
	carrier_service_code: string;
	sender_details: Address;
	destination: Address;
	items: Item[];
	packages: Package[];
	metadatas: Metadata[];
	status: OrderStatus;
	archived: boolean;
	manifested: boolean;
	manifest_number: number | null;
	tracking_number: string;
	tracking_status: TrackingStatus | null;
	shipped_date: string | null;
	address_validation: 'NotChecked' | 'Valid' | 'Invalid';
	type: 'Outgoing' | 'Return';
	platform: string;
	last_updated: string;
	events: OrderEvent[];
}

/** Sandbox-only state kept next to each order. */
export interface StoredOrder {
	order: Order;
	createdAt: number;
	/** One tracking number + base64 label per package, parallel arrays; empty until printed. */
	trackingNumbers: string[];
	labels: string[];
	trackingEvents: TrackingEvent[];
}

export interface Account {
	apiKey: string;
	name: string;
	orders: Map<number, StoredOrder>;
	/** Order numbers deleted while `strictDuplicates` is on: they can't be imported again (§4.7, D-DEL). */
	blockedNumbers: Map<string, number>;
}

export interface SandboxConfig {
	ratePerSecond: number;
	burst: number;
	webhookUrl?: string;
	webhookSecret?: string;
	appErrorsAs200: boolean;
	/**
	 * Refuse a second order with a number the account already has (the gentler world). Default
	 * false: a duplicate is ACCEPTED, the harder world for a client. UNCONFIRMED either way.
	 */
	strictDuplicates: boolean;
	/**
	 * Carriers whose manifest comes back without a PDF. Default ['TNT']: the Odoo connector
	 * (zenphamgeek/odoo19-enterprise delivery_starshipit/models/delivery_carrier.py) says
	 * "Starshipit API doesn't return a PDF for TNT service" and reads `result.get('pdf')`.
	 */
	manifestCarriersWithoutPdf: string[];
}

/** An import answered with a timeout before it was applied; applied when `countdown` requests have passed. */
export interface LateImport {
	account: Account;
	orders: Record<string, unknown>[];
	countdown: number;
}

export interface ApiError {
	message: string;
	details: string;
}
