/**
 * `npm run sandbox`: both simulated APIs on fixed loopback ports until Ctrl+C, with the values
 * to paste into n8n's credentials, and the sandbox console page (test/sandbox/console) that drives
 * both from a browser. Ports: STARSHIPIT_PORT (4010), CARTONCLOUD_PORT (4011), SMTP_PORT (4025).
 * STARSHIPIT_RATE sets the Starshipit requests/s budget (default 2, the developer tier).
 */
import { CREDENTIALS, startSandboxes } from './index.mts';

async function main(): Promise<void> {
	const rate = Number(process.env.STARSHIPIT_RATE ?? 2);
	const sandboxes = await startSandboxes({
		starshipit: { ratePerSecond: rate, burst: Math.max(2, rate) },
		ports: {
			starshipit: Number(process.env.STARSHIPIT_PORT ?? 4010),
			cartonCloud: Number(process.env.CARTONCLOUD_PORT ?? 4011),
			smtp: Number(process.env.SMTP_PORT ?? 4025),
		},
	});
	const credentials = sandboxes.credentials();
	const lines = [
		'Sandbox APIs are running (sandbox-only credentials, safe to print):',
		'',
		`Starshipit   ${sandboxes.starshipit.url}  (${rate} requests/s per subscription key)`,
		`CartonCloud  ${sandboxes.cartonCloud.url}  (tenant ${sandboxes.cartonCloud.tenantId})`,
		`Mail (SMTP)  ${sandboxes.mail.host}:${sandboxes.mail.port}  (catches the alert e-mails; no TLS, no login)`,
		'',
		`Console      ${sandboxes.consoleUrl}  (both systems side by side: pack, dispatch, print, ship, inject faults)`,
		'',
		...Object.entries(CREDENTIALS).map(
			([key, { id, name }]) => `${name} (${key}): ${JSON.stringify(credentials[id].data)}`,
		),
		'',
		'Control API: GET <url>/_sandbox/state, GET <url>/_sandbox/log, POST <url>/_sandbox/reset. Ctrl+C stops.',
	];
	console.log(lines.join('\n'));
	const stop = async () => {
		await sandboxes.close();
		process.exit(0);
	};
	process.on('SIGINT', () => void stop());
	process.on('SIGTERM', () => void stop());
}

void main();
