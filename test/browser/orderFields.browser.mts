/// <reference lib="dom" />
/**
 * Issue 24 in a real n8n, driven through its editor in headless Chromium (puppeteer-core, Debian's
 * Chromium): log in as the instance owner, open the bundled scheduled push, open its Starshipit
 * node, read Order Fields' list (every field with its default after ←), replace the Reference
 * override with an expression of our own, run the workflow from the canvas, and find that
 * reference on the Starshipit orders in the sandbox.
 */
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { editorLabelOf, ORDER_FIELDS } from '../../nodes/shared/mapping/mappingTable.ts';
import { PACKAGE_ROOT } from '../../scripts/n8n/paths.mts';
import {
	credentialNames,
	OWNER,
	prepareN8n,
	type RealN8n,
	type RunningN8n,
} from '../../scripts/n8n/realN8n.mts';
import { BAD_ORDER_REFERENCES } from '../sandbox/cartoncloud/index.mts';
import { CREDENTIALS, type Sandboxes, startSandboxes } from '../sandbox/index.mts';
import { launchChromium } from './chromium.mts';

const NODE = 'Create Starshipit orders';
const REFERENCE_INPUT = '[data-test-id="parameter-input-reference"] [contenteditable="true"]';

let sb: Sandboxes;
let n8n: RealN8n;
let server: RunningN8n;
let workflowId: string;
let chromium: Awaited<ReturnType<typeof launchChromium>>;
let page: Page;

beforeAll(async () => {
	sb = await startSandboxes({ starshipit: { ratePerSecond: 1000, burst: 1000 } });
	n8n = await prepareN8n({
		credentials: sb.credentials(),
		credentialNames: credentialNames(CREDENTIALS),
		owner: true,
	});
	[{ id: workflowId }] = await n8n.importWorkflows([
		join(PACKAGE_ROOT, 'workflows', 'order-push-scheduled.json'),
	]);
	server = await n8n.start();
	chromium = await launchChromium();
	page = await chromium.browser.newPage();
	await page.setViewport({ width: 1600, height: 1000 });
	page.setDefaultTimeout(90_000);
	await page.goto(`${server.baseUrl}/signin`);
	await page.waitForSelector('input[name="emailOrLdapLoginId"]');
	await page.type('input[name="emailOrLdapLoginId"]', OWNER.email);
	await page.type('input[name="password"]', OWNER.password);
	await Promise.all([page.waitForNavigation(), page.click('[data-test-id="form-submit-button"]')]);
});

afterAll(async () => {
	await chromium?.close();
	await n8n?.dispose();
	await sb?.close();
});

/** Opens the node's parameters (select it on the canvas, Enter), as a person would. */
async function openNode(name: string): Promise<void> {
	const node = await page.waitForSelector(`[data-test-id="canvas-node"][data-node-name="${name}"]`);
	await node!.click();
	await page.keyboard.press('Enter');
	await page.waitForSelector('[data-test-id="ndv"] [data-test-id="mapping-fields-container"]');
}

const starshipitOrders = () =>
	(
		sb.starshipit.snapshot() as {
			accounts: Array<{
				apiKey: string;
				orders: Array<{ order_number: string; reference: string; shipping_method: string }>;
			}>;
		}
	).accounts[0].orders;

describe('Order Fields in the n8n editor (headless Chromium, real n8n)', () => {
	it("opens the bundled push's Starshipit node and lists every field with its default", async () => {
		await page.goto(`${server.baseUrl}/workflow/${workflowId}`);
		await openNode(NODE);
		// The one field the bundled push overrides is shown with its label; the others are offered under Add field.
		const shown = await page.$$eval(
			'[data-test-id="mapping-fields-container"] label span',
			(spans) => spans.map((s) => s.textContent?.trim() ?? ''),
		);
		expect(shown).toContain('Reference ← Customer Name');
		await page.click('[data-test-id="add-fields-select"] button');
		await page.waitForSelector('[role="menuitem"]');
		const offered = await page.$$eval('[role="menuitem"]', (items) =>
			items.map((i) => i.textContent?.trim() ?? '').filter((t) => t.includes('←')),
		);
		expect(offered).toEqual(ORDER_FIELDS.filter((f) => f.id !== 'reference').map(editorLabelOf));
		// Escape closes the list, and with it the node's panel.
		await page.keyboard.press('Escape');
		if (await page.$('[data-test-id="ndv-close-button"]'))
			await page.click('[data-test-id="ndv-close-button"]');
		await page.waitForSelector('[data-test-id="ndv"]', { hidden: true });
	});

	it('an expression typed into Reference reaches every Starshipit order the run creates', async () => {
		await openNode(NODE);
		const editor = await page.waitForSelector(REFERENCE_INPUT);
		await editor!.click();
		await page.keyboard.down('Control');
		await page.keyboard.press('KeyA');
		await page.keyboard.up('Control');
		await page.keyboard.press('Backspace');
		await page.keyboard.sendCharacter('Ref {{ $json.references.customer }}');
		expect(await page.$eval(REFERENCE_INPUT, (e) => e.textContent)).toBe(
			'Ref {{ $json.references.customer }}',
		);
		// The editor hands a typed expression to the workflow after a short pause (debounced), as it does for a person.
		await new Promise((r) => setTimeout(r, 1500));
		await page.click('[data-test-id="ndv-close-button"]');
		await page.waitForSelector('[data-test-id="ndv"]', { hidden: true });

		const bad = Object.values(BAD_ORDER_REFERENCES) as string[];
		const good = sb.cartonCloud
			.state()
			.outboundOrders.filter((o) => o.status === 'PACKED' && !bad.includes(o.references.customer));
		await page.click('[data-test-id="execute-workflow-button"]');
		const until = Date.now() + 120_000;
		while (starshipitOrders().length < good.length && Date.now() < until)
			await new Promise((r) => setTimeout(r, 500));

		const sent = new Map(starshipitOrders().map((o) => [o.order_number, o]));
		expect([...sent.keys()].sort()).toEqual(good.map((o) => o.references.customer).sort());
		for (const order of good)
			expect(sent.get(order.references.customer)?.reference).toBe(
				`Ref ${order.references.customer}`,
			);
		// The rest of the node as shipped: Values per Customer still sets the shipping method.
		const koala = good.find((o) => o.customer.name === 'Koala Outdoor Co')!;
		expect(sent.get(koala.references.customer)?.shipping_method).toBe('Bulky Goods');
	});
});
