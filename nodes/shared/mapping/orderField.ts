/**
 * What one row of the mapping table (mappingTable.ts) is: a Starshipit order field with its type,
 * limits, cleaning, where its default comes from and how to fix it, and the `field` helper the
 * table builds its rows with. Apart from the table so the rows' defaults (destinationDefaults.ts)
 * can be typed without importing the table they are part of.
 */
import type { SaleOrder } from './saleOrder';

export type FieldType = 'string' | 'number' | 'boolean' | 'dateTime';
export type Cleaning = 'one line' | 'multi-line' | 'none';
export type FieldGroup = 'order' | 'destination' | 'sender_details';

/** What a default reads besides the sale order. */
export interface DefaultsContext {
	orderNumberSource?: 'customerReference' | 'numericId' | 'customerCodeAndReference';
	referenceSource?: 'customerName' | 'none';
	longInstructions?: 'truncate' | 'error';
	/** Reports a problem of the sale order itself (already in CartonCloud's terms) and skips the rule's own message for the field. */
	problem(message: string): void;
}

export interface OrderField {
	/** Starshipit's path: `reference`, `destination.street`. */
	path: string;
	/** The field's id in the editor and in node parameters (no dot: n8n reads `overrides.value.<id>`). */
	id: string;
	group: FieldGroup;
	/** Its key inside its group (`street`). */
	key: string;
	label: string;
	type: FieldType;
	/** Most characters Starshipit takes. */
	max?: number;
	required?: boolean;
	format?: 'country' | 'currency' | 'date' | 'metadata';
	cleaning: Cleaning;
	/** The sale-order field the default comes from, as errors name it (absent: not sent by default). */
	source?: string;
	/** The default in two or three words, for the editor's field list. */
	defaultShort: string;
	/** The default in full, for the mapping table in the docs. */
	defaultText: string;
	/** What to change in CartonCloud when the default fails the order. */
	fix?: string;
	/** The default value for a sale order; undefined: the field is not sent. */
	from?: (so: SaleOrder, context: DefaultsContext) => unknown;
}

const NOT_SENT = 'Not Sent';

/** A row's settings beyond group, key, label and type; only its default's text is required. */
export type Extra = Partial<OrderField> & Pick<OrderField, 'defaultText'>;

/** One row: path and id from its group and key, text cleaned to one line, not sent unless `extra` says otherwise. */
export function field(
	group: FieldGroup,
	key: string,
	label: string,
	type: FieldType,
	extra: Extra,
): OrderField {
	const path = group === 'order' ? key : `${group}.${key}`;
	return {
		path,
		id: path.replace('.', '_'),
		group,
		key,
		label,
		type,
		cleaning: type === 'string' ? 'one line' : 'none',
		defaultShort: NOT_SENT,
		...extra,
	};
}
