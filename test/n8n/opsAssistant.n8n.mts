/**
 * workflows/ops-assistant.json in a real n8n (issue 27): a chat message reaches n8n's AI Agent,
 * whose model is a local OpenAI-compatible stub (./stubModel.mts; no network) that calls every
 * tool the way a model does (lists as text, optional arguments left out, one bad argument),
 * retries after the error, then answers from what the tools returned. The test reads what n8n
 * sent the model: the tool descriptions, and each tool's answer, which must stay under 8,000
 * characters; and what the sandboxes received: the right reads, and nothing written.
 *
 * Set up as a user would: the OpenAI credential (its Base URL pointing at the stub) chosen on the
 * chat model, and "Make Chat Publicly Available" on, so the chat is reached over HTTP.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../scripts/n8n/paths.mts';
import {
	credentialNames,
	prepareN8n,
	type RealN8n,
	type RunningN8n,
	type WorkflowJson,
} from '../../scripts/n8n/realN8n.mts';
import { BAD_ORDER_REFERENCES } from '../sandbox/cartoncloud/index.mts';
import { CREDENTIALS, type Sandboxes, startSandboxes } from '../sandbox/index.mts';
import { BUNDLED_CASES, starshipitOrders } from './cases.mts';
import {
	type ChatRequest,
	type ScriptReply,
	startStubModel,
	type StubModel,
	textOf,
} from './stubModel.mts';

const CASE = BUNDLED_CASES.find(
	(c) => c.kind === 'chat' && c.suite.endsWith('opsAssistant.n8n.mts'),
)!;
const PUSH = 'workflows/order-push-scheduled.json';
const STUB_CREDENTIAL = { id: 'stub-model', name: 'Local stub model' };
const LIMIT = 8_000;
const BAD = Object.values(BAD_ORDER_REFERENCES) as string[];

let sb: Sandboxes;
let stub: StubModel;
let n8n: RealN8n;
let server: RunningN8n;
let folder: string;
let chatPath: string;
/** The order the user asks about: pushed by the real order push, then printed. */
let target = '';

// ---------------------------------------------------------------------------------------------
// The stub model's script: what a model would do with the question, one turn at a time.

const today = () => new Date().toISOString().slice(0, 10);

/** The tool n8n offers under a node's name (nodeNameToToolName: spaces become underscores). */
function toolNamed(request: ChatRequest, nodeName: string): string {
	const name = nodeName.replace(/[^a-zA-Z0-9_-]+/g, '_');
	const found = request.tools?.find((t) => t.function.name === name);
	if (!found)
		throw new Error(
			`n8n offered no tool ${name}; it offered ${request.tools?.map((t) => t.function.name).join(', ')}`,
		);
	return found.function.name;
}

/** The tool messages n8n sent after the user's last message. */
function toolAnswers(request: ChatRequest) {
	const lastUser = request.messages.map((m) => m.role).lastIndexOf('user');
	return request.messages.slice(lastUser + 1);
}

function script(request: ChatRequest): ScriptReply {
	const since = toolAnswers(request);
	const called = since.flatMap((m) => m.tool_calls ?? []);
	if (called.length === 0) {
		// Turn 1: every tool, with a model's arguments: a list as text, optional arguments left out, one bad status.
		return {
			toolCalls: [
				{
					name: toolNamed(request, 'Find sale orders'),
					arguments: { statuses: 'PACKED, awaiting pick and pack' },
				},
				{
					name: toolNamed(request, 'Find sale orders'),
					arguments: { statuses: 'PACKED, SHIPPED' },
				},
				{ name: toolNamed(request, 'Get Starshipit order'), arguments: { order_number: target } },
				{ name: toolNamed(request, 'Track shipment'), arguments: { order_number: target } },
				{ name: toolNamed(request, 'List unshipped Starshipit orders'), arguments: {} },
				{ name: toolNamed(request, 'Check what needs attention'), arguments: {} },
			],
		};
	}
	if (!called.some((call) => call.function.arguments.includes('REJECTED'))) {
		// Turn 2: the error named the allowed statuses; ask again as it says, for today's failures.
		const error = since
			.filter((m) => m.role === 'tool')
			.map(textOf)
			.find((t) => t.includes('is not an allowed value'));
		if (!error?.includes('REJECTED'))
			throw new Error(
				`no error naming the allowed statuses came back: ${since.map(textOf).join(' | ')}`,
			);
		return {
			toolCalls: [
				{
					name: toolNamed(request, 'Find sale orders'),
					arguments: { statuses: 'REJECTED', changed_since: today() },
				},
			],
		};
	}
	// Turn 3: answer from what the tools returned.
	const answers = since
		.filter((m) => m.role === 'tool')
		.map((m) => JSON.parse(textOf(m)) as Array<Record<string, unknown>>);
	const order = answers
		.flat()
		.find((row) => row.order_number === target && row.order_id !== undefined);
	const summary = answers.flat().find((row) => row.report === 'summary') as
		| { counts?: { not_in_starshipit?: number } }
		| undefined;
	return {
		text: `${target} is ${String(order?.status)} with ${String(order?.carrier)}, tracking ${String(order?.tracking_number)}. ${summary?.counts?.not_in_starshipit ?? '?'} packed orders are not in Starshipit.`,
	};
}

// ---------------------------------------------------------------------------------------------

/** The assistant as a user sets it up: the stub's credential on the chat model, the chat public. */
function setUp(json: WorkflowJson): WorkflowJson {
	const nodes = json.nodes.map((node) => {
		if (node.type === '@n8n/n8n-nodes-langchain.lmChatOpenAi')
			return { ...node, credentials: { openAiApi: STUB_CREDENTIAL } };
		if (node.type === '@n8n/n8n-nodes-langchain.chatTrigger')
			return { ...node, parameters: { ...node.parameters, public: true } };
		return node;
	});
	return { ...json, nodes };
}

beforeAll(async () => {
	sb = await startSandboxes({ starshipit: { ratePerSecond: 1000, burst: 1000 } });
	stub = await startStubModel(script);
	n8n = await prepareN8n({
		credentials: {
			...sb.credentials(),
			[STUB_CREDENTIAL.id]: { type: 'openAiApi', data: { apiKey: 'stub-key', url: stub.url } },
		},
		credentialNames: {
			...credentialNames(CREDENTIALS),
			[STUB_CREDENTIAL.id]: STUB_CREDENTIAL.name,
		},
	});
	folder = mkdtempSync(join(tmpdir(), 'ops-assistant-'));
	const assistant = setUp(
		JSON.parse(readFileSync(join(PACKAGE_ROOT, CASE.file), 'utf8')) as WorkflowJson,
	);
	const copy = join(folder, 'ops-assistant.json');
	writeFileSync(copy, JSON.stringify(assistant));
	const [push, imported] = await n8n.importWorkflows([join(PACKAGE_ROOT, PUSH), copy]);
	const trigger = assistant.nodes.find((n) => n.type === '@n8n/n8n-nodes-langchain.chatTrigger')!;
	chatPath = `${String(trigger.webhookId)}/chat`;

	// The day's work: the real order push, one label printed. Only its Starshipit orders matter here:
	// the run itself ends in error, at its failed orders or at the alert workflow it hands them to,
	// which n8n execute cannot run (data tables need n8n's modules; test/n8n/alerts.n8n.mts proves it).
	const run = await n8n.execute(push.id);
	expect(starshipitOrders(sb).length, run.cli.stdout.slice(-3000)).toBeGreaterThan(30);
	target = starshipitOrders(sb).find((o) => o.order_number.startsWith('KOA-'))!.order_number;
	sb.starshipit.printOrder(target);

	server = await n8n.start({ publish: [imported.id], webhooks: [{ path: chatPath }] });
	sb.cartonCloud.server.clearLog();
	sb.starshipit.server.clearLog();
});

afterAll(async () => {
	await server?.stop();
	await n8n?.dispose();
	await stub?.close();
	await sb?.close();
	if (folder) rmSync(folder, { recursive: true, force: true });
});

describe('the ops assistant in real n8n, with a local stub model', () => {
	let reply: { status: number; body: { output?: string } };

	it('answers a chat message from what its tools read', async () => {
		const res = await fetch(server.webhookUrl(chatPath), {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({
				action: 'sendMessage',
				sessionId: 'ops-session-1',
				chatInput: `Where is order ${target}? What is stuck, and what failed today?`,
			}),
			signal: AbortSignal.timeout(120_000),
		});
		const text = await res.text();
		reply = { status: res.status, body: JSON.parse(text) as { output?: string } };
		expect(res.status, `${text}\n--- n8n log (tail) ---\n${server.logs().slice(-4000)}`).toBe(200);
		const tracking = starshipitOrders(sb).find((o) => o.order_number === target)!
			.tracking_numbers[0];
		expect(reply.body.output).toBe(
			`${target} is Printed with Plain Label, tracking ${tracking}. ${BAD.length} packed orders are not in Starshipit.`,
		);
		expect(stub.requests).toHaveLength(3);
	});

	it('told the model what each tool does, its caveats, and the arguments it takes', () => {
		const tools = Object.fromEntries(
			(stub.requests[0].tools ?? []).map((t) => [t.function.name, t.function]),
		);
		expect(Object.keys(tools).sort()).toEqual([
			'Check_what_needs_attention',
			'Find_sale_orders',
			'Get_Starshipit_order',
			'List_unshipped_Starshipit_orders',
			'Track_shipment',
		]);
		expect(tools.Find_sale_orders.description).toMatch(
			/^Search CartonCloud sale orders .* Packed is off by default/,
		);
		expect(tools.List_unshipped_Starshipit_orders.description).toMatch(
			/only orders updated in the last 24 hours/,
		);
		for (const tool of Object.values(tools)) expect(tool.description).toMatch(/Read-only/);
		expect(Object.keys(tools.Find_sale_orders.parameters.properties ?? {}).sort()).toEqual([
			'changed_since',
			'customer',
			'customer_reference',
			'statuses',
		]);
		expect(tools.Find_sale_orders.parameters.properties?.statuses.description).toMatch(
			/comma-separated/,
		);
	});

	it("the editor offers each Tool node with its own description per operation, not n8n's generic one", () => {
		// n8n writes the node types the editor loads to <user folder>/.cache/n8n/public/types/nodes.json.
		const types = JSON.parse(
			readFileSync(join(n8n.userFolder, '.cache/n8n/public/types/nodes.json'), 'utf8'),
		) as Array<{ name: string; properties: Array<{ name: string; default?: unknown }> }>;
		for (const node of ['cartonCloudTool', 'starshipitTool']) {
			const type = types.find((t) => t.name.endsWith(`.${node}`));
			expect(type, node).toBeDefined();
			const descriptions = type!.properties.filter((p) => p.name === 'toolDescription');
			expect(descriptions.length, node).toBeGreaterThan(10);
			expect(
				type!.properties.some((p) => p.name === 'descriptionType'),
				node,
			).toBe(false);
		}
	});

	it('every tool answer the model got stays under 8,000 characters', () => {
		const answers = stub.requests
			.at(-1)!
			.messages.filter((m) => m.role === 'tool')
			.map(textOf);
		expect(answers).toHaveLength(7);
		const sizes = answers.map((a) => a.length);
		console.log(`[ops-assistant] tool answer sizes (characters): ${sizes.join(', ')}`);
		for (const size of sizes) expect(size).toBeLessThanOrEqual(LIMIT);
	});

	it('the bad argument came back to the model as an actionable error, and the run went on', () => {
		const answers = stub.requests
			.at(-1)!
			.messages.filter((m) => m.role === 'tool')
			.map((m) => JSON.parse(textOf(m)) as Array<Record<string, unknown>>);
		const errors = answers
			.filter((a) => a.length === 1 && typeof a[0].error === 'string')
			.map((a) => String(a[0].error));
		expect(errors).toEqual([
			'"Statuses": "SHIPPED" is not an allowed value. Use one or more of: AWAITING_PICK_AND_PACK, AWAITING_STOCK, DISPATCHED, DRAFT, PACKED, PACKING_IN_PROGRESS, PICKED, REJECTED (as a list or comma-separated)',
		]);
		// The retry the error asked for was answered: today's rejected sale orders, or a note that there are none.
		expect(answers.at(-1)!.length).toBeGreaterThan(0);
	});

	it('the sandboxes received the reads the questions need, and nothing was written', () => {
		const starshipit = sb.starshipit.server.log.map((e) => `${e.method} ${e.path}${e.query}`);
		expect(starshipit).toContain(`GET /api/orders?order_number=${target}`);
		expect(starshipit).toContain(`GET /api/track?order_number=${target}`);
		expect(
			starshipit.some(
				(r) => r.startsWith('GET /api/orders/unshipped?limit=') && !r.includes('since_'),
			),
		).toBe(true);
		expect(starshipit.filter((r) => !r.startsWith('GET '))).toEqual([]);
		const cartonCloud = sb.cartonCloud.server.log.map((e) => e.endpoint);
		// Three sale-order searches (two statuses, the retry, the report's), none for the bad argument.
		expect(
			cartonCloud.filter((r) => r === 'POST /tenants/:tenantId/outbound-orders/search').length,
		).toBeGreaterThanOrEqual(3);
		expect(
			cartonCloud.filter(
				(r) => !r.startsWith('GET ') && !r.endsWith('/search') && !r.includes('oauth'),
			),
		).toEqual([]);
		expect(reply.status).toBe(200);
	});
});
