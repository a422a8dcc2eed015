/**
 * Shapes of the simulated CartonCloud entities. Entities are stored in the exact JSON shape the
 * API returns (reference §3.2 and §4), so rendering is a deep copy and search pointers resolve
 * against what the client sees. Internal-only facts (customer settings, product stock) live in
 * separate records that are never rendered.
 */

export const OUTBOUND_STATUSES = [
	'DRAFT',
	'AWAITING_STOCK',
	'AWAITING_PICK_AND_PACK',
	'PACKING_IN_PROGRESS',
	'PICKED',
	'PACKED',
	'DISPATCHED',
	'REJECTED',
] as const;
export type OutboundStatus = (typeof OUTBOUND_STATUSES)[number];

/** Documented consignment statuses (§4) plus DRAFT, which appears in the docs' examples. */
export const CONSIGNMENT_STATUSES = [
	'DRAFT',
	'AWAITING_PICKUP',
	'AWAITING_POINT_TO_POINT_PICKUP',
	'AWAITING_SALE_ORDER_PACKING',
	'AWAITING_DROPOFF',
	'IN_TRANSIT_PICKUP_WAREHOUSE',
	'IN_WAREHOUSE',
	'WITH_ON_FORWARDER',
	'IN_TRANSIT_WAREHOUSE_DELIVERY',
	'IN_TRANSIT_PICK_DELIVERY',
	'COLLECTED',
	'DELIVERED',
	'POINT_TO_POINT_DELIVERED',
	'CANCELLED',
] as const;

export interface Address {
	companyName: string | null;
	contactName: string | null;
	address1: string | null;
	address2: string | null;
	suburb: string | null;
	city: string | null;
	postcode: string | null;
	phone: string | null;
	email: string | null;
	state: { code?: string; name?: string } | null;
	country: { iso2Code?: string; iso3Code?: string; name?: string } | null;
}

export interface Money {
	amount: number;
	currency: string;
}

export interface CustomerRef {
	id: string;
	name: string;
	enabled: boolean;
	references: { code: string };
}

export interface Customer extends CustomerRef {
	scope: 'CUSTOMER';
	email: string | null;
	telephone: string | null;
	warehouses: { id: string; name: string }[];
}

/** Customer settings that drive behaviour but are not exposed by the API. */
export interface CustomerSettings {
	/** "Automatically Generate a Consignment from a Sale Order": No / Yes when Packed (KB-gen). */
	autoGenerateConsignment: 'NO' | 'WHEN_PACKED';
	/** "Allow invalid addresses via API" (KB-custint). */
	allowInvalidAddresses: boolean;
}

export interface Warehouse {
	id: string;
	name: string;
	address: Address;
}

/**
 * One unit of measure of a warehouse product, as the tenant set it up. The API renders a
 * product's units as an OBJECT keyed by the tenant's own unit code (D, Create Warehouse Product:
 * `"defaultUnitOfMeasure": "cartons", "unitOfMeasures": {"units": {"baseQty": 1, "weight": 1.2,
 * "barcode", "length", "width", "height", "isDirectlyShippable"}, "cartons": {"baseQty": 10}, ...}`).
 */
export interface ProductUnit {
	/** The tenant's own code, the key under `unitOfMeasures` ("units", "cartons", "EA", "CT", "CTN"...). */
	code: string;
	/** "Quantity of base unit of measure per one of this unit of measure" (D). */
	baseQty: number;
	/** "Weight per unit of measure" (D), kg as tenants enter it; absent where the tenant left it empty (a GET omits it). */
	weight?: number;
	/** Per one of this unit, in millimetres as public clients store them (the docs name no unit); only rendered under Accept-Version 7/8. */
	length?: number;
	width?: number;
	height?: number;
	barcode?: string;
	isDirectlyShippable?: boolean;
}

/** A warehouse product; products belong to one customer, like CartonCloud's warehouse products. */
export interface Product {
	id: string;
	customerId: string;
	code: string;
	barcode: string;
	name: string;
	/** Product types are defined per tenant (D). */
	type: string;
	/** The key of `units` new stock and unit-less sale-order lines use ("defaultUnitOfMeasure", D). */
	defaultUnit: string;
	units: ProductUnit[];
	/** The unit code this product's seeded sale-order lines name, spelled as the customer's integration sends it (its case may differ from the key). */
	saleUnit: string;
	/**
	 * kg per one `saleUnit`, as the product's figures give it (a unit without its own weight
	 * weighs baseQty x the base unit's weight): what a Starshipit item made from one of this
	 * product's seeded sale-order lines must carry.
	 */
	unitWeightKg: number;
	/** m3 per base unit. */
	unitCubicM3: number;
	unitPrice: number;
	/** Base units available to allocate; successful creates take from it, deletes give back. */
	available: number;
}

export interface OrderItem {
	id: string;
	details: {
		product: { id?: string; references: { code?: string; barcode?: string }; name?: string };
		/** The code the line names; CartonCloud fills in the product's default when a create names none (D). */
		unitOfMeasure: { type: string };
		approximateUnitPrice?: Money | null;
	};
	/** The documented item carries `measures.quantity` only: weight lives on the warehouse product. */
	measures: { quantity: number };
	properties: Record<string, unknown>;
}

export interface OutboundOrder {
	id: string;
	type: 'OUTBOUND';
	status: OutboundStatus;
	version: number;
	references: {
		customer: string;
		numericId: string;
		tracking?: string | null;
		[key: string]: unknown;
	};
	customer: CustomerRef;
	warehouse: { id: string; name: string };
	details: {
		urgent: boolean;
		instructions: string | null;
		collect: { requiredDate: string | null };
		deliver: {
			address: Address;
			method: { type: 'SHIPPING' | 'PICKUP'; requestedService: string | null };
			instructions: string | null;
			requiredDate: string | null;
		};
		invoiceValue: Money | null;
		allowSplitting: boolean;
		errors?: { message: string; isResolved: boolean }[];
	};
	properties: Record<string, unknown>;
	items: OrderItem[];
	timestamps: Partial<Record<'created' | 'modified' | 'packed' | 'dispatched', { time: string }>>;
}

export interface Consignment {
	id: string;
	type: 'CONSIGNMENT';
	status: string;
	version: number;
	references: { customer: string; tracking?: string | null; [key: string]: unknown };
	customer: CustomerRef;
	warehouse: { id: string; name: string };
	details: {
		type: string;
		collect: { address: Address };
		deliver: { address: Address; requiredDate: string | null; instructions: string | null };
		tracking?: { companyName: string | null; url: string | null } | null;
		authorityToLeave?: boolean;
		[key: string]: unknown;
	};
	items: {
		properties: Record<string, unknown>;
		measures: Record<string, unknown>;
		[key: string]: unknown;
	}[];
	properties: Record<string, unknown>;
	/** Internal link to the sale order; searchable by `/generatedFromTask/id`, never rendered. */
	generatedFromTask?: { id: string; type: 'OUTBOUND' };
	[key: string]: unknown;
}

export interface DocumentRecord {
	id: string;
	type: 'OUTBOUND_ORDER_INVOICE';
	ownerId: string;
	name: string;
	/** base64 */
	data: string;
	created: number;
}

export interface Tenant {
	id: string;
	name: string;
	currency: string;
	/** Organisation setting: statuses in which an outbound order may be deleted. */
	deletableStatuses: OutboundStatus[];
}

/** Everything reset by `reset()`. */
export interface World {
	tenant: Tenant;
	warehouses: Warehouse[];
	customers: Customer[];
	settings: Map<string, CustomerSettings>;
	products: Product[];
	/** false when the tenant has no Packed status (CartonCloud's default); absent means enabled. */
	packedStatusEnabled?: boolean;
	/** When the product catalogue was loaded (products' created/modified time). */
	productsCreated: string;
	orders: Map<string, OutboundOrder>;
	consignments: Map<string, Consignment>;
	documents: Map<string, DocumentRecord>;
	nextNumericId: number;
}
