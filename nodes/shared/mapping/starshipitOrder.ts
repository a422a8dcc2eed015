/**
 * The Starshipit order a create or import call sends, as a zod schema carrying the documented
 * limits (reference §4.2–4.5): order_number 1–50, reference ≤50, post_code ≤10, address lines ≤100,
 * country as a NAME, weights in kg and dimensions in metres. Both input modes of the node (fields
 * set in the UI, or a CartonCloud sale order) end here, so every order is checked the same way
 * before it costs an API call.
 */
import { z } from 'zod';
import { toCountryName } from './countries';

/**
 * Not Starshipit rules but unit guards: a 2500 "kg" item or a 30 "m" box is almost always grams or
 * centimetres sent by mistake, and Starshipit would quote and invoice it as given.
 */
export const MAX_WEIGHT_KG = 1000;
export const MAX_DIMENSION_M = 10;

const text = (max: number) => z.string().max(max, `must be at most ${max} characters`);
const requiredText = (max: number) => z.string({ required_error: 'is required' }).trim().min(1, 'is required').max(max, `must be at most ${max} characters`);
const weightKg = z
	.number()
	.nonnegative('must not be negative')
	.max(MAX_WEIGHT_KG, `must be at most ${MAX_WEIGHT_KG}; weights are in kg (not grams)`);
const metres = z
	.number()
	.nonnegative('must not be negative')
	.max(MAX_DIMENSION_M, `must be at most ${MAX_DIMENSION_M}; dimensions are in metres (e.g. 0.25), not centimetres`);

export const addressSchema = z.object({
	name: requiredText(100),
	company: text(100).optional(),
	email: text(100).optional(),
	phone: text(100).optional(),
	building: text(100).optional(),
	street: requiredText(100),
	suburb: requiredText(100),
	city: text(100).optional(),
	state: text(100).optional(),
	post_code: text(10).optional(),
	country: z
		.string({ required_error: 'is required' })
		.min(1, 'is required')
		.refine((v) => toCountryName(v) === v, (v) => ({ message: `must be a country name Starshipit knows, such as "Australia" (got "${v}")` })),
	delivery_instructions: text(100).optional(),
	tax_number: text(20).optional(),
});

export const itemSchema = z.object({
	item_id: z.number().int().optional(),
	description: text(500).optional(),
	sku: text(50).optional(),
	tariff_code: text(18).optional(),
	country_of_origin: text(50).optional(),
	quantity: z.number({ required_error: 'is required' }).positive('must be greater than 0'),
	weight: weightKg.optional(),
	value: z.number().nonnegative('must not be negative').optional(),
});

export const packageSchema = z.object({
	package_id: z.number().int().optional(),
	weight: weightKg.optional(),
	height: metres.optional(),
	width: metres.optional(),
	length: metres.optional(),
});

export const metadataSchema = z.object({
	metafield_key: requiredText(100),
	value: z.string(),
});

export const starshipitOrderSchema = z.object({
	order_number: requiredText(50),
	reference: text(50).optional(),
	order_date: z
		.string()
		.refine((v) => !Number.isNaN(Date.parse(v)), 'must be an ISO 8601 date-time')
		.optional(),
	shipping_method: text(100).optional(),
	shipping_description: text(100).optional(),
	signature_required: z.boolean().optional(),
	authority_to_leave: z.boolean().optional(),
	dangerous_goods: z.boolean().optional(),
	currency: z
		.string()
		.regex(/^[A-Za-z]{3}$/, 'must be a 3-letter currency code such as AUD')
		.optional(),
	declared_value: z.number().nonnegative('must not be negative').optional(),
	carrier: text(100).optional(),
	carrier_service_code: text(100).optional(),
	destination: addressSchema,
	sender_details: addressSchema.partial().optional(),
	items: z.array(itemSchema).optional(),
	packages: z.array(packageSchema).optional(),
	metadatas: z.array(metadataSchema).optional(),
});

export type StarshipitOrder = z.infer<typeof starshipitOrderSchema>;
export type StarshipitAddress = z.infer<typeof addressSchema>;

/** `items[0].weight` style, as people read field paths. */
export function formatPath(path: ReadonlyArray<string | number>): string {
	return path.reduce<string>((out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${key}` : key), '');
}

export function issueText(issue: z.ZodIssue): string {
	const message = issue.message === 'Required' ? 'is required' : issue.message;
	return `${formatPath(issue.path) || 'order'}: ${message}`;
}

export type OrderCheck = { ok: true; order: StarshipitOrder } | { ok: false; errors: string[] };

/**
 * Validates an order built in the UI (or by the mapping). Each error names the order and the
 * field, e.g. `Order SO-1001: destination.post_code: must be at most 10 characters`.
 */
export function validateStarshipitOrder(order: unknown, orderLabel?: string): OrderCheck {
	const parsed = starshipitOrderSchema.safeParse(order);
	if (parsed.success) return { ok: true, order: parsed.data };
	const label = orderLabel ?? labelOf(order);
	return { ok: false, errors: parsed.error.issues.map((issue) => `Order ${label}: ${issueText(issue)}`) };
}

function labelOf(order: unknown): string {
	const number = (order as { order_number?: unknown } | undefined)?.order_number;
	return typeof number === 'string' && number.trim() ? `"${number}"` : '(no order number)';
}
