/**
 * Local Starshipit API simulator ("sandbox"), built on the shared SandboxServer core.
 *
 * It follows /work/shared/reference/starshipit-api.md: confirmed behaviour exactly; where the
 * reference says UNCONFIRMED the sandbox picks the STRICTER plausible behaviour and marks the
 * spot with an `// UNCONFIRMED:` comment, so a client that passes here is less likely to break
 * against the real service.
 */
import { HttpError, SandboxServer, type Handler } from '../core/server.mts';
import { createGate } from './gate.mts';
import {
	type HistoryOptions,
	type HistorySummary,
	plantOrder,
	type PlantOptions,
	seedHistory,
} from './history.mts';
import { advanceOrder, isPrinted, printOrder, setTracking } from './lifecycle.mts';
import { registerMiscRoutes } from './routes-misc.mts';
import { registerOrderRoutes } from './routes-orders.mts';
import { registerShippingRoutes } from './routes-shipping.mts';
import { StarshipitState } from './store.mts';
import type { Order, SandboxConfig } from './types.mts';
import type { WebhookDelivery } from './webhooks.mts';

export { signWebhook, type WebhookDelivery, type WebhookPayload } from './webhooks.mts';
export { INVALID_API_KEY, INVALID_SUBSCRIPTION_KEY, MISSING_SUBSCRIPTION_KEY } from './gate.mts';
export type { Order, SandboxConfig, TrackingStatus } from './types.mts';
export type { HistoryOptions, HistorySummary, PlantOptions } from './history.mts';

export interface StarshipitSandboxOptions {
	/** Each API key is one Starshipit account (parent or child) with its own order store. */
	accounts?: { apiKey: string; name: string }[];
	subscriptionKeys?: string[];
	/** Rate limit per subscription key, in calls per second (default 2, the developer tier). */
	ratePerSecond?: number;
	/** Calls allowed at once, i.e. per sliding window of `burst / ratePerSecond` seconds (default 2). */
	burst?: number;
	webhookUrl?: string;
	webhookSecret?: string;
	/** Application errors as HTTP 200 + success:false instead of 4xx (sources suggest both happen). */
	appErrorsAs200?: boolean;
	/** Refuse repeated order numbers (default: accept them, the harder world). */
	strictDuplicates?: boolean;
	/**
	 * A realistic account with months of history (issue 22): `true` for 20,000 orders over the last
	 * 60 days in the first account, or the numbers. Off by default (the default world is empty).
	 * Re-seeded by `reset()`.
	 */
	history?: boolean | HistoryOptions;
	/** Carriers whose manifest reply has no PDF (default ['TNT'], the Odoo connector's word). */
	manifestCarriersWithoutPdf?: string[];
	now?: () => Date;
}

export const DEFAULT_ACCOUNTS = [
	{ apiKey: 'sandbox-api-key', name: 'Sandbox Warehouse' },
	{ apiKey: 'sandbox-child-api-key', name: 'Sandbox Child' },
];
export const DEFAULT_SUBSCRIPTION_KEY = 'sandbox-subscription-key';

type Obj = Record<string, unknown>;

export class StarshipitSandbox {
	readonly server = new SandboxServer('starshipit');
	readonly state: StarshipitState;
	private readonly resetRateWindows: () => void;
	private readonly history: HistoryOptions | undefined;
	/** What the constructor's (or the last reset's) history seeding made. */
	historySummary: HistorySummary | undefined;

	constructor(options: StarshipitSandboxOptions = {}) {
		this.state = new StarshipitState(
			{
				ratePerSecond: options.ratePerSecond ?? 2,
				burst: options.burst ?? 2,
				webhookUrl: options.webhookUrl,
				webhookSecret: options.webhookSecret,
				appErrorsAs200: options.appErrorsAs200 ?? false,
				strictDuplicates: options.strictDuplicates ?? false,
				manifestCarriersWithoutPdf: options.manifestCarriersWithoutPdf ?? ['TNT'],
			},
			options.accounts ?? DEFAULT_ACCOUNTS,
			options.subscriptionKeys ?? [DEFAULT_SUBSCRIPTION_KEY],
			options.now ?? (() => new Date()),
		);
		const { gate, resetRateWindows } = createGate(this.state);
		this.resetRateWindows = resetRateWindows;
		this.server.gate(gate);
		registerOrderRoutes(this.server, this.state);
		registerShippingRoutes(this.server, this.state);
		registerMiscRoutes(this.server, this.state);
		this.registerControl();
		this.history = options.history === true ? {} : options.history || undefined;
		if (this.history) this.historySummary = this.seedHistory(this.history);
	}

	/** Fills an account with `orders` orders over the last `days` days (default 20,000 over 60); see history.mts. */
	seedHistory(options: HistoryOptions = {}): HistorySummary {
		return seedHistory(this.state, options);
	}

	/** One order of a chosen age and status (e.g. created 200 days ago, still unshipped); see history.mts. */
	plantOrder(options: PlantOptions): Order {
		return structuredClone(plantOrder(this.state, options));
	}

	get url(): string {
		return this.server.url;
	}

	/**
	 * Fault: the next `count` imports are answered 504 (as a gateway answers a client that timed out)
	 * without being applied, and applied just before the `afterRequests`-th API request that follows:
	 * the "late-applied import" a client cannot see when it looks right after the timeout.
	 */
	applyImportsLate(count = 1, afterRequests = 2): void {
		this.state.lateImportFault = { count, afterRequests };
	}

	/** Imports answered late and not applied yet. */
	get pendingLateImports(): number {
		return this.state.lateImports.length;
	}

	/** The credential's Rate Limit Tier that matches this sandbox's limit, as a user would pick it. */
	rateTier(): 'developer' | 'production' | 'unpaced' {
		const rate = this.state.config.ratePerSecond;
		return rate <= 2 ? 'developer' : rate <= 20 ? 'production' : 'unpaced';
	}

	listen(port = 0): Promise<string> {
		return this.server.listen(port);
	}

	async close(): Promise<void> {
		await this.flushWebhooks();
		await this.server.close();
	}

	/** Back to the state right after construction: orders, config, rate buckets, faults, log, webhooks. */
	reset(): void {
		this.state.reset();
		this.resetRateWindows();
		this.server.clearFaults();
		this.server.clearLog();
		if (this.history) this.historySummary = this.seedHistory(this.history);
	}

	configure(patch: Partial<SandboxConfig>): SandboxConfig {
		for (const key of ['ratePerSecond', 'burst'] as const) {
			const v = patch[key];
			if (v !== undefined && (typeof v !== 'number' || !(v > 0)))
				throw new HttpError(400, { message: `${key} must be a positive number` });
		}
		if (
			patch.manifestCarriersWithoutPdf !== undefined &&
			(!Array.isArray(patch.manifestCarriersWithoutPdf) ||
				patch.manifestCarriersWithoutPdf.some((c) => typeof c !== 'string'))
		) {
			throw new HttpError(400, {
				message: 'manifestCarriersWithoutPdf must be an array of carrier codes',
			});
		}
		const allowed = [
			'ratePerSecond',
			'burst',
			'webhookUrl',
			'webhookSecret',
			'appErrorsAs200',
			'strictDuplicates',
			'manifestCarriersWithoutPdf',
		] as const;
		for (const key of allowed)
			if (key in patch) (this.state.config as unknown as Obj)[key] = patch[key] ?? undefined;
		return { ...this.state.config };
	}

	/** Every account's orders (full objects) plus config and webhook deliveries. */
	snapshot(): Obj {
		return {
			config: { ...this.state.config },
			accounts: [...this.state.accounts.values()].map((a) => ({
				apiKey: a.apiKey,
				name: a.name,
				orders: [...a.orders.values()].map((s) => ({
					...this.state.full(s),
					tracking_numbers: [...s.trackingNumbers],
				})),
				blockedOrderNumbers: [...a.blockedNumbers.keys()],
			})),
			webhookDeliveries: this.webhookDeliveries,
		};
	}

	/** As if a person printed the label in Starshipit's UI. */
	printOrder(
		orderNumber: string,
		apiKey?: string,
	): { order_id: number; tracking_numbers: string[] } {
		const stored = this.state.require(this.state.accountByKey(apiKey), {
			order_number: orderNumber,
		});
		printOrder(this.state, stored);
		return { order_id: stored.order.order_id, tracking_numbers: [...stored.trackingNumbers] };
	}

	/** As if the carrier scanned the parcel: changes tracking_status and sends the webhook. */
	advanceOrder(orderNumber: string, trackingStatus: string, apiKey?: string): void {
		advanceOrder(
			this.state,
			this.state.require(this.state.accountByKey(apiKey), { order_number: orderNumber }),
			trackingStatus,
		);
	}

	/** Prints (if needed) and dispatches every unshipped or printed order of the account; returns the count. */
	shipAll(apiKey?: string): number {
		let count = 0;
		for (const stored of this.state.accountByKey(apiKey).orders.values()) {
			if (
				stored.order.archived ||
				(stored.order.status !== 'Unshipped' && stored.order.status !== 'Printed')
			)
				continue;
			if (!isPrinted(stored)) printOrder(this.state, stored);
			setTracking(this.state, stored, 'Dispatched');
			count++;
		}
		return count;
	}

	get webhookDeliveries(): WebhookDelivery[] {
		return this.state.webhooks.deliveries;
	}

	/** Awaits webhook deliveries still in flight, so tests can assert on them deterministically. */
	flushWebhooks(): Promise<void> {
		return this.state.webhooks.flush();
	}

	private registerControl(): void {
		/**
		 * Control routes answer real error statuses even when `appErrorsAs200` is on: they are for
		 * tests and demos, not part of the simulated API.
		 */
		const control = (method: string, path: string, handler: Handler) =>
			this.server.control(method, path, async (req) => {
				try {
					return await handler(req);
				} catch (error) {
					if (error instanceof HttpError && error.status === 200)
						throw new HttpError(400, error.body);
					throw error;
				}
			});
		const body = (raw: Buffer): Obj => {
			try {
				return raw.length ? (JSON.parse(raw.toString('utf8')) as Obj) : {};
			} catch {
				throw new HttpError(400, { message: 'control request body is not valid JSON' });
			}
		};
		const key = (b: Obj) => (typeof b.apiKey === 'string' ? b.apiKey : undefined);
		const orderNumber = (b: Obj): string => {
			if (typeof b.order_number !== 'string')
				throw new HttpError(400, { message: 'order_number is required' });
			return b.order_number;
		};

		control('GET', '/_sandbox/state', () => ({ status: 200, body: this.snapshot() }));
		control('POST', '/_sandbox/reset', () => {
			this.reset();
			return { status: 204 };
		});
		control('POST', '/_sandbox/config', (req) => ({
			status: 200,
			body: this.configure(body(req.rawBody) as Partial<SandboxConfig>),
		}));
		control('POST', '/_sandbox/orders/print', (req) => {
			const b = body(req.rawBody);
			return { status: 200, body: { success: true, ...this.printOrder(orderNumber(b), key(b)) } };
		});
		control('POST', '/_sandbox/orders/advance', (req) => {
			const b = body(req.rawBody);
			this.advanceOrder(orderNumber(b), String(b.tracking_status ?? ''), key(b));
			return { status: 200, body: { success: true } };
		});
		control('POST', '/_sandbox/orders/ship-all', (req) => ({
			status: 200,
			body: { success: true, count: this.shipAll(key(body(req.rawBody))) },
		}));
		control('POST', '/_sandbox/history', (req) => {
			const b = body(req.rawBody);
			for (const name of ['orders', 'days', 'seed'] as const) {
				if (b[name] !== undefined && (typeof b[name] !== 'number' || !((b[name] as number) >= 0)))
					throw new HttpError(400, { message: `${name} must be a number >= 0` });
			}
			return {
				status: 200,
				body: this.seedHistory({
					orders: b.orders as number | undefined,
					days: b.days as number | undefined,
					seed: b.seed as number | undefined,
					apiKey: key(b),
				}),
			};
		});
		control('POST', '/_sandbox/orders/plant', (req) => {
			const b = body(req.rawBody);
			if (typeof b.order_date !== 'string' || Number.isNaN(Date.parse(b.order_date)))
				throw new HttpError(400, { message: 'order_date must be a date-time' });
			const status = b.status === undefined ? undefined : String(b.status);
			if (
				status !== undefined &&
				!['Unshipped', 'Printed', 'Shipped', 'Delivered'].includes(status)
			)
				throw new HttpError(400, {
					message: 'status must be Unshipped, Printed, Shipped or Delivered',
				});
			const order = this.plantOrder({
				order_number: orderNumber(b),
				order_date: b.order_date,
				status: status as PlantOptions['status'],
				last_updated: typeof b.last_updated === 'string' ? b.last_updated : undefined,
				reference: typeof b.reference === 'string' ? b.reference : undefined,
				archived: b.archived === true,
				apiKey: key(b),
			});
			return { status: 200, body: { success: true, order } };
		});
	}
}

export function createStarshipitSandbox(options?: StarshipitSandboxOptions): StarshipitSandbox {
	return new StarshipitSandbox(options);
}
