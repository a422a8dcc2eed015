/**
 * CartonCloud pagination (reference §3.3, D#pagination): `page` (1-based) and `size` in the query
 * string, a bare JSON array as the body, and the five headers Total-Pages, Page-Size,
 * Page-Number, Total-Elements and Link (RFC 5988). Used by every search and list endpoint.
 */
import type { SandboxRequest, SandboxResponse } from '../core/server.mts';
import { fail, preferences } from './util.mts';

export interface PagingLimits {
	defaultPageSize: number;
	maxPageSize: number;
}

function intParam(req: SandboxRequest, name: string, fallback: number): number {
	const raw = req.query.get(name);
	if (raw === null) return fallback;
	// UNCONFIRMED: behaviour for non-numeric page/size; we choose strict 400 rather than silently defaulting.
	if (!/^\d+$/.test(raw)) fail(400, `Query parameter '${name}' must be a positive integer`);
	return Number(raw);
}

export function paginate<T extends { id: string }>(
	req: SandboxRequest,
	items: T[],
	limits: PagingLimits,
	render: (item: T) => unknown,
): SandboxResponse {
	const page = intParam(req, 'page', 1);
	const size = intParam(req, 'size', limits.defaultPageSize);
	if (page < 1) fail(422, 'page must be 1 or greater (pages are 1-based)');
	// UNCONFIRMED: the maximum size is undocumented (clients use 50 and 100); we cap at maxPageSize
	// (default 100) and answer 422 above it instead of clamping, so a client asking too much notices.
	if (size < 1 || size > limits.maxPageSize)
		fail(422, `size must be between 1 and ${limits.maxPageSize}`);

	const totalElements = items.length;
	const totalPages = Math.ceil(totalElements / size);
	const slice = items.slice((page - 1) * size, page * size);

	const minimal = preferences(req).has('return=minimal');
	const headers: Record<string, string> = {
		'Total-Pages': String(totalPages),
		'Page-Size': String(size),
		'Page-Number': String(page),
		'Total-Elements': String(totalElements),
		Link: linkHeader(req, page, size, totalPages),
	};
	if (minimal) headers['Preference-Applied'] = 'return=minimal';
	// Serialized here, in the same step that chose the page: the reply is the state at this moment
	// even if another request changes an entity before it is written out, so `render` need not copy.
	headers['Content-Type'] = 'application/json; charset=utf-8';
	return {
		status: 200,
		headers,
		body: Buffer.from(
			JSON.stringify(slice.map((item) => (minimal ? { id: item.id } : render(item)))),
		),
	};
}

/**
 * RFC 5988 links with absolute URLs (built from the Host header) that keep the other query
 * parameters. UNCONFIRMED: with no results Total-Pages is 0 and first/last both point to page 1.
 */
function linkHeader(req: SandboxRequest, page: number, size: number, totalPages: number): string {
	const base = `http://${req.headers.host ?? 'localhost'}${req.path}`;
	const url = (p: number) => {
		const q = new URLSearchParams(req.query);
		q.set('page', String(p));
		q.set('size', String(size));
		return `<${base}?${q.toString()}>`;
	};
	const last = Math.max(totalPages, 1);
	const links = [`${url(1)}; rel="first"`];
	if (page > 1) links.push(`${url(Math.min(page - 1, last))}; rel="prev"`);
	if (page < totalPages) links.push(`${url(page + 1)}; rel="next"`);
	links.push(`${url(last)}; rel="last"`);
	return links.join(', ');
}
