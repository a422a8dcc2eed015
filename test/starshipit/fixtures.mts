/**
 * Shared pieces of the Starshipit node tests: a sandbox per test file, the harness with a
 * credential pointing at it, workflow JSON builders, and CartonCloud sale-order fixtures.
 */
import type { IDataObject, INode, INodeExecutionData } from 'n8n-workflow';
import { afterAll, beforeAll, beforeEach, expect } from 'vitest';
import { Harness, type WorkflowJson } from '../harness/index.mts';
import { outcomeOf } from '../harness/outcome.mts';
import {
	createStarshipitSandbox,
	DEFAULT_SUBSCRIPTION_KEY,
	type StarshipitSandbox,
	type StarshipitSandboxOptions,
} from '../sandbox/starshipit/index.mts';
import { labelsBought } from '../sandbox/starshipit/lifecycle.mts';

export const API_KEY = 'sandbox-api-key';
export const PACKAGE = 'n8n-nodes-cartoncloud-starshipit';
export const CREDENTIALS = { starshipitApi: { id: 'ss', name: 'Starshipit Sandbox' } };

/** A sandbox on 127.0.0.1:0; a high rate unless the test is about rate limits. */
export async function startSandbox(
	options: StarshipitSandboxOptions = {},
): Promise<StarshipitSandbox> {
	const sandbox = createStarshipitSandbox({ ratePerSecond: 1000, burst: 1000, ...options });
	await sandbox.listen();
	return sandbox;
}

/**
 * One sandbox per test file, and a harness whose credential points at it, handed to `ready` once
 * started; reset and unpaced before each test (a test about rate limits configures its own).
 */
export function useSandbox(
	ready: (sandbox: StarshipitSandbox, harness: Harness) => void,
	options: { sandbox?: StarshipitSandboxOptions; credential?: IDataObject } = {},
): void {
	let sandbox: StarshipitSandbox | undefined;
	beforeAll(async () => {
		sandbox = await startSandbox(options.sandbox);
		ready(sandbox, harnessFor(sandbox, options.credential));
	});
	afterAll(async () => sandbox?.close());
	beforeEach(() => {
		sandbox!.reset();
		sandbox!.configure({ ratePerSecond: 1000, burst: 1000 });
	});
}

export function harnessFor(sandbox: StarshipitSandbox, data: IDataObject = {}): Harness {
	return new Harness({
		ss: {
			type: 'starshipitApi',
			data: {
				apiKey: API_KEY,
				subscriptionKey: DEFAULT_SUBSCRIPTION_KEY,
				baseUrl: sandbox.url,
				rateTier: sandbox.rateTier(),
				...data,
			} as never,
		},
	});
}

/**
 * Manual trigger → "Orders" (No Operation, where test items enter) → "Starshipit"; `continueOnFail`
 * sets On Error to "Continue", `errorOutput` to "Continue (using error output)".
 */
export function nodeWorkflow(
	parameters: IDataObject,
	options: { continueOnFail?: boolean; errorOutput?: boolean; typeVersion?: number } = {},
): WorkflowJson {
	const nodes: INode[] = [
		{
			id: '1',
			name: 'Start',
			type: 'n8n-nodes-base.manualTrigger',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		},
		{
			id: '2',
			name: 'Orders',
			type: 'n8n-nodes-base.noOp',
			typeVersion: 1,
			position: [200, 0],
			parameters: {},
		},
		{
			id: '3',
			name: 'Starshipit',
			type: `${PACKAGE}.starshipit`,
			typeVersion: options.typeVersion ?? 2,
			position: [400, 0],
			parameters: parameters as INode['parameters'],
			credentials: CREDENTIALS,
			...(options.errorOutput
				? { onError: 'continueErrorOutput' as const }
				: options.continueOnFail
					? { onError: 'continueRegularOutput' as const }
					: {}),
		},
	];
	return {
		name: 'starshipit-test',
		nodes,
		connections: {
			Start: { main: [[{ node: 'Orders', type: 'main', index: 0 }]] },
			Orders: { main: [[{ node: 'Starshipit', type: 'main', index: 0 }]] },
		} as never,
	};
}

/** Runs the Starshipit node with these parameters over these input items. */
export async function runNode(
	harness: Harness,
	parameters: IDataObject,
	items: IDataObject[] = [{}],
	options: { continueOnFail?: boolean; typeVersion?: number } = {},
) {
	const run = await harness.run(nodeWorkflow(parameters, options), {
		startNode: 'Orders',
		items: items.map((json) => ({ json })),
	});
	return run;
}

/** Runs the Starshipit node with "On Error: Continue (using error output)": both outputs. */
export async function runWithErrorOutput(
	harness: Harness,
	parameters: IDataObject,
	items: IDataObject[],
) {
	const run = await harness.run(nodeWorkflow(parameters, { errorOutput: true }), {
		startNode: 'Orders',
		items: items.map((json) => ({ json })),
	});
	return {
		status: run.status,
		success: run.output('Starshipit', 0),
		errors: run.output('Starshipit', 1),
	};
}

export function outputOf(run: Awaited<ReturnType<typeof runNode>>): INodeExecutionData[] {
	return run.output('Starshipit');
}

/** Create parameters in "Define Below" mode reading each item's fields by expression. */
export const uiCreateParameters = (
	operation: 'create' | 'createMany',
	extra: IDataObject = {},
): IDataObject => ({
	resource: 'order',
	operation,
	inputMode: 'fields',
	orderNumber: '={{ $json.order_number }}',
	destination: {
		address: {
			name: '={{ $json.name }}',
			street: '={{ $json.street }}',
			suburb: '={{ $json.suburb }}',
			state: 'NSW',
			post_code: '={{ $json.post_code }}',
			country: '={{ $json.country }}',
		},
	},
	items: { item: [{ description: 'Widget', sku: 'SKU-1', quantity: 2, weight: 0.5, value: 10 }] },
	...extra,
});

export const uiOrderItem = (orderNumber: string, overrides: IDataObject = {}): IDataObject => ({
	order_number: orderNumber,
	name: 'Jane Citizen',
	street: '1 George St',
	suburb: 'Sydney',
	post_code: '2000',
	country: 'AU',
	...overrides,
});

/** A CartonCloud sale order as the CartonCloud API returns it (cartoncloud-api §3.2). */
export function saleOrder(
	reference: string,
	overrides: { address?: IDataObject; instructions?: string | null; items?: IDataObject[] } = {},
): IDataObject {
	return {
		id: `uuid-${reference}`,
		type: 'OUTBOUND',
		status: 'PACKED',
		version: 1,
		references: { customer: reference, numericId: String(reference.replace(/\D/g, '') || '1') },
		customer: {
			id: 'cust-1',
			name: 'Acme Homewares Pty Ltd',
			enabled: true,
			references: { code: 'ACME' },
		},
		warehouse: { id: 'wh-1', name: 'Sydney DC' },
		details: {
			urgent: false,
			instructions: null,
			collect: { requiredDate: null },
			deliver: {
				address: {
					companyName: 'Citizen Enterprises',
					contactName: 'Jane Citizen',
					address1: '1 George St',
					address2: 'Level 2',
					suburb: 'Sydney',
					city: 'Sydney',
					postcode: '2000',
					phone: '0400 000 000',
					email: 'jane@example.com',
					state: { code: 'NSW', name: 'New South Wales' },
					country: { iso2Code: 'AU' },
					...overrides.address,
				},
				method: { type: 'SHIPPING', requestedService: 'Standard' },
				instructions:
					overrides.instructions === undefined ? 'Leave at the front door' : overrides.instructions,
				requiredDate: null,
			},
			invoiceValue: { amount: 120, currency: 'AUD' },
			allowSplitting: true,
		},
		properties: {},
		items: overrides.items ?? [
			{
				id: 'line-1',
				details: {
					product: { references: { code: 'MUG-01' }, name: 'Coffee Mug' },
					unitOfMeasure: { type: 'UNITS' },
					approximateUnitPrice: { amount: 12.5, currency: 'AUD' },
				},
				measures: { quantity: 4, weight: 2 },
				properties: {},
			},
		],
		timestamps: { created: { time: '2025-07-07T10:06:24+10:00' } },
	};
}

/** Order numbers currently stored in the sandbox's default account. */
export function storedOrderNumbers(sandbox: StarshipitSandbox): string[] {
	return [...sandbox.state.accountByKey(API_KEY).orders.values()].map((s) => s.order.order_number);
}

/**
 * `useSandbox` for the tests of labels and what follows them (manifests, tracking), with two
 * helpers over the file's sandbox: `createOrders()` makes two orders, L-1 with two packages (two
 * labels) and L-2 with the default package, and returns their JSON; `bought(orderNumber)` counts
 * the labels bought for an order so far (each print is a carrier charge).
 */
export function useLabelOrders(ready: (sandbox: StarshipitSandbox, harness: Harness) => void) {
	let sandbox: StarshipitSandbox;
	let harness: Harness;
	useSandbox((started, startedHarness) => {
		sandbox = started;
		harness = startedHarness;
		ready(started, startedHarness);
	});
	const bought = (orderNumber: string): number => {
		const stored = sandbox.state.findByNumber(sandbox.state.accountByKey(), orderNumber)!;
		return labelsBought(stored);
	};
	const createOrders = async () => {
		const twoPackages = {
			packages: {
				package: [
					{ weight: 1.2, length: 0.3, width: 0.2, height: 0.1 },
					{ weight: 0.8, length: 0.2, width: 0.2, height: 0.1 },
				],
			},
		};
		const [l1] = outputOf(
			await runNode(harness, uiCreateParameters('create', twoPackages), [uiOrderItem('L-1')]),
		);
		const [l2] = outputOf(
			await runNode(harness, uiCreateParameters('create'), [uiOrderItem('L-2')]),
		);
		return { l1: l1.json, l2: l2.json };
	};
	return { bought, createOrders };
}

/** The PDF in an output item's binary property `key` (which must be there): bytes, name, MIME type. */
export function pdf(
	item: INodeExecutionData,
	key: string,
): { bytes: Buffer; fileName?: string; mimeType: string } {
	const binary = item.binary?.[key];
	expect(binary, `binary ${key}`).toBeDefined();
	return {
		bytes: Buffer.from(binary!.data, 'base64'),
		fileName: binary!.fileName,
		mimeType: binary!.mimeType,
	};
}

/** The outcome in an output item's JSON. */
export const outcome = (json: IDataObject) => outcomeOf({ json }) as IDataObject;
