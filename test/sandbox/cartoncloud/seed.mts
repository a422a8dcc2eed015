/**
 * The deterministic seed: one Brisbane tenant and warehouse, three customers (two that generate
 * consignments when packed, one that does not), a product catalogue with units of measure, and 213
 * sale orders across every status over the last 30 days, plus their consignments.
 *
 * Times are relative to `now` truncated to the minute; everything else comes from a seeded PRNG,
 * so the same clock gives the same data on every run.
 */
import {
	consignmentFromOrder,
	customerRef,
	DISPATCHED_CONSIGNMENT_STATUS,
	productUnit,
	round,
	unitWeight,
} from './domain.mts';
import * as data from './seed-data.mts';
import type {
	Address,
	Customer,
	CustomerSettings,
	OrderItem,
	OutboundOrder,
	OutboundStatus,
	Product,
	World,
} from './types.mts';
import { formatTime, localDate, prng, uuidFrom } from './util.mts';

/** Orders per status for each customer (Koala also gets the three bad PACKED orders below). */
export const SEED_STATUS_COUNTS: Record<OutboundStatus, number> = {
	DRAFT: 3,
	AWAITING_STOCK: 4,
	AWAITING_PICK_AND_PACK: 10,
	PACKING_IN_PROGRESS: 4,
	PICKED: 4,
	PACKED: 12,
	DISPATCHED: 30,
	REJECTED: 3,
};

/**
 * Deliberately bad PACKED orders of Koala Outdoor Co (which allows invalid addresses), for the
 * package's error-handling demo. Each has a consignment like any other packed Koala order.
 */
export const BAD_ORDER_REFERENCES = {
	emptyAddress1: 'KOA-19001',
	longPostcode: 'KOA-19002',
	unknownCountry: 'KOA-19003',
} as const;

/** Hours before now at which orders in each status were created: [min, max]. */
const CREATED_HOURS_AGO: Record<OutboundStatus, [number, number]> = {
	DRAFT: [2, 240],
	AWAITING_STOCK: [24, 336],
	AWAITING_PICK_AND_PACK: [1, 48],
	PACKING_IN_PROGRESS: [3, 30],
	PICKED: [3, 36],
	PACKED: [12, 96],
	DISPATCHED: [72, 720],
	REJECTED: [24, 720],
};

/** Version = number of status changes an order in this status has been through. */
const VERSION: Record<OutboundStatus, number> = {
	DRAFT: 1,
	REJECTED: 1,
	AWAITING_STOCK: 1,
	AWAITING_PICK_AND_PACK: 2,
	PACKING_IN_PROGRESS: 3,
	PICKED: 4,
	PACKED: 5,
	DISPATCHED: 6,
};

const HOUR = 3_600_000;

/** Days before now at which each customer's first packed orders were created (awaiting stock since). */
const LATE_PACKED: Record<string, number[]> = { KOA: [12, 21, 45], KIW: [9, 26], BON: [14, 30] };

/** The customer and age of the oldest seeded PACKED sale order (awaiting stock until now). */
export const OLDEST_PACKED = { customer: 'KOA', createdDaysAgo: 45 } as const;

export interface WorldOptions {
	tenantId: string;
	now: Date;
	seed: boolean;
}

export function buildWorld({ tenantId, now, seed }: WorldOptions): World {
	const rand = prng(20240611);
	const id = () => uuidFrom(rand);
	const pick = <T,>(list: readonly T[]): T => list[Math.floor(rand() * list.length)];
	const between = (min: number, max: number) => min + rand() * (max - min);

	const warehouse = {
		id: id(),
		name: 'Brisbane DC',
		address: {
			companyName: 'Sandbox 3PL Brisbane DC',
			contactName: 'Dispatch Desk',
			address1: '120 Lavarack Ave',
			address2: null,
			suburb: 'Eagle Farm',
			city: 'Brisbane',
			postcode: '4009',
			phone: '07 3000 1234',
			email: 'dispatch@sandbox3pl.example',
			state: { code: 'QLD', name: 'Queensland' },
			country: { ...data.AUSTRALIA },
		},
	};
	const world: World = {
		tenant: {
			id: tenantId,
			name: 'Sandbox 3PL Pty Ltd',
			currency: 'AUD',
			deletableStatuses: ['DRAFT', 'AWAITING_STOCK', 'AWAITING_PICK_AND_PACK', 'REJECTED'],
		},
		warehouses: [warehouse],
		customers: [],
		settings: new Map<string, CustomerSettings>(),
		products: [],
		productsCreated: formatTime(
			new Date(Math.floor(now.getTime() / 1000) * 1000 - 400 * 86_400_000),
		),
		orders: new Map(),
		consignments: new Map(),
		documents: new Map(),
		nextNumericId: 100001,
	};

	for (const cs of data.CUSTOMER_SEEDS) {
		const customer: Customer = {
			id: id(),
			name: cs.name,
			enabled: true,
			references: { code: cs.code },
			scope: 'CUSTOMER',
			email: cs.email,
			telephone: cs.telephone,
			warehouses: [{ id: warehouse.id, name: warehouse.name }],
		};
		world.customers.push(customer);
		world.settings.set(customer.id, {
			autoGenerateConsignment: cs.autoGenerateConsignment,
			allowInvalidAddresses: cs.allowInvalidAddresses,
		});
		for (const p of cs.products) {
			const product: Product = {
				id: id(),
				customerId: customer.id,
				barcode: `93${String(Math.floor(rand() * 1e11)).padStart(11, '0')}`,
				...structuredClone(p),
				unitWeightKg: 0,
			};
			product.unitWeightKg = unitWeight(product, productUnit(product, p.saleUnit)) ?? 0;
			world.products.push(product);
		}
	}
	if (!seed) return world;

	const anchor = Math.floor(now.getTime() / 60_000) * 60_000;
	const at = (ms: number) => ({ time: formatTime(new Date(Math.floor(ms / 1000) * 1000)) });

	const address = (country: 'AU' | 'NZ'): Address => {
		const loc = pick(country === 'AU' ? data.AU_LOCALITIES : data.NZ_LOCALITIES);
		const first = pick(data.FIRST_NAMES);
		const last = pick(data.LAST_NAMES);
		const digits = (n: number) => Array.from({ length: n }, () => Math.floor(rand() * 10)).join('');
		return {
			companyName: rand() < 0.25 ? pick(data.COMPANIES) : null,
			contactName: `${first} ${last}`,
			address1: `${1 + Math.floor(rand() * 240)} ${pick(data.STREETS)}`,
			address2: rand() < 0.2 ? `Unit ${1 + Math.floor(rand() * 12)}` : null,
			suburb: loc.suburb,
			city: loc.city,
			postcode: loc.postcode,
			phone:
				country === 'AU'
					? `04${digits(2)} ${digits(3)} ${digits(3)}`
					: `021 ${digits(3)} ${digits(4)}`,
			email:
				`${first}.${last}`.toLowerCase().replace(/[^a-z.]/g, '') +
				(country === 'AU' ? '@example.com.au' : '@example.co.nz'),
			state: { ...loc.state },
			country: { ...(country === 'AU' ? data.AUSTRALIA : data.NEW_ZEALAND) },
		};
	};

	type Draft = { order: OutboundOrder; created: number; bad?: string };
	const drafts: Draft[] = [];
	world.customers.forEach((customer, ci) => {
		let packedSeen = 0;
		const cs = data.CUSTOMER_SEEDS[ci];
		const catalogue = world.products.filter((p) => p.customerId === customer.id);
		const plan: { status: OutboundStatus; bad?: keyof typeof BAD_ORDER_REFERENCES }[] = [];
		for (const [status, n] of Object.entries(SEED_STATUS_COUNTS)) {
			for (let i = 0; i < n; i++) plan.push({ status: status as OutboundStatus });
		}
		if (cs.code === 'KOA') {
			for (const bad of Object.keys(BAD_ORDER_REFERENCES))
				plan.push({ status: 'PACKED', bad: bad as keyof typeof BAD_ORDER_REFERENCES });
		}
		for (const { status, bad } of plan) {
			const [min, max] = CREATED_HOURS_AGO[status];
			const drawn = between(min, max);
			// Realistic ages (issue 22): each customer's first two packed orders waited weeks for stock
			// and were packed only now; Koala's third was created 45 days ago. (The drawn value places
			// them, so the PRNG sequence, and every other order, stays as it was.)
			const late = status === 'PACKED' && !bad ? LATE_PACKED[cs.code]?.[packedSeen++] : undefined;
			const created =
				late === undefined ? anchor - drawn * HOUR : anchor - (late * 24 + (drawn - min)) * HOUR;
			const order = buildOrder(
				status,
				created,
				customer,
				catalogue,
				cs.currency,
				address(cs.country),
			);
			if (late !== undefined) {
				// Awaiting stock until a few hours ago, then packed.
				const packed = at(anchor - (1 + (drawn - min) / 20) * HOUR);
				order.timestamps.packed = packed;
				order.timestamps.modified = packed;
				order.version += 1;
			}
			if (bad === 'emptyAddress1') order.details.deliver.address.address1 = '';
			if (bad === 'longPostcode') order.details.deliver.address.postcode = '4005-QLD-12345';
			if (bad === 'unknownCountry') order.details.deliver.address.country = { name: 'Atlantis' };
			drafts.push({ order, created, bad: bad && BAD_ORDER_REFERENCES[bad] });
		}
	});

	function buildOrder(
		status: OutboundStatus,
		created: number,
		customer: Customer,
		catalogue: Product[],
		currency: string,
		addr: Address,
	): OutboundOrder {
		// Fisher-Yates with the seeded PRNG (a random sort comparator would depend on the engine).
		const shuffled = [...catalogue];
		for (let i = shuffled.length - 1; i > 0; i--) {
			const j = Math.floor(rand() * (i + 1));
			[shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
		}
		const lines = shuffled.slice(0, 1 + Math.floor(rand() * Math.min(4, catalogue.length)));
		const items: OrderItem[] = lines.map((p) => {
			const quantity = rand() < 0.7 ? 1 : 2 + Math.floor(rand() * 3);
			return {
				id: id(),
				// Lines name the unit as the customer's integration spells it (case may differ from the product's key).
				details: {
					product: { id: p.id, references: { code: p.code }, name: p.name },
					unitOfMeasure: { type: p.saleUnit },
				},
				// The documented outbound item has no weight (issue 13, point 4): it is on the product.
				measures: { quantity },
				properties: {},
			};
		});
		const amount = round(
			items.reduce((s, it, i) => s + it.measures.quantity * lines[i].unitPrice, 0),
			2,
		);
		const timestamps: OutboundOrder['timestamps'] = { created: at(created) };
		let modified = created;
		if (status === 'PACKED' || status === 'DISPATCHED') {
			const packed = created + between(2, 10) * HOUR;
			timestamps.packed = at(packed);
			modified = packed;
			if (status === 'DISPATCHED') {
				modified = packed + between(2, 40) * HOUR;
				timestamps.dispatched = at(modified);
			}
		} else if (status === 'PACKING_IN_PROGRESS' || status === 'PICKED') {
			modified = created + between(1, 2.5) * HOUR;
		} else if (status === 'AWAITING_PICK_AND_PACK' || status === 'AWAITING_STOCK') {
			modified = created + between(0, 0.5) * HOUR;
		}
		timestamps.modified = at(modified);
		const errors =
			status === 'REJECTED'
				? [
						{
							message: `Insufficient stock for product ${lines[0].code}: requested ${items[0].measures.quantity + 500}, available 0`,
							isResolved: false,
						},
					]
				: undefined;
		return {
			id: id(),
			type: 'OUTBOUND',
			status,
			version: VERSION[status],
			references: { customer: '', numericId: '' },
			customer: customerRef(customer),
			warehouse: { id: warehouse.id, name: warehouse.name },
			details: {
				urgent: rand() < 0.1,
				instructions: rand() < 0.15 ? 'Gift wrap, no invoice in parcel' : null,
				collect: { requiredDate: localDate(new Date(created + 24 * HOUR)) },
				deliver: {
					address: addr,
					method: { type: 'SHIPPING', requestedService: rand() < 0.8 ? 'Standard' : 'Express' },
					instructions:
						rand() < 0.3
							? pick([
									'Leave at front door',
									'Authority to leave',
									'Call on arrival',
									'Deliver to reception',
								])
							: null,
					requiredDate: null,
				},
				invoiceValue: { amount, currency },
				allowSplitting: true,
				...(errors ? { errors } : {}),
			},
			properties: {},
			items,
			timestamps,
		};
	}

	// Numbers and references follow creation order, like a real tenant's history.
	drafts.sort((a, b) => a.created - b.created);
	const counters = new Map<string, number>();
	for (const d of drafts) {
		const code = d.order.customer.references.code;
		if (d.bad) {
			d.order.references.customer = d.bad;
		} else {
			const n = (counters.get(code) ?? 10000) + 1;
			counters.set(code, n);
			d.order.references.customer = `${code}-${n}`;
			d.order.properties = customFields(code, n);
		}
		d.order.references.numericId = String(world.nextNumericId++);
		world.orders.set(d.order.id, d.order);
		const auto = world.settings.get(d.order.customer.id)?.autoGenerateConsignment === 'WHEN_PACKED';
		if (auto && (d.order.status === 'PACKED' || d.order.status === 'DISPATCHED')) {
			const dispatched = d.order.status === 'DISPATCHED';
			const c = consignmentFromOrder(
				world,
				d.order,
				id(),
				dispatched ? DISPATCHED_CONSIGNMENT_STATUS : 'IN_WAREHOUSE',
			);
			if (dispatched) c.version = 2;
			world.consignments.set(c.id, c);
		}
	}
	return world;
}

/**
 * Sale-order custom fields (`properties`, keyed by each field's Mapped Field name, KB-cf's example
 * `"properties": {"ecommId": "…"}`): Kiwi Kitchenware's integration fills a "Customer PO" field,
 * mapped `customerPo`, on four orders in five; the other customers have no custom fields. Derived
 * from the order's number, not drawn, so every other seeded value stays as it was.
 */
export const CUSTOM_FIELD_CUSTOMER = 'KIW';
export function customFields(code: string, n: number): Record<string, unknown> {
	return code === CUSTOM_FIELD_CUSTOMER && n % 5 !== 0
		? { customerPo: `PO-${((n * 7919) % 900000) + 100000}` }
		: {};
}

export interface PlantSaleOrderOptions {
	/** Days before now the order was created (e.g. 200: an order that never shipped). */
	createdDaysAgo: number;
	/** Default PACKED, packed an hour ago. */
	status?: OutboundStatus;
	/** Customer code (default KOA). */
	customer?: string;
	/** Default `<code>-STALE-<n>`. */
	reference?: string;
}

/**
 * One sale order of a chosen age, planted into the world (with its consignment where the customer
 * generates one): e.g. created 200 days ago and PACKED now, whose Starshipit copy never shipped.
 */
export function plantSaleOrder(
	world: World,
	options: PlantSaleOrderOptions,
	now: Date,
	newId: () => string,
): OutboundOrder {
	const code = options.customer ?? 'KOA';
	const customer = world.customers.find((c) => c.references.code === code);
	if (!customer) throw new Error(`no customer with code ${code}`);
	const status = options.status ?? 'PACKED';
	const catalogue = world.products.filter((p) => p.customerId === customer.id);
	const product = catalogue[0];
	const cs = data.CUSTOMER_SEEDS.find((c) => c.code === code)!;
	const loc = (cs.country === 'NZ' ? data.NZ_LOCALITIES : data.AU_LOCALITIES)[0];
	const created = now.getTime() - options.createdDaysAgo * 86_400_000;
	const at = (ms: number) => ({ time: formatTime(new Date(Math.floor(ms / 1000) * 1000)) });
	const reference =
		options.reference ??
		`${code}-STALE-${[...world.orders.values()].filter((o) => o.references.customer.startsWith(`${code}-STALE-`)).length + 1}`;
	const timestamps: OutboundOrder['timestamps'] = { created: at(created), modified: at(created) };
	if (status === 'PACKED' || status === 'DISPATCHED')
		timestamps.packed = timestamps.modified = at(now.getTime() - HOUR);
	if (status === 'DISPATCHED')
		timestamps.dispatched = timestamps.modified = at(now.getTime() - HOUR / 2);
	const order: OutboundOrder = {
		id: newId(),
		type: 'OUTBOUND',
		status,
		version: VERSION[status] + 1,
		references: { customer: reference, numericId: String(world.nextNumericId++) },
		customer: customerRef(customer),
		warehouse: { id: world.warehouses[0].id, name: world.warehouses[0].name },
		details: {
			urgent: false,
			instructions: null,
			collect: { requiredDate: localDate(new Date(created + 24 * HOUR)) },
			deliver: {
				address: {
					companyName: null,
					contactName: 'Pat Stale',
					address1: '7 Station St',
					address2: null,
					suburb: loc.suburb,
					city: loc.city,
					postcode: loc.postcode,
					phone: null,
					email: 'pat.stale@example.com',
					state: { ...loc.state },
					country: { ...(cs.country === 'NZ' ? data.NEW_ZEALAND : data.AUSTRALIA) },
				},
				method: { type: 'SHIPPING', requestedService: 'Standard' },
				instructions: null,
				requiredDate: null,
			},
			invoiceValue: { amount: product.unitPrice, currency: cs.currency },
			allowSplitting: true,
		},
		properties: {},
		items: [
			{
				id: newId(),
				details: {
					product: { id: product.id, references: { code: product.code }, name: product.name },
					unitOfMeasure: { type: product.saleUnit },
				},
				measures: { quantity: 1 },
				properties: {},
			},
		],
		timestamps,
	};
	world.orders.set(order.id, order);
	if (
		world.settings.get(customer.id)?.autoGenerateConsignment === 'WHEN_PACKED' &&
		(status === 'PACKED' || status === 'DISPATCHED')
	) {
		const c = consignmentFromOrder(
			world,
			order,
			newId(),
			status === 'DISPATCHED' ? DISPATCHED_CONSIGNMENT_STATUS : 'IN_WAREHOUSE',
		);
		world.consignments.set(c.id, c);
	}
	return order;
}
