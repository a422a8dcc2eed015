/**
 * Starshipit over HTTP: every Starshipit call of both nodes goes through `starshipitRequest` (the
 * shared retry policy in Starshipit's dialect, dialect.ts; base URL and pacing from the credential,
 * settings.ts; `success:false` inside a 2xx), and every `limit`/`page` list through the one paging
 * helper, `starshipitForEachPage`.
 */
import type {
	IDataObject,
	IHttpRequestMethods,
	IHttpRequestOptions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import {
	beforeSending,
	sendWithRetry,
	toNodeApiError,
	type ApiResponse,
	type CallOptions,
	type RequestContext,
	type RetryPolicy,
} from '../../shared/transport/request';
import { readJson } from '../../shared/transport/jsonBody';
import { readRows, type RowsReply } from '../../shared/transport/jsonRows';
import { starshipitDialect } from './dialect';
import { starshipitSettings, type StarshipitSettings } from './settings';

export { appErrors, errorBody, mentions } from './dialect';

export interface StarshipitRequest {
	method: IHttpRequestMethods;
	/** Path under the host, starting with `/api/`. */
	path: string;
	qs?: IDataObject;
	body?: IDataObject;
	itemIndex?: number;
	/** Defaults: GET/PUT/DELETE idempotent, POST not. */
	idempotent?: boolean;
	/** For creates: see `sendWithRetry`. */
	reconcile?: () => Promise<ApiResponse | undefined>;
	/** Return a `success:false` body instead of throwing (batch calls read per-order errors). */
	allowAppErrors?: boolean;
	policy?: Partial<RetryPolicy>;
}

function requestOptions(
	settings: StarshipitSettings,
	request: StarshipitRequest,
): IHttpRequestOptions {
	const options: IHttpRequestOptions = {
		method: request.method,
		url: `${settings.baseUrl}${request.path}`,
		json: true,
		// Every reply is read as it arrives (readJson, or readRows for listing pages).
		encoding: 'stream',
		headers: { Accept: 'application/json' },
	};
	if (request.qs && Object.keys(request.qs).length) options.qs = request.qs;
	if (request.body !== undefined) {
		options.body = request.body;
		options.headers = { ...options.headers, 'Content-Type': 'application/json' };
	}
	return options;
}

/**
 * Starshipit's rate limit is shared by every execution using the account (two at once are common
 * in queue mode), so a 429, a call that never left and a read are retried for the whole time
 * budget, not a fixed count (issue 25).
 */
const STARSHIPIT_POLICY: Partial<RetryPolicy> = { budgeted: true };

function callOptions(settings: StarshipitSettings, request: StarshipitRequest): CallOptions {
	return {
		idempotent: request.idempotent ?? request.method !== 'POST',
		reconcile: request.reconcile,
		itemIndex: request.itemIndex,
		policy: { ...STARSHIPIT_POLICY, ...request.policy },
		pacing: settings.pacing,
	};
}

/** The credential's settings; a failed read (n8n's database) is retried: nothing was sent yet. */
const settingsOf = async (context: RequestContext) =>
	await beforeSending(context, async () => await starshipitSettings(context), STARSHIPIT_POLICY);

/** `success:false` inside a 2xx is an error unless the caller reads per-order errors itself. */
function checkSuccess(
	context: RequestContext,
	request: StarshipitRequest,
	response: ApiResponse,
	body: IDataObject,
): void {
	if (body.success === false && !request.allowAppErrors) {
		throw toNodeApiError(
			context,
			starshipitDialect,
			{ status: response.statusCode, headers: response.headers, body },
			request.itemIndex,
		);
	}
}

/** One Starshipit call: JSON in and out, retries per the shared policy, `success:false` is an error. */
export async function starshipitRequest<T extends IDataObject = IDataObject>(
	context: RequestContext,
	request: StarshipitRequest,
): Promise<T> {
	const settings = await settingsOf(context);
	const response = await sendWithRetry<T>(
		context,
		starshipitDialect,
		requestOptions(settings, request),
		{ ...callOptions(settings, request), readBody: readJson },
	);
	const body = (
		typeof response.body === 'object' && response.body !== null ? response.body : {}
	) as T;
	checkSuccess(context, request, response, body);
	return body;
}

/** An error with Starshipit's words for a reply that is not what the docs promise. */
export function unexpectedReply(
	context: RequestContext,
	what: string,
	body: unknown,
	itemIndex?: number,
): NodeApiError {
	return new NodeApiError(context.getNode(), { body } as unknown as JsonObject, {
		message: `Starshipit: unexpected reply (${what})`,
		itemIndex,
	});
}

export interface PageRequest {
	path: string;
	qs?: IDataObject;
	/** Payload key holding the rows (`orders`). */
	rowsKey: string;
	/** Stop after this many rows; undefined = Return All. */
	limit?: number;
	/** Rows asked per page (≤250 on Starshipit's lists). */
	pageSize?: number;
	itemIndex?: number;
}

/**
 * One page of a list, read as it arrives (`readRows`): only what `keepRow` returns of each row is
 * held, never the page whole. The envelope (total_pages, success, errors) is read as usual.
 */
async function starshipitPage<T>(
	context: RequestContext,
	request: StarshipitRequest,
	rowsKey: string,
	keepRow: (row: IDataObject) => T | undefined,
): Promise<{ body: IDataObject; page: RowsReply<T> }> {
	const settings = await settingsOf(context);
	const keep = (row: unknown) =>
		typeof row === 'object' && row !== null ? keepRow(row as IDataObject) : undefined;
	const response = await sendWithRetry<RowsReply<T>>(
		context,
		starshipitDialect,
		requestOptions(settings, request),
		{
			...callOptions(settings, request),
			readBody: async (stream) => await readRows(stream as AsyncIterable<Buffer>, rowsKey, keep),
		},
	);
	const page = response.body;
	if (!page.envelope) throw unexpectedReply(context, 'not JSON', page.head, request.itemIndex);
	const body = page.envelope as IDataObject;
	checkSuccess(context, request, { ...response, body }, body);
	return { body, page };
}

/**
 * The one paging loop for `limit`/`page` lists (unshipped, shipped, printed, search), handing each
 * page to `onPage` as it arrives, as `keepRow` cut it (the whole row by default), so a caller keeps
 * only what it needs (10,000 full orders never sit in memory at once). Stops on `total_pages` when
 * the reply carries it (real `/orders/unshipped` replies do: adamKabbara/starshipit-middleware
 * `orders-1.json`), on a short page otherwise (the rule every public client relies on, §4.6), and
 * always on an empty page. `onPage` returns false to stop early.
 */
export async function starshipitForEachPage<T = IDataObject>(
	context: RequestContext,
	request: PageRequest,
	onPage: (rows: T[], totalPages?: number) => boolean | void,
	keepRow: (row: IDataObject) => T | undefined = (row) => row as T,
): Promise<void> {
	const pageSize = Math.max(1, Math.min(request.pageSize ?? 250, request.limit ?? 250, 250));
	let previousFirst: string | undefined;
	for (let page = 1; ; page++) {
		const { body, page: reply } = await starshipitPage(
			context,
			{
				method: 'GET',
				path: request.path,
				qs: { ...request.qs, limit: pageSize, page },
				itemIndex: request.itemIndex,
			},
			request.rowsKey,
			keepRow,
		);
		const pageRows = body[request.rowsKey];
		if (!reply.sawRows && pageRows !== undefined && pageRows !== null) {
			throw unexpectedReply(context, `${request.rowsKey} is not a list`, body, request.itemIndex);
		}
		// A server that ignores `page` would hand back page 1 forever; stop rather than loop.
		const first = reply.firstRowText;
		if (page > 1 && first !== undefined && first === previousFirst) return;
		previousFirst = first;
		if (reply.count === 0) return;
		const totalPages = Number(body.total_pages);
		const hasTotal =
			body.total_pages !== undefined && body.total_pages !== null && Number.isFinite(totalPages);
		if (onPage(reply.rows, hasTotal ? totalPages : undefined) === false) return;
		if (hasTotal ? page >= totalPages : reply.count < pageSize) return;
	}
}

/** Every row of a paged list (or the first `limit`), through `starshipitForEachPage`. */
export async function starshipitRequestAllItems(
	context: RequestContext,
	request: PageRequest,
): Promise<IDataObject[]> {
	const rows: IDataObject[] = [];
	await starshipitForEachPage(context, request, (page) => {
		rows.push(...page);
		return request.limit === undefined || rows.length < request.limit;
	});
	return request.limit === undefined ? rows : rows.slice(0, request.limit);
}
