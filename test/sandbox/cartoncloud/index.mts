/**
 * Local simulator of the CartonCloud v1 public API (see /work/shared/reference/cartoncloud-api.md),
 * built on the shared SandboxServer core. It follows every documented behaviour; where the docs
 * are silent it picks the stricter plausible behaviour and says so in an `UNCONFIRMED:` comment.
 *
 *   const sb = createCartonCloudSandbox();
 *   const url = await sb.listen();      // http://127.0.0.1:<port>
 *   ... POST {url}/uaa/oauth/token, then /tenants/{sb.tenantId}/... with Accept-Version: 1
 *   await sb.close();
 */
import { randomUUID } from 'node:crypto';
import { type SandboxRequest, SandboxServer } from '../core/server.mts';
import { type IssuedToken, registerAuth } from './auth.mts';
import { registerConsignments, renderConsignment } from './consignments.mts';
import { registerControl } from './control.mts';
import { registerCustomers } from './customers.mts';
import { registerDocuments } from './documents.mts';
import { applyStatus, consignmentForOrder, withoutPackedStatus } from './domain.mts';
import { registerOrders } from './orders.mts';
import { registerProducts } from './products.mts';
import type { SearchRules, SearchViolation } from './search.mts';
import { EXPECT_REFUSAL_HEADER, recordViolation } from './searchAudit.mts';
import type { PagingLimits } from './paging.mts';
import { buildWorld, plantSaleOrder, type PlantSaleOrderOptions } from './seed.mts';
import type { OutboundOrder, OutboundStatus, World } from './types.mts';
import { clone, fail } from './util.mts';
import { type WebhookDelivery, WebhookDispatcher } from './webhooks.mts';

export {
	BAD_ORDER_REFERENCES,
	OLDEST_PACKED,
	SEED_STATUS_COUNTS,
	type PlantSaleOrderOptions,
} from './seed.mts';
export type { Consignment, Customer, OutboundOrder, OutboundStatus } from './types.mts';
export type { WebhookDelivery } from './webhooks.mts';
export type { SearchViolation } from './search.mts';
export { EXPECT_REFUSAL_HEADER } from './searchAudit.mts';

export const DEFAULT_TENANT_ID = '6a1f0c52-3f7e-4b8a-9d2c-1e5b7a9c0d11';
export const DEFAULT_CLIENT = { clientId: 'sandbox-client', clientSecret: 'sandbox-secret' };

export interface CartonCloudSandboxOptions {
	tenantId?: string;
	clients?: { clientId: string; clientSecret: string }[];
	/** Default 3600, the documented `expires_in`. */
	tokenLifetimeSeconds?: number;
	/** Default 30: the documented Create Outbound Order limit, per client per minute. */
	createsPerMinute?: number;
	/** UNCONFIRMED: max page size; default 100 (clients use 50 and 100); larger sizes get 422. */
	maxPageSize?: number;
	/** UNCONFIRMED: default page size; default 20. */
	defaultPageSize?: number;
	webhookUrl?: string;
	webhookHeaders?: Record<string, string>;
	/** Default true (hard): 422 for a search field the docs do not list. false lets it through (audited as tolerated). */
	strictSearchFields?: boolean;
	/** Default false (hard): 422 for GREATER/LESS ranges on timestamp pointers. true accepts them. */
	timestampRanges?: boolean;
	/** Default true for the sandbox tenant (the demo pushes PACKED orders). false: CartonCloud's own default, no Packed status. */
	packedStatusEnabled?: boolean;
	/** Default true: webhooks also carry documents and consignments to the same URL, as CartonCloud's do. */
	webhookAllEntities?: boolean;
	/**
	 * Default 'map': warehouse products carry `unitOfMeasures` as the documented object keyed by
	 * the tenant's unit codes. 'list' (gentler, not documented) answers the sandbox's old list of
	 * `{type, quantity, weight}`.
	 */
	productUnitsShape?: 'map' | 'list';
	/** Default true: load the realistic seed (orders, consignments). false keeps customers and products only. */
	seed?: boolean;
	now?: () => Date;
}

export interface SandboxConfig {
	tokenLifetimeSeconds: number;
	createsPerMinute: number;
	webhookUrl?: string;
	webhookHeaders: Record<string, string>;
	strictSearchFields: boolean;
	timestampRanges: boolean;
	packedStatusEnabled: boolean;
	webhookAllEntities: boolean;
	productUnitsShape: 'map' | 'list';
}

export interface SandboxState {
	tenantId: string;
	customers: unknown[];
	outboundOrders: OutboundOrder[];
	/** Rendered consignments plus the internal `generatedFromTask` link (sandbox view only). */
	consignments: unknown[];
	documents: { id: string; type: string; ownerId: string; name: string }[];
}

export class CartonCloudSandbox {
	readonly server = new SandboxServer('cartoncloud');
	readonly tenantId: string;
	readonly clients: { clientId: string; clientSecret: string }[];
	/** A fixed id for the API user behind every client (userinfo). */
	readonly userId = '0b7e4c1a-5d2f-4e8b-a1c3-9f6d2e8b7a40';
	readonly config: SandboxConfig;
	readonly paging: PagingLimits;
	readonly tokens = new Map<string, IssuedToken>();
	readonly webhooks: WebhookDispatcher;
	readonly now: () => Date;
	world: World;
	private readonly createLog = new Map<string, number[]>();
	/** Searches the real API refuses or may refuse, as sent to this sandbox (see searchAudit.mts). */
	readonly searchViolations: SearchViolation[] = [];

	constructor(options: CartonCloudSandboxOptions = {}) {
		this.tenantId = options.tenantId ?? DEFAULT_TENANT_ID;
		this.clients = options.clients ?? [DEFAULT_CLIENT];
		this.now = options.now ?? (() => new Date());
		this.config = {
			tokenLifetimeSeconds: options.tokenLifetimeSeconds ?? 3600,
			createsPerMinute: options.createsPerMinute ?? 30,
			webhookUrl: options.webhookUrl,
			webhookHeaders: options.webhookHeaders ?? {},
			strictSearchFields: options.strictSearchFields ?? true,
			timestampRanges: options.timestampRanges ?? false,
			packedStatusEnabled: options.packedStatusEnabled ?? true,
			webhookAllEntities: options.webhookAllEntities ?? true,
			productUnitsShape: options.productUnitsShape ?? 'map',
		};
		this.paging = {
			defaultPageSize: options.defaultPageSize ?? 20,
			maxPageSize: options.maxPageSize ?? 100,
		};
		this.webhooks = new WebhookDispatcher(() => ({
			url: this.config.webhookUrl,
			headers: this.config.webhookHeaders,
		}));
		this.world = this.buildWorld(options.seed ?? true);
		registerAuth(this);
		registerOrders(this);
		registerDocuments(this);
		registerConsignments(this);
		registerCustomers(this);
		registerProducts(this);
		registerControl(this);
	}

	get url(): string {
		return this.server.url;
	}

	listen(port = 0): Promise<string> {
		return this.server.listen(port);
	}

	async close(): Promise<void> {
		await this.webhooks.flush();
		await this.server.close();
	}

	newId(): string {
		return randomUUID();
	}

	/** Sliding one-minute window per client; returns false when the create must be throttled. */
	takeCreateSlot(clientId: string): boolean {
		const now = this.now().getTime();
		const recent = (this.createLog.get(clientId) ?? []).filter((t) => t > now - 60_000);
		if (recent.length >= this.config.createsPerMinute) {
			this.createLog.set(clientId, recent);
			return false;
		}
		recent.push(now);
		this.createLog.set(clientId, recent);
		return true;
	}

	/** The search rules of one endpoint under the current switches; audits unless the request expects a refusal. */
	searchRules(
		req: SandboxRequest,
		endpoint: string,
		valueFields: Record<string, string>,
		pointers: readonly string[],
	): SearchRules {
		const deliberate = req.headers[EXPECT_REFUSAL_HEADER] !== undefined;
		return {
			endpoint,
			valueFields,
			pointers,
			strictFields: this.config.strictSearchFields,
			timestampRanges: this.config.timestampRanges,
			audit: deliberate
				? undefined
				: (violation) => recordViolation(this.searchViolations, violation),
		};
	}

	/**
	 * CartonCloud delivers "most entity changes" to the subscription URL (reference §5), not only
	 * sale orders: by default the linked consignment goes out too (before the order, so a
	 * receiver's last delivery is still the order), and new documents (documents.mts).
	 */
	emitOrderChange(order: OutboundOrder): void {
		const consignment = this.config.webhookAllEntities
			? consignmentForOrder(this.world, order.id)
			: undefined;
		if (consignment) this.webhooks.emit(renderConsignment(consignment));
		this.webhooks.emit(order);
	}

	/** Any other entity (a document), when webhooks carry every entity type. */
	emitEntity(entity: unknown): void {
		if (this.config.webhookAllEntities) this.webhooks.emit(entity);
	}

	// ---- in-process control API (mirrored under /_sandbox/) ----

	state(): SandboxState {
		return {
			tenantId: this.tenantId,
			customers: clone(this.world.customers).map((c) => ({
				...c,
				settings: this.world.settings.get(c.id),
			})),
			outboundOrders: clone([...this.world.orders.values()]),
			consignments: [...this.world.consignments.values()].map((c) => ({
				...renderConsignment(c),
				generatedFromTask: c.generatedFromTask ?? null,
			})),
			documents: [...this.world.documents.values()].map(({ id, type, ownerId, name }) => ({
				id,
				type,
				ownerId,
				name,
			})),
		};
	}

	/** Rebuilds the data (seeded unless `seed:false`), clears rate-limit windows, webhook records and faults; tokens stay valid. */
	reset(options: { seed?: boolean } = {}): void {
		this.world = this.buildWorld(options.seed ?? true);
		this.createLog.clear();
		this.webhooks.clear();
		this.searchViolations.length = 0;
		this.server.clearFaults();
	}

	private buildWorld(seed: boolean): World {
		const world = buildWorld({ tenantId: this.tenantId, now: this.now(), seed });
		if (!this.config.packedStatusEnabled) withoutPackedStatus(world);
		return world;
	}

	configure(patch: Partial<SandboxConfig>): SandboxConfig {
		Object.assign(this.config, patch);
		return clone(this.config);
	}

	/** Expires every token issued so far; the next API call with one answers 401. */
	expireTokens(): void {
		const now = this.now().getTime();
		for (const token of this.tokens.values()) token.expiresAt = Math.min(token.expiresAt, now);
	}

	/** Moves a sale order to `status` (see domain.applyStatus) and emits the webhook. */
	setOutboundOrderStatus(id: string, status: OutboundStatus): OutboundOrder {
		const order = this.world.orders.get(id) ?? fail(404, 'Sale Order not found');
		// Packed is a tenant setting, off by default in CartonCloud (help centre, sale-order statuses).
		if (status === 'PACKED' && !this.config.packedStatusEnabled)
			fail(422, 'The Packed status is not enabled for this tenant');
		if (applyStatus(this.world, order, status, this.now(), () => this.newId()))
			this.emitOrderChange(order);
		return clone(order);
	}

	/**
	 * Plants one sale order of a chosen age (default PACKED an hour ago, customer KOA), with its
	 * consignment where the customer generates one; no webhook. E.g. `{ createdDaysAgo: 200 }` for
	 * an order whose Starshipit copy never shipped (see `plantStaleOrder` in ../index.mts).
	 */
	plantSaleOrder(options: PlantSaleOrderOptions): OutboundOrder {
		return clone(plantSaleOrder(this.world, options, this.now(), () => this.newId()));
	}

	findOrderByReference(reference: string): OutboundOrder | undefined {
		const order = [...this.world.orders.values()].find((o) => o.references.customer === reference);
		return order && clone(order);
	}

	credentials(): { clientId: string; clientSecret: string; tenantId: string; baseUrl: string } {
		return { ...this.clients[0], tenantId: this.tenantId, baseUrl: this.url };
	}

	flushWebhooks(): Promise<WebhookDelivery[]> {
		return this.webhooks.flush();
	}

	get webhookDeliveries(): WebhookDelivery[] {
		return this.webhooks.deliveries;
	}
}

export function createCartonCloudSandbox(options?: CartonCloudSandboxOptions): CartonCloudSandbox {
	return new CartonCloudSandbox(options);
}
