/** Label printing, manifests and tracking (reference §5, §6). */
import type { SandboxServer } from '../core/server.mts';
import {
	ensureLabels,
	isPrinted,
	labelPage,
	manifestOrders,
	printOrder,
	printRules,
	trackingUrl,
} from './lifecycle.mts';
import { buildPdf } from './pdf.mts';
import type { StarshipitState } from './store.mts';
import type { ApiError, Package, StoredOrder } from './types.mts';
import { validatePackageList } from './validation.mts';

type Obj = Record<string, unknown>;

// UNCONFIRMED: `label_types` values; DART2 uses "PDF" as a placeholder, and labels are PDFs.
const LABEL_TYPE = 'PDF';

export function registerShippingRoutes(server: SandboxServer, state: StarshipitState): void {
	/** Reprint gives back the labels already made; it never creates new tracking numbers. */
	function requirePrinted(stored: StoredOrder): void {
		if (!isPrinted(stored)) {
			state.fail(400, [
				{
					message: 'Order not printed',
					details: `Order ${stored.order.order_number} has never been printed; send reprint: false to print it`,
				},
			]);
		}
	}

	server.route('POST', '/api/orders/shipment', (req) => {
		const account = state.account(req);
		const body = state.body(req);
		const stored = state.require(account, {
			order_id: body.order_id,
			order_number: body.order_number,
		});
		if (body.reprint === true) {
			requirePrinted(stored);
			ensureLabels(stored);
		} else {
			let packages: Package[] | undefined;
			if (body.packages !== undefined) {
				const problems = validatePackageList(body.packages, 'packages', true);
				if (problems.length) {
					state.fail(
						400,
						problems.map((p) => ({
							message: 'Validation failed',
							details: `${p} (order ${stored.order.order_number})`,
						})),
					);
				}
				packages = state.newPackages(body.packages as unknown[]);
			}
			printOrder(state, stored, {
				carrier: typeof body.carrier === 'string' ? body.carrier : undefined,
				carrier_service_code:
					typeof body.carrier_service_code === 'string' ? body.carrier_service_code : undefined,
				packages,
			});
		}
		const { order } = stored;
		return {
			status: 200,
			body: {
				success: true,
				order_id: order.order_id,
				order_number: order.order_number,
				carrier_name: order.carrier_name,
				tracking_numbers: [...stored.trackingNumbers],
				labels: [...stored.labels],
				label_types: stored.labels.map(() => LABEL_TYPE),
			},
		};
	});

	server.route('POST', '/api/orders/shipments', (req) => {
		const account = state.account(req);
		const { order_ids: ids, reprint } = state.body(req);
		if (!Array.isArray(ids) || ids.length === 0)
			state.fail(400, [
				{ message: 'Invalid request', details: 'order_ids must be a non-empty array of integers' },
			]);
		// Bulk replies carry `labels[]` of {label_type, label_base64_string} (rknell/starshipit_dart
		// print_labels_label.dart; camelCase in MindCloud's print-labels.md) with NO order id, and no
		// tracking numbers (pitfall 10). UNCONFIRMED: how files map to orders. Hard choice: one file
		// per order (a page per package), newest order first, not in the order the request named
		// them, so a client that assigns files by position gets them wrong.
		// Per-order failures follow the import rule: the rest are printed, success=false, HTTP 200.
		const printed: StoredOrder[] = [];
		const errors: ApiError[] = [];
		for (const id of ids) {
			const stored = state.findById(account, id);
			if (!stored) {
				errors.push({
					message: 'Order not found',
					details: `No order with order_id ${String(id)} in this account`,
				});
				continue;
			}
			try {
				if (reprint === true) requirePrinted(stored);
				else printOrder(state, stored);
			} catch (error) {
				const body = (error as { body?: { errors?: ApiError[] } }).body;
				if (!body?.errors) throw error;
				errors.push(...body.errors);
				continue;
			}
			if (!printed.includes(stored)) printed.push(stored);
		}
		const camel = printRules(state).bulkLabelsCamelCase === true;
		const labels: Obj[] = printed
			.sort((a, b) => b.order.order_id - a.order.order_id)
			.map((stored) => {
				const base64 = buildPdf(stored.order.packages.map((_, i) => labelPage(stored, i))).toString(
					'base64',
				);
				return camel
					? { labelType: LABEL_TYPE, labelBase64String: base64 }
					: { label_type: LABEL_TYPE, label_base64_string: base64 };
			});
		if (labels.length === 0) state.fail(400, errors);
		return {
			status: 200,
			body: { success: errors.length === 0, labels, ...(errors.length ? { errors } : {}) },
		};
	});

	server.route('POST', '/api/orders/manifest', (req) => {
		const { order_ids: ids } = state.body(req);
		// `{label_type, pdf, success, errors}` in that order (rknell/starshipit_dart manifest_orders_response.dart).
		return {
			status: 200,
			body: { ...manifestOrders(state, state.account(req), ids), success: true },
		};
	});

	server.route('GET', '/api/track', (req) => {
		const account = state.account(req);
		const trackingNumber = req.query.get('tracking_number')?.trim();
		const orderNumber = req.query.get('order_number')?.trim();
		if (!trackingNumber && !orderNumber)
			state.fail(400, [
				{ message: 'Invalid request', details: 'tracking_number or order_number is required' },
			]);
		const stored = trackingNumber
			? [...account.orders.values()].find((s) => s.trackingNumbers.includes(trackingNumber))
			: state.findByNumber(account, orderNumber!);
		const what = trackingNumber
			? `tracking_number '${trackingNumber}'`
			: `order_number '${orderNumber}'`;
		if (!stored) state.fail(404, [{ message: 'Not found', details: `No shipment with ${what}` }]);
		// UNCONFIRMED: tracking an order without a label. Strict choice: an error, not an empty result.
		if (!isPrinted(stored))
			state.fail(404, [
				{
					message: 'No tracking available',
					details: `Order ${stored.order.order_number} has not been printed yet`,
				},
			]);
		const { order } = stored;
		const tn = trackingNumber ?? order.tracking_number;
		return {
			status: 200,
			body: {
				success: true,
				results: {
					order_number: order.order_number,
					order_status: order.status,
					carrier_name: order.carrier_name,
					carrier_service: order.carrier_service_code,
					tracking_number: tn,
					shipment_date: stored.trackingEvents[0]?.event_datetime ?? null,
					tracking_status: order.tracking_status,
					last_updated_date: order.last_updated,
					tracking_url: trackingUrl(tn),
					tracking_events: stored.trackingEvents.map((e) => ({ ...e })),
				},
			},
		};
	});
}
