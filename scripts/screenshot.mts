/**
 * `npm run docs:screenshot`: the picture of the bundled order push in the README, taken from a real
 * n8n's editor (the pinned n8n, the package installed as n8n installs it, the sandboxes behind it)
 * in Debian's headless Chromium, so the picture shows what a user sees after importing the file.
 * Writes docs/images/order-push.png.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium } from '../test/browser/chromium.mts';
import { CREDENTIALS, startSandboxes } from '../test/sandbox/index.mts';
import { PACKAGE_ROOT } from './n8n/paths.mts';
import { credentialNames, OWNER, prepareN8n } from './n8n/realN8n.mts';

const OUT = join(PACKAGE_ROOT, 'docs', 'images', 'order-push.png');

const sb = await startSandboxes();
const n8n = await prepareN8n({
	credentials: sb.credentials(),
	credentialNames: credentialNames(CREDENTIALS),
	owner: true,
});
const chromium = await launchChromium();
try {
	const [{ id }] = await n8n.importWorkflows([
		join(PACKAGE_ROOT, 'workflows', 'order-push-scheduled.json'),
	]);
	const server = await n8n.start();
	const page = await chromium.browser.newPage();
	await page.setViewport({ width: 1600, height: 900, deviceScaleFactor: 1 });
	page.setDefaultTimeout(90_000);
	await page.goto(`${server.baseUrl}/signin`);
	await page.waitForSelector('input[name="emailOrLdapLoginId"]');
	await page.type('input[name="emailOrLdapLoginId"]', OWNER.email);
	await page.type('input[name="password"]', OWNER.password);
	await Promise.all([page.waitForNavigation(), page.click('[data-test-id="form-submit-button"]')]);
	await page.goto(`${server.baseUrl}/workflow/${id}`);
	await page.waitForSelector('[data-test-id="canvas-node"]');
	// Fit the whole workflow into the view (the canvas's own "zoom to fit", key 1), then let it settle.
	await page.keyboard.press('1');
	await new Promise((resolve) => setTimeout(resolve, 1500));
	mkdirSync(join(PACKAGE_ROOT, 'docs', 'images'), { recursive: true });
	await page.screenshot({ path: OUT });
	console.log(`written ${OUT}`);
} finally {
	await chromium.close();
	await n8n.dispose();
	await sb.close();
}
