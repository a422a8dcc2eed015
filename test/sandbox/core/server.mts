/**
 * The small HTTP core both API simulators share: routing, a request log with counts per
 * endpoint, and fault injection ("the next N responses of this endpoint are X").
 *
 * Each simulator registers its routes with a pattern such as `GET /api/orders/:id`; that pattern
 * (method + path pattern) is the endpoint's key in the log, in fault injection and in counts.
 * Routes under `/_sandbox/` are the control API: never logged, never faulted, never authenticated.
 */
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface SandboxRequest {
	method: string;
	path: string;
	query: URLSearchParams;
	headers: http.IncomingHttpHeaders;
	params: Record<string, string>;
	rawBody: Buffer;
	/** The body parsed as JSON; throws `HttpError(400)` when it is not JSON. */
	json<T = unknown>(): T;
	/** The body parsed as `application/x-www-form-urlencoded`. */
	form(): URLSearchParams;
	/** The endpoint key (`METHOD /pattern`) of the matched route. */
	endpoint: string;
}

export interface SandboxResponse {
	status: number;
	headers?: Record<string, string>;
	/** A Buffer is sent as is; anything else as JSON. `undefined` sends no body. */
	body?: unknown;
}

export type Handler = (req: SandboxRequest) => SandboxResponse | Promise<SandboxResponse>;

/** Thrown by handlers to answer with an error response. */
export class HttpError extends Error {
	constructor(
		public readonly status: number,
		public readonly body: unknown,
		public readonly headers: Record<string, string> = {},
	) {
		super(`HTTP ${status}`);
	}
}

export type Fault =
	| { kind: 'status'; status: number; body?: unknown; headers?: Record<string, string> }
	| { kind: 'delay'; ms: number }
	| { kind: 'reset' }
	/** Answers normally but drops the connection half-way through the body. */
	| { kind: 'cut' };

export interface LogEntry {
	seq: number;
	time: string;
	method: string;
	path: string;
	query: string;
	endpoint: string;
	status: number;
}

interface Route {
	method: string;
	pattern: string;
	regex: RegExp;
	keys: string[];
	handler: Handler;
	control: boolean;
}

/**
 * Runs before every non-control route; return a response to answer instead of the handler
 * (authentication, rate limiting, version headers).
 */
export type Gate = (
	req: SandboxRequest,
) => SandboxResponse | undefined | Promise<SandboxResponse | undefined>;

export class SandboxServer {
	private readonly routes: Route[] = [];
	private readonly gates: Gate[] = [];
	private readonly faults = new Map<string, Fault[]>();
	private readonly sockets = new Set<Socket>();
	/** TCP connections accepted so far: with keep-alive, far fewer than requests. */
	connectionsOpened = 0;
	private server?: http.Server;
	private seq = 0;
	readonly log: LogEntry[] = [];
	url = '';

	constructor(readonly name: string) {
		this.control('GET', '/_sandbox/log', () => ({
			status: 200,
			body: { log: this.log, counts: this.counts() },
		}));
		this.control('POST', '/_sandbox/log/clear', () => {
			this.clearLog();
			return { status: 204 };
		});
		this.control('POST', '/_sandbox/faults', (req) => {
			const { endpoint, faults } = req.json<{ endpoint: string; faults: Fault[] }>();
			this.injectFaults(endpoint, faults);
			return { status: 204 };
		});
	}

	/** Registers an API route; `pattern` segments starting with `:` are parameters. */
	route(method: string, pattern: string, handler: Handler): void {
		this.addRoute(method, pattern, handler, false);
	}

	/** Registers a control-API route (under `/_sandbox/`): no gates, no log, no faults. */
	control(method: string, pattern: string, handler: Handler): void {
		if (!pattern.startsWith('/_sandbox/'))
			throw new Error(`control route must start with /_sandbox/: ${pattern}`);
		this.addRoute(method, pattern, handler, true);
	}

	gate(gate: Gate): void {
		this.gates.push(gate);
	}

	/** The next `faults.length` responses of `endpoint` (e.g. `POST /api/orders/import`) are these. */
	injectFaults(endpoint: string, faults: Fault[]): void {
		if (!this.routes.some((r) => `${r.method} ${r.pattern}` === endpoint)) {
			throw new HttpError(400, { message: `unknown endpoint ${endpoint}` });
		}
		this.faults.set(endpoint, [...(this.faults.get(endpoint) ?? []), ...faults]);
	}

	clearFaults(): void {
		this.faults.clear();
	}

	/** Number of logged requests per endpoint key (requests that matched no route count under `METHOD <unmatched>`). */
	counts(): Record<string, number> {
		const counts: Record<string, number> = {};
		for (const entry of this.log) counts[entry.endpoint] = (counts[entry.endpoint] ?? 0) + 1;
		return counts;
	}

	count(endpoint: string): number {
		return this.log.filter((e) => e.endpoint === endpoint).length;
	}

	clearLog(): void {
		this.log.length = 0;
	}

	async listen(port = 0, host = '127.0.0.1'): Promise<string> {
		this.server = http.createServer((req, res) => {
			void this.handle(req, res);
		});
		this.server.on('connection', (socket) => {
			this.connectionsOpened++;
			this.sockets.add(socket);
			socket.on('close', () => this.sockets.delete(socket));
		});
		await new Promise<void>((resolve) => this.server!.listen(port, host, resolve));
		const address = this.server.address() as AddressInfo;
		this.url = `http://${host}:${address.port}`;
		return this.url;
	}

	async close(): Promise<void> {
		if (!this.server) return;
		for (const socket of this.sockets) socket.destroy();
		await new Promise<void>((resolve) => this.server!.close(() => resolve()));
		this.server = undefined;
	}

	private addRoute(method: string, pattern: string, handler: Handler, control: boolean): void {
		const keys: string[] = [];
		const source = pattern
			.split('/')
			.map((segment) => {
				if (segment.startsWith(':')) {
					keys.push(segment.slice(1));
					return '([^/]+)';
				}
				return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
			})
			.join('/');
		this.routes.push({
			method,
			pattern,
			regex: new RegExp(`^${source}/?$`),
			keys,
			handler,
			control,
		});
	}

	private match(
		method: string,
		path: string,
	): { route: Route; params: Record<string, string> } | undefined {
		for (const route of this.routes) {
			if (route.method !== method) continue;
			const m = route.regex.exec(path);
			if (!m) continue;
			const params: Record<string, string> = {};
			route.keys.forEach((key, i) => (params[key] = decodeURIComponent(m[i + 1])));
			return { route, params };
		}
		return undefined;
	}

	private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
		const chunks: Buffer[] = [];
		for await (const chunk of req) chunks.push(chunk as Buffer);
		const rawBody = Buffer.concat(chunks);
		const url = new URL(req.url ?? '/', 'http://sandbox');
		const method = (req.method ?? 'GET').toUpperCase();
		const found = this.match(method, url.pathname);
		const endpoint = found ? `${method} ${found.route.pattern}` : `${method} <unmatched>`;
		const request: SandboxRequest = {
			method,
			path: url.pathname,
			query: url.searchParams,
			headers: req.headers,
			params: found?.params ?? {},
			rawBody,
			endpoint,
			json<T>() {
				try {
					return JSON.parse(rawBody.toString('utf8') || 'null') as T;
				} catch {
					throw new HttpError(400, { message: 'Request body is not valid JSON' });
				}
			},
			form() {
				return new URLSearchParams(rawBody.toString('utf8'));
			},
		};

		const control = found?.route.control ?? false;
		let response: SandboxResponse;
		const fault = control ? undefined : this.faults.get(endpoint)?.shift();
		try {
			if (fault?.kind === 'reset') {
				this.record(request, url, 0);
				req.socket.destroy();
				return;
			}
			if (fault?.kind === 'delay') await new Promise((r) => setTimeout(r, fault.ms));
			if (fault?.kind === 'status') {
				response = {
					status: fault.status,
					headers: fault.headers,
					body: fault.body ?? { message: `injected ${fault.status}` },
				};
			} else {
				response =
					(control ? undefined : await this.runGates(request)) ??
					(await this.dispatch(found?.route, request));
			}
		} catch (error) {
			response =
				error instanceof HttpError
					? { status: error.status, headers: error.headers, body: error.body }
					: { status: 500, body: { message: `sandbox error: ${(error as Error).message}` } };
		}
		if (!control) this.record(request, url, response.status);
		this.send(res, response, fault?.kind === 'cut');
	}

	private async runGates(request: SandboxRequest): Promise<SandboxResponse | undefined> {
		for (const gate of this.gates) {
			const answer = await gate(request);
			if (answer) return answer;
		}
		return undefined;
	}

	private async dispatch(
		route: Route | undefined,
		request: SandboxRequest,
	): Promise<SandboxResponse> {
		if (!route)
			return { status: 404, body: { message: `No route for ${request.method} ${request.path}` } };
		return route.handler(request);
	}

	private record(request: SandboxRequest, url: URL, status: number): void {
		this.log.push({
			seq: ++this.seq,
			time: new Date().toISOString(),
			method: request.method,
			path: request.path,
			query: url.search,
			endpoint: request.endpoint,
			status,
		});
	}

	private send(res: http.ServerResponse, response: SandboxResponse, cut = false): void {
		const headers: Record<string, string> = { ...(response.headers ?? {}) };
		let payload: Buffer | undefined;
		if (Buffer.isBuffer(response.body)) {
			payload = response.body;
		} else if (response.body !== undefined) {
			payload = Buffer.from(JSON.stringify(response.body));
			headers['Content-Type'] ??= 'application/json; charset=utf-8';
		}
		if (cut && payload) {
			res.writeHead(response.status, { ...headers, 'Content-Length': String(payload.length) });
			res.write(payload.subarray(0, Math.floor(payload.length / 2)), () => res.socket?.destroy());
			return;
		}
		res.writeHead(response.status, headers);
		res.end(payload);
	}
}
