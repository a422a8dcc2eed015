/**
 * Overlapping order pushes (issue 10 §2) in the hard sandbox, which accepts repeated order numbers:
 * two pushes of the same sale orders at once, in one process and in two, at 2 and 20 requests/s,
 * while a person prints the first order's label as soon as a copy of it shows up. At the end of
 * every round: exactly one Starshipit order per sale order, and that order's label bought once.
 *
 * `npm test` runs 3 rounds in one process at 20/s, 2 at 2/s (each takes ~10 s at that rate), and 2 in two processes at 20/s; for the issue's
 * figure run `OVERLAP_REPEATS=10 npm run build --silent && sh scripts/with-node24.sh npx vitest run
 * test/starshipit/order/creation/overlap.slow.test.mts` (10 rounds of each, at both rates, both ways), which prints the tally.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StarshipitSandbox } from '../../../sandbox/starshipit/index.mts';
import { isPrinted, printOrder } from '../../../sandbox/starshipit/lifecycle.mts';
import {
	API_KEY,
	harnessFor,
	outputOf,
	runNode,
	saleOrder,
	startSandbox,
} from '../../fixtures.mts';

const REPEATS = Number(process.env.OVERLAP_REPEATS ?? 0);
const ROOT = path.resolve(import.meta.dirname, '../../../..');

let sandbox: StarshipitSandbox;
beforeAll(async () => {
	sandbox = await startSandbox();
});
afterAll(async () => sandbox.close());

const parameters = {
	resource: 'order',
	operation: 'createMany',
	inputMode: 'saleOrder',
	saleOrder: '={{ $json }}',
	skipExisting: true,
};

/** Prints the first copy of `orderNumber` that shows up, once (a person at the packing bench). */
function printWhenSeen(orderNumber: string): () => void {
	const timer = setInterval(() => {
		const account = sandbox.state.accountByKey(API_KEY);
		const copies = [...account.orders.values()].filter((s) => s.order.order_number === orderNumber);
		if (copies.some(isPrinted)) return clearInterval(timer);
		if (copies.length) printOrder(sandbox.state, copies[copies.length - 1]);
	}, 5);
	return () => clearInterval(timer);
}

/** The second process: started once (loading n8n takes seconds), one push per request line. */
class ChildPusher {
	private readonly child: ChildProcessWithoutNullStreams;
	private buffer = '';
	private waiting: Array<(line: string) => void> = [];

	constructor() {
		const tsx = path.join(ROOT, 'node_modules/tsx/dist/cli.mjs');
		this.child = spawn(
			process.execPath,
			[tsx, path.join(ROOT, 'test/starshipit/order/creation/overlapChild.mts')],
			{ cwd: ROOT },
		);
		this.child.stdout.on('data', (data: Buffer) => {
			this.buffer += data.toString('utf8');
			let newline: number;
			while ((newline = this.buffer.indexOf('\n')) >= 0) {
				const line = this.buffer.slice(0, newline);
				this.buffer = this.buffer.slice(newline + 1);
				this.waiting.shift()?.(line);
			}
		});
	}

	private next(): Promise<string> {
		return new Promise((resolve) => this.waiting.push(resolve));
	}

	ready(): Promise<string> {
		return this.next();
	}

	async push(refs: string[]): Promise<string[]> {
		const reply = this.next();
		this.child.stdin.write(
			`${JSON.stringify({ url: sandbox.url, rateTier: sandbox.rateTier(), refs })}\n`,
		);
		return (JSON.parse(await reply) as { statuses: string[] }).statuses;
	}

	stop(): void {
		this.child.stdin.end();
		this.child.kill();
	}
}

let child: ChildPusher | undefined;
afterAll(() => child?.stop());

interface Round {
	copies: Map<string, number>;
	labelled: number;
	statuses: string[];
}

async function round(rate: number, n: number, twoProcesses: boolean, tag: string): Promise<Round> {
	sandbox.reset();
	sandbox.configure({ ratePerSecond: rate, burst: rate });
	const refs = Array.from({ length: n }, (_, i) => `${tag}-${i + 1}`);
	const stop = printWhenSeen(refs[0]);
	const inProcess = async () =>
		outputOf(
			await runNode(
				harnessFor(sandbox),
				parameters,
				refs.map((r) => saleOrder(r)),
				{ continueOnFail: true },
			),
		).map((o) => String((o.json.outcome as { status?: string } | undefined)?.status ?? 'failed'));
	const results = await Promise.all([inProcess(), twoProcesses ? child!.push(refs) : inProcess()]);
	stop();
	const copies = new Map<string, number>();
	let labelled = 0;
	for (const stored of sandbox.state.accountByKey(API_KEY).orders.values()) {
		copies.set(stored.order.order_number, (copies.get(stored.order.order_number) ?? 0) + 1);
		if (isPrinted(stored)) labelled++;
	}
	return { copies, labelled, statuses: results.flat() };
}

function check(result: Round, n: number) {
	expect(result.copies.size).toBe(n);
	expect([...result.copies.values()].every((c) => c === 1)).toBe(true);
	expect(result.labelled).toBe(1);
	expect(result.statuses.every((s) => s === 'created' || s === 'skipped_existing')).toBe(true);
}

const plans: Array<{ rate: number; n: number; twoProcesses: boolean; repeats: number }> = [
	{ rate: 20, n: 20, twoProcesses: false, repeats: REPEATS || 3 },
	{ rate: 2, n: 4, twoProcesses: false, repeats: REPEATS || 2 },
	{ rate: 20, n: 20, twoProcesses: true, repeats: REPEATS || 2 },
	...(REPEATS ? [{ rate: 2, n: 4, twoProcesses: true, repeats: REPEATS }] : []),
];

describe('two overlapping order pushes', () => {
	for (const plan of plans) {
		const label = `${plan.twoProcesses ? 'two processes' : 'one process'}, ${plan.rate} req/s, ${plan.n} sale orders, ${plan.repeats} rounds`;
		it(
			`${label}: one Starshipit order per sale order, one label`,
			{ timeout: 120_000 + plan.repeats * (plan.rate === 2 ? 30_000 : 10_000) },
			async () => {
				if (plan.twoProcesses && !child) {
					child = new ChildPusher();
					expect(await child.ready()).toBe('ready');
				}
				let clean = 0;
				for (let k = 0; k < plan.repeats; k++) {
					const result = await round(plan.rate, plan.n, plan.twoProcesses, `OV${k}`);
					const duplicated = [...result.copies.values()].filter((c) => c > 1).length;
					if (duplicated === 0 && result.copies.size === plan.n && result.labelled === 1) clean++;
					check(result, plan.n);
				}
				console.log(
					`overlap ${label}: ${clean}/${plan.repeats} rounds ended with exactly one order per sale order and one label`,
				);
			},
		);
	}
});
