/**
 * Outbound-order documents (reference §3): base64 upload of the only documented type,
 * OUTBOUND_ORDER_INVOICE, a paged list, a get with the base64 data, and a raw download.
 */
import type { CartonCloudSandbox } from './index.mts';
import { BASE, getOrder } from './orders.mts';
import { paginate } from './paging.mts';
import type { DocumentRecord } from './types.mts';
import { invalid, isObject, jsonBody, nonEmptyString, notFound } from './util.mts';

const CONTENT_TYPES: Record<string, string> = {
	pdf: 'application/pdf',
	png: 'image/png',
	jpg: 'image/jpeg',
	jpeg: 'image/jpeg',
	gif: 'image/gif',
	txt: 'text/plain',
	csv: 'text/csv',
	zpl: 'application/zpl',
	json: 'application/json',
	xml: 'application/xml',
	zip: 'application/zip',
};

export function contentTypeFor(name: string): string {
	const ext = /\.([^.]+)$/.exec(name)?.[1]?.toLowerCase() ?? '';
	return CONTENT_TYPES[ext] ?? 'application/octet-stream';
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function summary(doc: DocumentRecord) {
	return { id: doc.id, type: doc.type, content: { name: doc.name } };
}

function owned(doc: DocumentRecord) {
	return {
		id: doc.id,
		type: doc.type,
		owner: { type: 'OUTBOUND', id: doc.ownerId },
		content: { name: doc.name },
	};
}

export function registerDocuments(sb: CartonCloudSandbox): void {
	const server = sb.server;
	const docs = `${BASE}/:id/documents`;
	const findDoc = (orderId: string, docId: string) => {
		getOrder(sb, orderId);
		const doc = sb.world.documents.get(docId);
		return doc && doc.ownerId === orderId ? doc : notFound('Document');
	};

	server.route('POST', docs, (req) => {
		const order = getOrder(sb, req.params.id);
		const body = jsonBody(req);
		if (!isObject(body)) invalid({ field: '/', message: 'Request body must be a JSON object' });
		if (body.type !== 'OUTBOUND_ORDER_INVOICE') {
			invalid({
				field: '/type',
				message: `Unsupported document type '${String(body.type)}'; only OUTBOUND_ORDER_INVOICE is supported`,
			});
		}
		const content = isObject(body.content) ? body.content : {};
		const errors = [];
		if (!nonEmptyString(content.name))
			errors.push({ field: '/content/name', message: 'content.name is required' });
		const data = typeof content.data === 'string' ? content.data.replace(/\s+/g, '') : '';
		if (!data || data.length % 4 !== 0 || !BASE64.test(data)) {
			errors.push({ field: '/content/data', message: 'content.data must be non-empty base64' });
		}
		if (errors.length) invalid(errors);
		const doc: DocumentRecord = {
			id: sb.newId(),
			type: 'OUTBOUND_ORDER_INVOICE',
			ownerId: order.id,
			name: content.name as string,
			data,
			created: sb.now().getTime(),
		};
		sb.world.documents.set(doc.id, doc);
		sb.emitEntity(owned(doc));
		return { status: 201, body: owned(doc) };
	});

	server.route('GET', docs, (req) => {
		const order = getOrder(sb, req.params.id);
		const list = [...sb.world.documents.values()]
			.filter((d) => d.ownerId === order.id)
			.sort((a, b) => a.created - b.created || (a.id < b.id ? -1 : 1));
		return paginate(req, list, sb.paging, summary);
	});

	server.route('GET', `${docs}/:docId`, (req) => {
		const doc = findDoc(req.params.id, req.params.docId);
		return { status: 200, body: { ...owned(doc), content: { name: doc.name, data: doc.data } } };
	});

	server.route('GET', `${docs}/:docId/download`, (req) => {
		const doc = findDoc(req.params.id, req.params.docId);
		const safeName = doc.name.replace(/["\\\r\n]/g, '_');
		return {
			status: 200,
			headers: {
				'Content-Type': contentTypeFor(doc.name),
				'Content-Disposition': `attachment; filename="${safeName}"; filename*=UTF-8''${encodeURIComponent(doc.name)}`,
			},
			body: Buffer.from(doc.data, 'base64'),
		};
	});
}
