/// <reference lib="dom" />
/**
 * The order push's error branch as an ops person reads it, in real n8n's editor (Debian's headless
 * Chromium, puppeteer-core): signed in as the owner, the bundled push is run from its "Run now"
 * trigger with the editor's own button, then the first node of its error branch is opened; the
 * output's table view starts with the failed order's outcome, order number and reason, and every
 * field of the sale order follows (its own `details` included), as nodes/shared/outcome.ts and the
 * workflow's "Failed orders (see reason)" node lay it out.
 */
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OWNER } from '../../scripts/n8n/environment.mts';
import { PACKAGE_ROOT } from '../../scripts/n8n/paths.mts';
import {
	credentialNames,
	type ImportedWorkflow,
	prepareN8n,
	type RealN8n,
	type RunningN8n,
} from '../../scripts/n8n/realN8n.mts';
import { BAD_ORDER_REFERENCES } from '../sandbox/cartoncloud/index.mts';
import { CREDENTIALS, type Sandboxes, startSandboxes } from '../sandbox/index.mts';
import { FAILED_ORDERS_NODE } from '../n8n/alertFiles.mts';
import { launchChromium } from './chromium.mts';

let sb: Sandboxes;
let n8n: RealN8n;
let server: RunningN8n;
let push: ImportedWorkflow;
let chromium: Awaited<ReturnType<typeof launchChromium>>;
let page: Page;

beforeAll(async () => {
	sb = await startSandboxes({ starshipit: { ratePerSecond: 1000, burst: 1000 } });
	n8n = await prepareN8n({
		credentials: sb.credentials(),
		credentialNames: credentialNames(CREDENTIALS),
		owner: true,
	});
	[, push] = await n8n.importWorkflows(
		['order-alerts', 'order-push-scheduled'].map((f) =>
			join(PACKAGE_ROOT, 'workflows', `${f}.json`),
		),
	);
	server = await n8n.start();
	chromium = await launchChromium();
	page = await chromium.browser.newPage();
	await page.setViewport({ width: 1600, height: 1000 });
	page.setDefaultTimeout(90_000);
});

afterAll(async () => {
	await chromium?.close();
	await n8n?.dispose();
	await sb?.close();
});

const node = (name: string) => `[data-test-id="canvas-node"][data-node-name="${name}"]`;

describe("the order push's error branch in n8n's editor", () => {
	it('shows a failed order as outcome, order number and reason first, then every field of its sale order', async () => {
		await page.goto(`${server.baseUrl}/signin`, { waitUntil: 'networkidle2' });
		await page.type('[data-test-id="emailOrLdapLoginId"] input', OWNER.email);
		await page.type('[data-test-id="password"] input', OWNER.password);
		await Promise.all([
			page.waitForNavigation({ waitUntil: 'networkidle2' }),
			page.click('[data-test-id="form-submit-button"]'),
		]);

		await page.goto(`${server.baseUrl}/workflow/${push.id}`, { waitUntil: 'networkidle2' });
		// The editor's own button on the "Run now" trigger (the schedule's would wait for its time).
		await page.hover(node('Run now'));
		await page.click('[data-test-id="execute-workflow-button-Run now"]');
		await page.waitForSelector(
			`${node(FAILED_ORDERS_NODE)} [data-test-id="canvas-node-status-success"]`,
		);

		const failed = await page.waitForSelector(
			`${node(FAILED_ORDERS_NODE)} [data-test-id="canvas-default-node"]`,
		);
		await failed!.click({ count: 2 });
		await page.waitForSelector('[data-test-id="ndv"] [data-test-id="output-panel"]');
		const tableMode = await page.$(
			'[data-test-id="output-panel"] [data-test-id="ndv-run-data-display-mode"] [data-test-id="radio-button-table"]',
		);
		if (tableMode) await tableMode.click();
		await page.waitForSelector('[data-test-id="output-panel"] table th');

		const headers = await page.$$eval('[data-test-id="output-panel"] table th', (cells) =>
			cells.map((c) => c.textContent?.trim() ?? ''),
		);
		expect(headers.slice(0, 3)).toEqual(['outcome', 'order_number', 'reason']);
		// Then the sale order as it came: its id, status and its own details (delivery address, instructions).
		for (const field of ['id', 'type', 'status', 'references', 'customer', 'details'])
			expect(headers).toContain(field);

		const firstRow = await page.$$eval(
			'[data-test-id="output-panel"] table tbody tr:first-child td',
			(cells) => cells.slice(0, 3).map((c) => c.textContent?.trim() ?? ''),
		);
		expect(firstRow[0]).toBe('failed');
		expect(Object.values(BAD_ORDER_REFERENCES)).toContain(firstRow[1]);
		expect(firstRow[2]).toContain(`Sale order "${firstRow[1]}"`);
	});
});
