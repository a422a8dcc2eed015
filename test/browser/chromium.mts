/**
 * Headless Chromium from Debian's `chromium` package, driven by puppeteer-core (which never
 * downloads a browser). Runs as root in CI, hence --no-sandbox; a fresh profile every launch.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';

export function chromiumPath(): string {
	return process.env.CHROMIUM_PATH || '/usr/bin/chromium';
}

const FLAGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];

/** A headless Chromium with its own throw-away profile; `close()` also removes the profile. */
export async function launchChromium(): Promise<{ browser: Browser; close(): Promise<void> }> {
	const profile = mkdtempSync(join(tmpdir(), 'chromium-profile-'));
	const browser = await puppeteer.launch({
		executablePath: chromiumPath(),
		// The flags are ours (puppeteer's defaults would add its own headless mode and extensions switches).
		headless: false,
		ignoreDefaultArgs: true,
		args: [...FLAGS, `--user-data-dir=${profile}`, '--remote-debugging-port=0', 'about:blank'],
		pipe: false,
	});
	return {
		browser,
		close: async () => {
			await browser.close();
			rmSync(profile, { recursive: true, force: true });
		},
	};
}
