/**
 * What happens to an order after it is created: label printing (tracking numbers + PDFs),
 * tracking-status changes (with webhooks), and manifesting. Shared by the API routes and the
 * control API ("a person clicked Print in the Starshipit UI").
 */
import { A4_SIZE, LABEL_SIZE, buildPdf } from './pdf.mts';
import { carrierName, type StarshipitState } from './store.mts';
import {
	type Account,
	type ApiError,
	orderEvent,
	type Package,
	type StoredOrder,
	type TrackingStatus,
} from './types.mts';
import { TRACKING_STATUSES } from './types.mts';

/** `tracking_events[].status` is human text, not the enum (D-TR example, pitfall 14). */
const HUMAN_STATUS: Record<TrackingStatus, string> = {
	Printed: 'Label Printed',
	Manifested: 'Manifested',
	Dispatched: 'Dispatched',
	InTransit: 'In Transit',
	OutForDelivery: 'Out For Delivery',
	Delivered: 'Delivered',
	PickupInStore: 'Awaiting Pickup In Store',
	AttemptedDelivery: 'Attempted Delivery',
	Exception: 'Exception',
	AwaitingCollection: 'Awaiting Collection',
	Cancelled: 'Cancelled',
};

/**
 * Switches for label behaviour the public sources leave open. They ride on the state's config
 * (so `reset()` restores the defaults) without widening the shared SandboxConfig type.
 */
export interface PrintRules {
	/**
	 * UNCONFIRMED: what a second print (without `reprint`) of an order that has labels does.
	 * Nothing documents a refusal, so by default the sandbox ACCEPTS it and buys new labels (new
	 * tracking numbers, a second carrier charge: the harder world for the client). `true` refuses.
	 */
	refuseSecondPrint?: boolean;
	/**
	 * Bulk-print entries as `{labelType, labelBase64String}` (MindCloud's spelling) instead of
	 * `{label_type, label_base64_string}` (rknell/starshipit_dart).
	 */
	bulkLabelsCamelCase?: boolean;
}

export function printRules(state: StarshipitState): PrintRules {
	return state.config as PrintRules;
}

/** Sets label switches for a focused test; `reset()` clears them. */
export function configurePrinting(state: StarshipitState, rules: PrintRules): void {
	Object.assign(state.config, rules);
}

/** How many times labels were bought for this order (each print is a carrier charge). */
export function labelsBought(stored: StoredOrder): number {
	return stored.order.events.filter((e) => e.name === 'Printed').length;
}

export interface PrintOptions {
	carrier?: string;
	carrier_service_code?: string;
	packages?: Package[];
}

export function isPrinted(stored: StoredOrder): boolean {
	return stored.trackingNumbers.length > 0;
}

/** Prints labels: one tracking number and one label PDF per package; status -> Printed. */
export function printOrder(
	state: StarshipitState,
	stored: StoredOrder,
	options: PrintOptions = {},
): void {
	const { order } = stored;
	const label = `order ${order.order_number}`;
	if (order.archived)
		state.fail(400, [
			{ message: 'Order is archived', details: `Restore ${label} before printing` },
		]);
	// UNCONFIRMED: printing twice without `reprint` is undocumented (nothing public shows a refusal).
	// Hard choice: accepted, new labels and tracking numbers, a second charge; the client must look
	// before it prints. The `refuseSecondPrint` switch answers an error instead.
	if (isPrinted(stored) && printRules(state).refuseSecondPrint) {
		state.fail(400, [
			{
				message: 'Order already printed',
				details: `The label for ${label} was already printed; send reprint: true to get it again`,
			},
		]);
	}
	if (options.carrier) {
		order.carrier = options.carrier;
		order.carrier_name = carrierName(options.carrier);
	}
	if (options.carrier_service_code) order.carrier_service_code = options.carrier_service_code;
	// No carrier rule matched at import (pitfall 6) -> the sandbox falls back to Plain Label, the
	// carrier DART2 tests use because it costs nothing.
	if (!order.carrier) {
		order.carrier = 'PlainLabel';
		order.carrier_name = 'Plain Label';
	}
	// UNCONFIRMED: Plain Label's service code; "PLAIN" is the sandbox's placeholder.
	if (!order.carrier_service_code)
		order.carrier_service_code = order.carrier === 'PlainLabel' ? 'PLAIN' : 'STANDARD';
	if (options.packages?.length) order.packages = options.packages;

	stored.trackingNumbers = order.packages.map(() => trackingNumber(state, order.carrier));
	const printedAt = state.nowIso();
	order.packages.forEach((p, i) =>
		Object.assign(
			p,
			packageTracking(stored.trackingNumbers[i], order.carrier_service_code, printedAt),
		),
	);
	stored.labels = order.packages.map((_, i) => labelPdf(stored, i).toString('base64'));
	order.status = 'Printed';
	order.tracking_number = stored.trackingNumbers[0];
	order.events.push(
		orderEvent(state.nowIso(), 'Printed', `Label printed with ${order.carrier_name}`),
	);
	setTracking(state, stored, 'Printed', `Label created for ${order.packages.length} package(s)`);
}

/** What a printed package carries about its label. */
export function packageTracking(
	tracking: string,
	serviceCode: string,
	printedAt: string,
): Pick<
	Package,
	'tracking_number' | 'tracking_url' | 'label_created_date' | 'carrier_service_code'
> {
	return {
		tracking_number: tracking,
		tracking_url: trackingUrl(tracking),
		label_created_date: printedAt,
		carrier_service_code: serviceCode,
	};
}

/** A sandbox URL that can never resolve to a real carrier page. */
export function trackingUrl(tracking: string): string {
	return `https://track.sandbox.starshipit.invalid/${encodeURIComponent(tracking)}`;
}

/** Carrier-like numbers: "SS" + 10 digits for Plain Label, else two letters from the carrier code. */
function trackingNumber(state: StarshipitState, carrier: string): string {
	const prefix =
		carrier === 'PlainLabel'
			? 'SS'
			: (carrier.replace(/[^A-Za-z]/g, '') + 'XX').slice(0, 2).toUpperCase();
	return `${prefix}${String(3000000000 + state.nextId('tracking'))}`;
}

/** The label page for one package; also drawn into bulk-print PDFs. */
export function labelPage(stored: StoredOrder, index: number) {
	const { order } = stored;
	const d = order.destination;
	const tracking = stored.trackingNumbers[index];
	return {
		...LABEL_SIZE,
		lines: [
			order.carrier_name,
			`Service: ${order.carrier_service_code}`,
			`Order: ${order.order_number}`,
			`Tracking: ${tracking}`,
			`Package ${index + 1} of ${order.packages.length}  ${order.packages[index].weight} kg`,
			'',
			'SHIP TO:',
			d.name ?? '',
			d.street ?? '',
			`${d.suburb ?? ''} ${d.state ?? ''} ${d.post_code ?? ''}`.trim(),
			d.country ?? '',
			'',
			'SANDBOX LABEL - NOT FOR SHIPPING',
		],
		barcode: tracking,
	};
}

function labelPdf(stored: StoredOrder, index: number): Buffer {
	return buildPdf([labelPage(stored, index)]);
}

/** Draws the labels of an order printed without them (a history order, see history.mts). */
export function ensureLabels(stored: StoredOrder): void {
	if (stored.labels.length >= stored.trackingNumbers.length) return;
	stored.labels = stored.trackingNumbers.map((_, i) => labelPdf(stored, i).toString('base64'));
}

/**
 * Changes the tracking status, records a tracking event and sends the §8 webhook.
 * Order status follows: Dispatched and later -> Shipped, Delivered -> Delivered.
 */
export function setTracking(
	state: StarshipitState,
	stored: StoredOrder,
	status: TrackingStatus,
	details?: string,
): void {
	const { order } = stored;
	const now = state.nowIso();
	order.tracking_status = status;
	order.last_updated = now;
	if (status !== 'Printed' && status !== 'Manifested' && status !== 'Cancelled') {
		order.status = status === 'Delivered' ? 'Delivered' : 'Shipped';
		order.shipped_date ??= now;
		for (const item of order.items) item.quantity_shipped = item.quantity;
	}
	stored.trackingEvents.push({
		event_datetime: now,
		status: HUMAN_STATUS[status],
		details: details ?? HUMAN_STATUS[status],
	});
	const { webhookUrl, webhookSecret } = state.config;
	if (!webhookUrl) return;
	// UNCONFIRMED: one webhook per order (first tracking number), not one per package.
	// Keys and their order as in a saved delivery (GorgonFreeman/bedrock
	// starshipitWebhookTrackingEventHandle.js "Event sample"): the docs' seven plus order_reference.
	state.webhooks.send(webhookUrl, webhookSecret, {
		order_number: order.order_number,
		order_reference: order.reference,
		carrier_name: order.carrier_name,
		carrier_service: order.carrier_service_code,
		shipment_date: stored.trackingEvents[0]?.event_datetime ?? now,
		tracking_number: order.tracking_number,
		tracking_status: status,
		last_updated_date: now,
	});
}

/** Control-API "the carrier scanned the parcel": only for printed orders, only enum values after Printed. */
export function advanceOrder(state: StarshipitState, stored: StoredOrder, status: string): void {
	if (!TRACKING_STATUSES.includes(status as TrackingStatus) || status === 'Printed') {
		state.fail(400, [
			{
				message: 'Invalid tracking_status',
				details: `tracking_status must be one of ${TRACKING_STATUSES.slice(1).join(', ')}`,
			},
		]);
	}
	if (!isPrinted(stored)) {
		state.fail(400, [
			{
				message: 'Order not printed',
				details: `Order ${stored.order.order_number} has no label yet`,
			},
		]);
	}
	setTracking(state, stored, status as TrackingStatus);
}

/**
 * Manifests printed, unmanifested orders. UNCONFIRMED: partial manifests are undocumented. Strict
 * choice: all-or-nothing; if any order is not eligible, nothing is manifested and every bad order
 * is named in `errors`.
 *
 * The reply is `{label_type, pdf, success, errors}` (rknell/starshipit_dart
 * lib/src/models/manifest_orders_response.dart, json_serializable with field_rename: snake): no
 * manifest number (the Odoo connector reads `manifest_number` from the order afterwards). Some
 * carriers send no PDF (the Odoo connector: "Starshipit API doesn't return a PDF for TNT service"):
 * when every order's carrier is one of `manifestCarriersWithoutPdf`, the reply has neither `pdf`
 * nor `label_type` (UNCONFIRMED: absent rather than null or ""), and is still a success.
 */
export function manifestOrders(
	state: StarshipitState,
	account: Account,
	ids: unknown,
): { label_type?: string; pdf?: string } {
	if (!Array.isArray(ids) || ids.length === 0)
		state.fail(400, [
			{ message: 'Invalid request', details: 'order_ids must be a non-empty array of integers' },
		]);
	const errors: ApiError[] = [];
	const orders: StoredOrder[] = [];
	for (const id of ids) {
		const stored = state.findById(account, id);
		const problem = !stored
			? `order_id ${String(id)} not found`
			: !isPrinted(stored)
				? `order ${stored.order.order_number} (order_id ${id}) is not printed`
				: stored.order.manifested
					? `order ${stored.order.order_number} (order_id ${id}) is already in manifest ${stored.order.manifest_number}`
					: stored.order.archived
						? `order ${stored.order.order_number} (order_id ${id}) is archived`
						: undefined;
		if (problem) errors.push({ message: 'Order cannot be manifested', details: problem });
		else if (stored && !orders.includes(stored)) orders.push(stored);
	}
	if (errors.length) state.fail(400, errors);
	const manifestNumber = state.nextId('manifest');
	const now = state.nowIso();
	for (const stored of orders) {
		const { order } = stored;
		order.manifested = true;
		order.manifest_number = manifestNumber;
		// UNCONFIRMED: manifested orders move to the Shipped tab in the UI (Zapier's "New Shipped Order"
		// fires "when an order is shipped or manifested"); the carrier has it now, so the tracking
		// status becomes Manifested, with its webhook (bedrock's receiver acts on Manifested).
		if (order.status === 'Printed') order.status = 'Shipped';
		order.shipped_date ??= now;
		order.last_updated = now;
		order.events.push(orderEvent(now, 'Manifested', `Added to manifest ${manifestNumber}`));
		if (order.tracking_status === 'Printed' || order.tracking_status === null)
			setTracking(state, stored, 'Manifested', `Manifest ${manifestNumber}`);
	}
	const withoutPdf = new Set(state.config.manifestCarriersWithoutPdf);
	const onPaper = orders.filter(({ order }) => !withoutPdf.has(order.carrier));
	if (onPaper.length === 0) return {};
	const lines = [
		`Manifest ${manifestNumber}`,
		`${account.name} - ${now}`,
		`${onPaper.length} consignment(s)`,
		'',
	];
	for (const { order, trackingNumbers } of onPaper) {
		lines.push(
			`${order.order_number}  ${order.carrier_name}  ${trackingNumbers.join(', ')}  ${order.destination.name ?? ''}`,
		);
	}
	// UNCONFIRMED: `label_type` values; "PDF" as for labels.
	return {
		label_type: 'PDF',
		pdf: buildPdf([{ ...A4_SIZE, lines, barcode: `M${manifestNumber}` }]).toString('base64'),
	};
}
