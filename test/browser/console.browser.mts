/// <reference lib="dom" />
/**
 * The sandbox console in a real browser (Debian's headless Chromium, puppeteer-core) with a real
 * n8n behind it, set up as `npm run n8n` does: the webhook workflows published, the sandboxes'
 * webhooks pointed at them. The test only clicks and reads the page:
 *   pack (CartonCloud's status webhook) → push (n8n creates the Starshipit order)
 *   → ship (Starshipit's tracking webhook) → write-back (n8n puts tracking on the consignment),
 * then injects a fault and sees the alert e-mail (workflows/order-alerts.json, which the pushes
 * call: imported and published with them) arrive on the page.
 */
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../scripts/n8n/paths.mts';
import {
	credentialNames,
	prepareN8n,
	type RealN8n,
	type RunningN8n,
	withCartonCloudSecret,
} from '../../scripts/n8n/realN8n.mts';
import { CREDENTIALS, type Sandboxes, startSandboxes } from '../sandbox/index.mts';
import { launchChromium } from './chromium.mts';

const PUSH = { file: 'order-push-webhook', path: '3e23d534-be6d-1210-3d8c-c9ca09f60091/webhook' };
const WRITE_BACK = {
	file: 'tracking-writeback-webhook',
	path: 'e66fd0e1-4512-2500-b851-059cf6e02407/webhook',
};

let sb: Sandboxes;
let n8n: RealN8n;
let server: RunningN8n;
let chromium: Awaited<ReturnType<typeof launchChromium>>;
let page: Page;

beforeAll(async () => {
	sb = await startSandboxes({ starshipit: { ratePerSecond: 1000, burst: 1000 } });
	n8n = await prepareN8n({
		credentials: sb.credentials(),
		credentialNames: credentialNames(CREDENTIALS),
	});
	const imported = await n8n.importWorkflows(
		['error-alerts', 'order-alerts', PUSH.file, WRITE_BACK.file].map((f) =>
			join(PACKAGE_ROOT, 'workflows', `${f}.json`),
		),
	);
	server = await n8n.start({
		publish: imported.map((w) => w.id),
		webhooks: [{ path: PUSH.path }, { path: WRITE_BACK.path }],
	});
	sb.cartonCloud.configure({ webhookUrl: withCartonCloudSecret(server.webhookUrl(PUSH.path)) });
	sb.starshipit.configure({ webhookUrl: server.webhookUrl(WRITE_BACK.path) });
	sb.showN8n(server.baseUrl);
	chromium = await launchChromium();
	page = await chromium.browser.newPage();
	page.setDefaultTimeout(90_000);
});

afterAll(async () => {
	await chromium?.close();
	await n8n?.dispose();
	await sb?.close();
});

/** The value of `attribute` on the first element matching `selector` (waits for it). */
async function attribute(selector: string, name: string): Promise<string> {
	const element = await page.waitForSelector(selector);
	return (await element!.evaluate((el, n) => el.getAttribute(n) ?? '', name)) as string;
}

/** Sale orders of a customer waiting to be picked, as the page lists them. */
async function waitingOrders(customerPrefix: string): Promise<string[]> {
	return await page.$$eval(
		`#sale-orders tr[data-status="AWAITING_PICK_AND_PACK"]`,
		(rows, prefix) =>
			rows
				.map((r) => r.getAttribute('data-reference') ?? '')
				.filter((ref) => ref.startsWith(prefix)),
		customerPrefix,
	);
}

/**
 * Clicks a button in a table the console re-renders every 1.5 s: a row replaced between finding
 * the button and clicking it ("Node is detached from document") is found again, as a person's
 * second click would.
 */
async function clickRow(selector: string): Promise<void> {
	for (let attempt = 1; ; attempt++) {
		try {
			await page.click(selector);
			return;
		} catch (error) {
			if (attempt >= 5 || !/detached/i.test((error as Error).message)) throw error;
		}
	}
}

describe('sandbox console in headless Chromium, with real n8n', () => {
	it('pack → push → ship → write-back, clicked on the page', async () => {
		await page.goto(sb.consoleUrl);
		await page.waitForSelector('#sale-orders tbody tr');
		expect(await page.$eval('#n8n-link a', (a) => a.getAttribute('href'))).toBe(server.baseUrl);
		const [reference] = await waitingOrders('KIW-');
		expect(reference).toBeTruthy();

		// Pack: CartonCloud sends its status-change webhooks to n8n's order push.
		await clickRow(`#sale-orders tr[data-reference="${reference}"] button[data-action="pack"]`);
		await page.waitForSelector(
			`#sale-orders tr[data-reference="${reference}"][data-status="PACKED"]`,
		);

		// Push: n8n created the Starshipit order; the page shows it without a label yet.
		const starshipitRow = `#starshipit-orders tr[data-order-number="${reference}"]`;
		await page.waitForSelector(`${starshipitRow}[data-status="Unshipped"]`);
		expect(await attribute(starshipitRow, 'data-tracking')).toBe('');

		// Ship: label printed and dispatched; Starshipit sends its tracking webhook to n8n.
		await clickRow(`${starshipitRow} button[data-action="ship"]`);
		await page.waitForSelector(`${starshipitRow}[data-status="Shipped"]`);
		const tracking = await attribute(starshipitRow, 'data-tracking');
		expect(tracking).toMatch(/\S+/);

		// Write-back: n8n put the tracking number on the sale order's consignment.
		await page.waitForSelector(
			`#consignments tr[data-reference="${reference}"][data-tracking="${tracking}"]`,
		);
		expect(
			await page.$eval(
				`#consignments tr[data-reference="${reference}"] .tracking`,
				(td) => td.textContent,
			),
		).toBe(tracking);

		// What the page shows is what the sandboxes hold.
		const consignment = (
			sb.cartonCloud.state().consignments as {
				references: { customer: string; tracking?: string };
			}[]
		).find((c) => c.references.customer === reference);
		expect(consignment?.references.tracking).toBe(tracking);
		expect(sb.mail.messages).toEqual([]);
	});

	it('a fault injected on the page makes the next push fail, and its alert e-mail shows up on the page', async () => {
		const [reference] = await waitingOrders('KIW-');
		await page.select('#fault-form select[name="target"]', 'starshipit|POST /api/orders/import');
		await page.$eval(
			'#fault-form input[name="status"]',
			(input) => ((input as HTMLInputElement).value = '400'),
		);
		await page.$eval(
			'#fault-form input[name="count"]',
			(input) => ((input as HTMLInputElement).value = '5'),
		);
		await page.click('#fault-form button[type="submit"]');
		await page.waitForFunction(() =>
			document.querySelector('#message')?.textContent?.startsWith('The next 5 responses'),
		);

		await clickRow(`#sale-orders tr[data-reference="${reference}"] button[data-action="pack"]`);
		const subject = await page.waitForSelector('#mail-list .mail .subject');
		expect(await subject!.evaluate((b) => b.textContent)).toMatch(/^1 order\(s\) need attention: /);
		expect(await page.$eval('#mail-list .mail pre', (pre) => pre.textContent)).toContain(
			`- ${reference}: `,
		);
		expect(await page.$(`#starshipit-orders tr[data-order-number="${reference}"]`)).toBeNull();
	});
});
