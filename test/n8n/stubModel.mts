/**
 * A local OpenAI-compatible chat model for the real-n8n suite: `POST /v1/chat/completions` (plain
 * or streamed), answered by a script the test writes, never the network. n8n's OpenAI Chat Model
 * node reaches it through an OpenAI credential whose Base URL is `url` (what a user does for LM
 * Studio, vLLM or a gateway).
 *
 * Every request is recorded as the model saw it, so a test can read what n8n sent: the tools with
 * their descriptions and argument schemas, and each tool's answer (a `tool` message).
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ChatMessage {
	role: 'system' | 'user' | 'assistant' | 'tool';
	content: string | null | Array<{ type: string; text?: string }>;
	tool_calls?: ToolCall[];
	tool_call_id?: string;
}

export interface ToolCall {
	id: string;
	type: 'function';
	function: { name: string; arguments: string };
}

export interface ToolSpec {
	type: 'function';
	function: {
		name: string;
		description: string;
		parameters: { properties?: Record<string, { description?: string; type?: string }> };
	};
}

export interface ChatRequest {
	model: string;
	messages: ChatMessage[];
	tools?: ToolSpec[];
	stream?: boolean;
}

/** What the script answers: tool calls (arguments as the model writes them) or the final text. */
export type ScriptReply =
	| { toolCalls: Array<{ name: string; arguments: Record<string, unknown> }> }
	| { text: string };

export interface StubModel {
	/** Base URL for the OpenAI credential, e.g. http://127.0.0.1:4321/v1. */
	url: string;
	/** Every chat request received, in order. */
	requests: ChatRequest[];
	close(): Promise<void>;
}

/** The text of a message's content, whichever form n8n sent it in. */
export function textOf(message: ChatMessage): string {
	if (typeof message.content === 'string') return message.content;
	return (message.content ?? []).map((part) => part.text ?? '').join('');
}

async function bodyOf(req: IncomingMessage): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks).toString('utf8');
}

function completion(request: ChatRequest, reply: ScriptReply) {
	const toolCalls: ToolCall[] | undefined =
		'toolCalls' in reply
			? reply.toolCalls.map((call) => ({
					id: `call_${randomUUID().slice(0, 8)}`,
					type: 'function',
					function: { name: call.name, arguments: JSON.stringify(call.arguments) },
				}))
			: undefined;
	const message = {
		role: 'assistant',
		content: 'text' in reply ? reply.text : null,
		...(toolCalls ? { tool_calls: toolCalls } : {}),
	};
	return { message, finish_reason: toolCalls ? 'tool_calls' : 'stop', model: request.model };
}

function answer(res: ServerResponse, request: ChatRequest, reply: ScriptReply): void {
	const { message, finish_reason, model } = completion(request, reply);
	const id = `chatcmpl-${randomUUID().slice(0, 8)}`;
	const created = Math.floor(Date.now() / 1000);
	const usage = { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 };
	if (!request.stream) {
		res.writeHead(200, { 'content-type': 'application/json' });
		res.end(
			JSON.stringify({
				id,
				object: 'chat.completion',
				created,
				model,
				choices: [{ index: 0, message, finish_reason, logprobs: null }],
				usage,
			}),
		);
		return;
	}
	// Streamed: the role, then the content or each tool call whole, then the finish and [DONE].
	res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
	const chunk = (delta: object, finish: string | null = null) =>
		res.write(
			`data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model, choices: [{ index: 0, delta, finish_reason: finish, logprobs: null }] })}\n\n`,
		);
	chunk({ role: 'assistant', content: '' });
	if (message.content) chunk({ content: message.content });
	(message.tool_calls ?? []).forEach((call, index) =>
		chunk({ tool_calls: [{ index, id: call.id, type: 'function', function: call.function }] }),
	);
	chunk({}, finish_reason);
	res.write(
		`data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model, choices: [], usage })}\n\n`,
	);
	res.end('data: [DONE]\n\n');
}

/** Starts the stub on a free loopback port; `script` answers each chat request. */
export async function startStubModel(
	script: (request: ChatRequest) => ScriptReply,
): Promise<StubModel> {
	const requests: ChatRequest[] = [];
	const server = createServer((req, res) => {
		void (async () => {
			const path = (req.url ?? '').split('?')[0];
			if (req.method === 'GET' && path.endsWith('/models')) {
				res.writeHead(200, { 'content-type': 'application/json' });
				res.end(
					JSON.stringify({
						object: 'list',
						data: [{ id: 'stub-model', object: 'model', owned_by: 'test' }],
					}),
				);
				return;
			}
			if (req.method !== 'POST' || !path.endsWith('/chat/completions')) {
				res.writeHead(404, { 'content-type': 'application/json' });
				res.end(
					JSON.stringify({ error: { message: `The stub model has no ${req.method} ${path}` } }),
				);
				return;
			}
			const request = JSON.parse(await bodyOf(req)) as ChatRequest;
			requests.push(request);
			try {
				answer(res, request, script(request));
			} catch (error) {
				res.writeHead(500, { 'content-type': 'application/json' });
				res.end(
					JSON.stringify({ error: { message: `stub script failed: ${(error as Error).message}` } }),
				);
			}
		})();
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}/v1`,
		requests,
		close: async () => await new Promise<void>((resolve) => server.close(() => resolve())),
	};
}
