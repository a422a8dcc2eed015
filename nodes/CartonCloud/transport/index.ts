/**
 * The CartonCloud side of the shared transport: how to read CartonCloud's error arrays, the
 * tenant-scoped URLs, and the one paging loop used by every search and list.
 *
 * Retries, back-off and secret-free errors come from `nodes/shared/transport/request.ts`; the
 * token (and its one refresh after a 401) from the credential's `preAuthentication`.
 */
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IHttpRequestMethods,
	IHttpRequestOptions,
} from 'n8n-workflow';
import { cartonCloudBaseUrl } from '../../../credentials/CartonCloudApi.credentials';
import { readJson } from '../../shared/transport/jsonBody';
import {
	sendWithRetry,
	type ApiDialect,
	type ApiErrorDescription,
	type ApiResponse,
	type HttpFailure,
	type RequestContext,
} from '../../shared/transport/request';
import type { SearchCondition } from './conditions';
import { forEachInFlight } from '../../shared/transport/inFlight';

export const CREDENTIAL_TYPE = 'cartonCloudApi';

/** CartonCloud's documented maximum page size is unknown; clients use 50 and 100 (UNCONFIRMED). */
export const MAX_PAGE_SIZE = 100;

const STATUS_HINTS: Record<number, string> = {
	400: 'CartonCloud rejected the request as invalid',
	401: 'CartonCloud did not accept the credentials or the access token',
	403: 'The API client has no permission for this (check its roles and the Tenant ID)',
	404: 'Not found in CartonCloud',
	405: 'CartonCloud does not support this method here',
	406: 'CartonCloud did not accept the API version',
	409: 'The record was changed by another request',
	412: 'The record changed since it was read (version mismatch)',
	422: 'CartonCloud could not process the content',
	429: 'CartonCloud is rate limiting this API client',
	500: 'CartonCloud had an internal error',
	503: 'CartonCloud is in maintenance',
};

interface CartonCloudError {
	message?: unknown;
	field?: unknown;
	type?: unknown;
	details?: unknown;
	error?: unknown;
	error_description?: unknown;
}

/**
 * CartonCloud answers errors as an array of `{message}`; 422 adds `field` (a JSON pointer into
 * the request body), `type` and `details` (e.g. `DUPLICATE` with `details.duplicateId`). The
 * token endpoint may answer an OAuth `{error, error_description}` object instead.
 */
export function describeCartonCloudError(failure: HttpFailure): ApiErrorDescription {
	const body = failure.body;
	const entries: CartonCloudError[] = Array.isArray(body)
		? (body as CartonCloudError[])
		: body && typeof body === 'object'
			? [body as CartonCloudError]
			: [];
	const parts: string[] = [];
	for (const entry of entries) {
		const text =
			typeof entry.message === 'string'
				? entry.message
				: typeof entry.error_description === 'string'
					? entry.error_description
					: typeof entry.error === 'string'
						? entry.error
						: undefined;
		if (text === undefined) continue;
		const field = typeof entry.field === 'string' && entry.field !== '' ? `${entry.field}: ` : '';
		const type = typeof entry.type === 'string' ? ` (${entry.type})` : '';
		const duplicateId = (entry.details as { duplicateId?: unknown } | undefined)?.duplicateId;
		const duplicate = typeof duplicateId === 'string' ? ` [existing id ${duplicateId}]` : '';
		parts.push(`${field}${text}${type}${duplicate}`);
	}
	const hint = failure.status !== undefined ? STATUS_HINTS[failure.status] : undefined;
	const message =
		parts.length > 0
			? `CartonCloud: ${parts.join('; ')}`
			: `CartonCloud: ${hint ?? 'request failed'}`;
	return { message, description: hint };
}

export const cartonCloudDialect: ApiDialect = {
	credentialType: CREDENTIAL_TYPE,
	describeError: describeCartonCloudError,
};

export interface ApiCall {
	method: IHttpRequestMethods;
	/** Path under `/tenants/{tenantId}`, e.g. `/outbound-orders/search`. */
	path: string;
	body?: unknown;
	qs?: IDataObject;
	headers?: IDataObject;
	itemIndex?: number;
	/** Defaults to true for everything but POST (a search is a POST too: pass true). */
	idempotent?: boolean;
	reconcile?: () => Promise<ApiResponse | undefined>;
	/** Raw bytes instead of JSON (document downloads). */
	binary?: boolean;
	/** A sale-order create: paced to CartonCloud's documented 30 per minute. */
	create?: boolean;
}

/**
 * "No more than 1 request every 2 seconds" for sale-order creates (30 per minute): creates of one
 * credential are paced to this within an execution, as Starshipit's calls are, instead of burning
 * retries on 429s.
 */
export const CREATES_PER_SECOND = 0.5;

/** The tenant's API root, e.g. `https://api.cartoncloud.com/tenants/<uuid>`. */
export async function tenantRoot(context: RequestContext): Promise<string> {
	const credentials = (await context.getCredentials(
		CREDENTIAL_TYPE,
	)) as ICredentialDataDecryptedObject;
	const tenantId = String(credentials.tenantId ?? '').trim();
	return `${cartonCloudBaseUrl(credentials)}/tenants/${encodeURIComponent(tenantId)}`;
}

/** One CartonCloud API call under the tenant, with the shared retry policy. */
export async function apiRequest<T = unknown>(
	context: RequestContext,
	call: ApiCall,
): Promise<ApiResponse<T>> {
	const request: IHttpRequestOptions = {
		method: call.method,
		url: `${await tenantRoot(context)}${call.path}`,
		headers: { Accept: call.binary ? '*/*' : 'application/json', ...(call.headers ?? {}) },
		qs: call.qs,
	};
	if (call.body !== undefined) request.body = call.body as IDataObject;
	if (call.binary) {
		request.encoding = 'arraybuffer';
		request.json = false;
	} else {
		// Read as it arrives (see readJson), not held whole by n8n until the last chunk.
		request.encoding = 'stream';
		request.json = true;
	}
	const credential = context.getNode().credentials?.[CREDENTIAL_TYPE];
	return await sendWithRetry<T>(context, cartonCloudDialect, request, {
		readBody: call.binary ? undefined : readJson,
		idempotent: call.idempotent ?? call.method !== 'POST',
		reconcile: call.reconcile,
		itemIndex: call.itemIndex,
		pacing: call.create
			? {
					bucket: `cartoncloud-create:${credential?.id ?? credential?.name ?? 'default'}`,
					requestsPerSecond: CREATES_PER_SECOND,
				}
			: undefined,
	});
}

export interface PagingOptions {
	returnAll: boolean;
	/** Most items to return when not returning all. */
	limit?: number;
	itemIndex?: number;
	/** Page size to ask for (capped at MAX_PAGE_SIZE). */
	pageSize?: number;
}

interface Page<T> {
	items: T[];
	/** `Total-Pages`, when the server sent it. */
	totalPages?: number;
	/** The page size the server reports (it may cap `size` silently), else the one asked for. */
	pageSize: number;
}

/**
 * The one paging loop: `page` (1-based) and `size` in the query string, a bare array as the
 * body, `Total-Pages` in the headers. Stops at the last page, on a short or empty page (measured
 * against the `Page-Size` the server reports, in case it caps `size` silently), when a page
 * brings nothing new (a server that ignores paging), or once `limit` items are in.
 *
 * With Return All and a `Total-Pages` header, the pages after the first are fetched a few at a
 * time (`forEachInFlight`) and read in page order, each judged as the one-by-one loop would judge
 * it; if the last one says more pages came meanwhile, the loop goes on one by one.
 */
export async function fetchPages<T extends IDataObject = IDataObject>(
	context: RequestContext,
	call: { method: 'GET' | 'POST'; path: string; body?: unknown; headers?: IDataObject },
	options: PagingOptions,
): Promise<T[]> {
	const limit = options.returnAll ? Number.POSITIVE_INFINITY : Math.max(0, options.limit ?? 50);
	if (limit === 0) return [];
	const size = Math.min(
		MAX_PAGE_SIZE,
		options.pageSize ?? MAX_PAGE_SIZE,
		Number.isFinite(limit) ? limit : MAX_PAGE_SIZE,
	);
	const results: T[] = [];
	const seen = new Set<string>();

	const readPage = async (page: number): Promise<Page<T>> => {
		const response = await apiRequest<unknown>(context, {
			method: call.method,
			path: call.path,
			body: call.body,
			headers: call.headers,
			qs: { page, size },
			idempotent: true,
			itemIndex: options.itemIndex,
		});
		const totalPages = Number(response.headers['total-pages']);
		const reportedSize = Number(response.headers['page-size']);
		return {
			items: (Array.isArray(response.body) ? response.body : []) as T[],
			totalPages:
				response.headers['total-pages'] !== undefined && Number.isFinite(totalPages)
					? totalPages
					: undefined,
			pageSize: Number.isFinite(reportedSize) && reportedSize > 0 ? reportedSize : size,
		};
	};
	/** Takes a page's new items; false when the loop must stop after it. */
	const take = (page: number, read: Page<T>): boolean => {
		let fresh = 0;
		for (const item of read.items) {
			const id = typeof item?.id === 'string' ? item.id : undefined;
			if (id !== undefined) {
				if (seen.has(id)) continue;
				seen.add(id);
			}
			fresh++;
			results.push(item);
			if (results.length >= limit) return false;
		}
		if (read.items.length === 0 || fresh === 0) return false;
		if (read.totalPages !== undefined && page >= read.totalPages) return false;
		return read.items.length >= read.pageSize;
	};

	let page = 1;
	const first = await readPage(page);
	if (!take(page, first)) return results;
	if (options.returnAll && first.totalPages !== undefined && first.totalPages > 1) {
		const numbers = Array.from({ length: first.totalPages - 1 }, (_, k) => k + 2);
		const reads: Array<Page<T>> = new Array(numbers.length);
		await forEachInFlight(numbers, async (number, k) => {
			reads[k] = await readPage(number);
		});
		for (let k = 0; k < reads.length; k++) {
			page = numbers[k];
			// Each page judged by its own headers, as the one-by-one loop judges it: a total that
			// grew meanwhile is read on below, one that shrank ends the read where it would have.
			if (!take(page, reads[k])) return results;
		}
	}
	for (page++; ; page++) if (!take(page, await readPage(page))) break;
	return results;
}

/**
 * A POST search (`/outbound-orders/search`, `/consignments/search`) through the paging loop;
 * `headers` for a search that needs its own (the warehouse products' `Accept-Version: 8`).
 */
export async function search<T extends IDataObject = IDataObject>(
	context: RequestContext,
	resourcePath: string,
	condition: SearchCondition,
	options: PagingOptions,
	headers?: IDataObject,
): Promise<T[]> {
	return await fetchPages<T>(
		context,
		{ method: 'POST', path: `${resourcePath}/search`, body: { condition }, headers },
		options,
	);
}
