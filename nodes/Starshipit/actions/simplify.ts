/**
 * Starshipit orders and tracking in their simplified form (Output: Simplified, the default for an
 * AI agent): numbers, status, dates, destination city and country, carrier and tracking. One
 * reader for the three row shapes Starshipit lists orders in: full orders (unshipped list, Get),
 * shipped summary rows (`tracking_short_status`, `country`) and search rows (`name`, `country`).
 */
import type { IDataObject } from 'n8n-workflow';
import { withoutEmpty } from '../../shared/output';

const text = (value: unknown): string | undefined =>
	typeof value === 'string' && value.trim() !== '' ? value : undefined;
const record = (value: unknown): IDataObject | undefined =>
	value !== null && typeof value === 'object' && !Array.isArray(value)
		? (value as IDataObject)
		: undefined;
const list = (value: unknown): IDataObject[] =>
	Array.isArray(value) ? (value as IDataObject[]).filter((v) => record(v) !== undefined) : [];

/** Starshipit's "2026-10-20T19:17:18.000Z" without the milliseconds no one reads. */
const time = (value: unknown): string | undefined =>
	text(value)?.replace(/\.\d{3}(?=Z|[+-]\d\d:?\d\d$)/, '');

/**
 * One order of a list. `status` stands in for rows that carry none (the shipped list's rows are
 * all Shipped).
 */
export function simpleOrder(row: IDataObject, status?: string): IDataObject {
	const destination = record(row.destination);
	return withoutEmpty({
		order_id: typeof row.order_id === 'number' ? row.order_id : undefined,
		order_number: text(row.order_number),
		reference: text(row.reference),
		status: text(row.status) ?? status,
		order_date: time(row.order_date),
		city: text(destination?.city) ?? text(destination?.suburb),
		country: text(destination?.country) ?? text(row.country),
		carrier: text(row.carrier_name) ?? text(row.carrier),
		tracking_number: text(row.tracking_number),
		tracking_status: text(row.tracking_status) ?? text(row.tracking_short_status),
		shipped_date: time(row.shipped_date),
	});
}

/** One order asked for by number or ID: the list row, plus recipient, items, packages and the latest events. */
export function simpleOrderDetail(order: IDataObject): IDataObject {
	const destination = record(order.destination);
	const packages = list(order.packages);
	return withoutEmpty({
		...simpleOrder(order),
		recipient: text(destination?.name),
		state: text(destination?.state),
		service: text(order.carrier_service_code) ?? text(order.shipping_method),
		tracking_urls: [
			...new Set(
				packages.map((p) => text(p.tracking_url)).filter((url): url is string => url !== undefined),
			),
		],
		manifested: order.manifested === true ? true : undefined,
		archived: order.archived === true ? true : undefined,
		last_updated: time(order.last_updated),
		items: list(order.items).map((item) =>
			withoutEmpty({
				sku: text(item.sku),
				description: text(item.description),
				quantity: item.quantity as number | undefined,
			}),
		),
		packages: packages.length || undefined,
		latest_events: list(order.events)
			.slice(-3)
			.map((event) =>
				withoutEmpty({
					time: time(event.time),
					name: text(event.name),
					description: text(event.description),
				}),
			),
	});
}

/** A shipment's tracking: status, carrier, URL, dates and the latest five events. */
export function simpleTracking(results: IDataObject): IDataObject {
	return withoutEmpty({
		order_number: text(results.order_number),
		order_status: text(results.order_status),
		tracking_number: text(results.tracking_number),
		tracking_status: text(results.tracking_status),
		carrier: text(results.carrier_name),
		service: text(results.carrier_service),
		shipped_date: time(results.shipment_date),
		last_updated: time(results.last_updated_date),
		tracking_url: text(results.tracking_url),
		latest_events: list(results.tracking_events)
			.slice(-5)
			.map((event) =>
				withoutEmpty({
					time: time(event.event_datetime),
					status: text(event.status),
					details: text(event.details),
				}),
			),
	});
}
