/**
 * The harness itself: a workflow that crosses both APIs runs through n8n-core's engine over real
 * HTTP, refreshes an expired CartonCloud token once (n8n's preAuthentication path, with the new
 * token written back to the stored credential), and hands back a label as binary PDF data.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CREDENTIALS, type Sandboxes, startSandboxes } from '../sandbox/index.mts';
import { Harness, type WorkflowJson } from './index.mts';

const PKG = 'n8n-nodes-cartoncloud-starshipit';
const TOKEN = 'POST /uaa/oauth/token';

function workflow(reference: string): WorkflowJson {
	const node = (
		name: string,
		type: string,
		parameters: Record<string, unknown>,
		credentials: Record<string, unknown>,
		x: number,
	) => ({
		id: name,
		name,
		type: `${PKG}.${type}`,
		typeVersion: 1,
		position: [x, 0] as [number, number],
		parameters: parameters as never,
		credentials: credentials as never,
	});
	return {
		name: 'harness proof',
		nodes: [
			{
				id: 'start',
				name: 'Start',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			node(
				'Sale order',
				'cartonCloud',
				{
					resource: 'saleOrder',
					operation: 'getMany',
					returnAll: false,
					limit: 1,
					filters: { customerReference: reference },
				},
				{ cartonCloudApi: CREDENTIALS.cartonCloud },
				200,
			),
			node(
				'Create',
				'starshipit',
				{
					resource: 'order',
					operation: 'create',
					inputMode: 'saleOrder',
					saleOrder: '={{ $json }}',
					skipExisting: true,
				},
				{ starshipitApi: CREDENTIALS.starshipit },
				400,
			),
			node(
				'Label',
				'starshipit',
				{
					resource: 'label',
					operation: 'print',
					orderBy: 'orderNumber',
					orderNumber: '={{ $json.order_number }}',
					binaryPropertyName: 'label',
				},
				{ starshipitApi: CREDENTIALS.starshipit },
				600,
			),
		],
		connections: {
			Start: { main: [[{ node: 'Sale order', type: 'main', index: 0 }]] },
			'Sale order': { main: [[{ node: 'Create', type: 'main', index: 0 }]] },
			Create: { main: [[{ node: 'Label', type: 'main', index: 0 }]] },
		},
	};
}

describe('engine harness', () => {
	let sandboxes: Sandboxes;
	beforeAll(async () => {
		sandboxes = await startSandboxes({ starshipit: { ratePerSecond: 1000, burst: 1000 } });
	});
	afterAll(async () => {
		await sandboxes.close();
	});

	it('runs a workflow across both APIs through a token refresh and returns the label as a binary PDF', async () => {
		const credentials = sandboxes.credentials();
		const harness = new Harness(credentials);
		const [first, second] = sandboxes.cartonCloud
			.state()
			.outboundOrders.filter(
				(o) => o.status === 'PACKED' && o.customer.name === 'Kiwi Kitchenware',
			);

		// First run: no stored token yet, so exactly one is fetched and stored with the credential.
		const warmUp = await harness.run(workflow(first.references.customer));
		expect(warmUp.status).toBe('success');
		expect(harness.credentialsHelper.events.preAuthentications).toEqual([
			{ type: 'cartonCloudApi', expired: false },
		]);
		const storedToken = credentials[CREDENTIALS.cartonCloud.id].data.accessToken;
		expect(storedToken).toEqual(expect.any(String));

		// The stored token expires: the next call gets a 401, n8n refreshes once and retries.
		sandboxes.cartonCloud.expireTokens();
		sandboxes.cartonCloud.server.clearLog();
		const run = await harness.run(workflow(second.references.customer));
		expect(run.status).toBe('success');
		expect(harness.credentialsHelper.events.preAuthentications).toEqual([
			{ type: 'cartonCloudApi', expired: false },
			{ type: 'cartonCloudApi', expired: true },
		]);
		expect(sandboxes.cartonCloud.server.count(TOKEN)).toBe(1);
		expect(credentials[CREDENTIALS.cartonCloud.id].data.accessToken).not.toBe(storedToken);

		const [label] = run.output('Label');
		expect(label.json.order_number).toBe(second.references.customer);
		expect(label.binary?.label).toMatchObject({
			mimeType: 'application/pdf',
			fileName: `label-${second.references.customer}.pdf`,
		});
		const pdf = Buffer.from(label.binary!.label.data, 'base64');
		expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
		expect(pdf.length).toBeGreaterThan(500);
	});
});
