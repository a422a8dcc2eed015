/**
 * A tiny SMTP server on loopback that accepts every message and keeps it in memory: the "mail
 * catcher" the bundled alert e-mails (n8n's Send Email node, SMTP credential) are sent to in the
 * sandbox, the tests and `npm run n8n`. Speaks just enough of RFC 5321 for nodemailer: EHLO/HELO,
 * MAIL, RCPT, DATA (dot-unstuffing), RSET, NOOP, QUIT. No TLS, no AUTH: the sandbox credential
 * sets `secure: false` and `disableStartTls: true`.
 */
import net from 'node:net';
import type { AddressInfo } from 'node:net';

export interface CaughtMail {
	seq: number;
	receivedAt: string;
	/** Envelope sender and recipients (MAIL FROM / RCPT TO). */
	from: string;
	to: string[];
	subject: string;
	/** The decoded text/plain part ('' when there is none). */
	text: string;
	/** The decoded text/html part ('' when there is none). */
	html: string;
	/** The message as received (headers and body). */
	raw: string;
}

export class SmtpSink {
	readonly messages: CaughtMail[] = [];
	private readonly sockets = new Set<net.Socket>();
	private readonly server = net.createServer((socket) => this.session(socket));
	private waiters: (() => void)[] = [];
	private seq = 0;
	private refusals = 0;
	port = 0;

	get host(): string {
		return '127.0.0.1';
	}

	async listen(port = 0): Promise<number> {
		await new Promise<void>((resolve, reject) => {
			this.server.once('error', reject);
			this.server.listen(port, this.host, () => resolve());
		});
		this.port = (this.server.address() as AddressInfo).port;
		return this.port;
	}

	async close(): Promise<void> {
		for (const socket of this.sockets) socket.destroy();
		await new Promise<void>((resolve) => this.server.close(() => resolve()));
	}

	clear(): void {
		this.messages.length = 0;
		this.refusals = 0;
	}

	/** Fault injection: the next `count` messages are refused at MAIL FROM with a 451 (server busy). */
	refuseNext(count = 1): void {
		this.refusals += count;
	}

	/** Resolves once `count` messages are in the box (or rejects after `timeoutMs`). */
	async waitFor(count: number, timeoutMs = 30_000): Promise<CaughtMail[]> {
		const until = Date.now() + timeoutMs;
		while (this.messages.length < count) {
			const left = until - Date.now();
			if (left <= 0)
				throw new Error(
					`expected ${count} e-mail(s) at the SMTP sink, got ${this.messages.length} after ${timeoutMs / 1000} s`,
				);
			await new Promise<void>((resolve) => {
				const timer = setTimeout(resolve, Math.min(left, 500));
				this.waiters.push(() => (clearTimeout(timer), resolve()));
			});
		}
		return this.messages;
	}

	private session(socket: net.Socket): void {
		this.sockets.add(socket);
		socket.on('close', () => this.sockets.delete(socket));
		socket.on('error', () => socket.destroy());
		let buffer = '';
		let from = '';
		let to: string[] = [];
		let data: string[] | undefined;
		const reply = (line: string) => socket.write(`${line}\r\n`);
		reply('220 sandbox-smtp ESMTP mail catcher');
		socket.on('data', (chunk: Buffer) => {
			buffer += chunk.toString('utf8');
			let newline: number;
			while ((newline = buffer.indexOf('\r\n')) >= 0) {
				const line = buffer.slice(0, newline);
				buffer = buffer.slice(newline + 2);
				if (data) {
					if (line === '.') {
						this.store(from, to, data.join('\r\n'));
						data = undefined;
						from = '';
						to = [];
						reply('250 2.0.0 queued');
					} else data.push(line.startsWith('..') ? line.slice(1) : line);
					continue;
				}
				const verb = line.slice(0, 4).toUpperCase();
				if (verb === 'EHLO') reply('250-sandbox-smtp\r\n250-8BITMIME\r\n250 SMTPUTF8');
				else if (verb === 'HELO') reply('250 sandbox-smtp');
				else if (verb === 'MAIL' && this.refusals > 0) {
					this.refusals--;
					reply('451 4.3.0 sandbox: mail server busy (injected fault)');
				} else if (verb === 'MAIL') {
					from = address(line);
					reply('250 2.1.0 ok');
				} else if (verb === 'RCPT') {
					to.push(address(line));
					reply('250 2.1.5 ok');
				} else if (verb === 'DATA') {
					data = [];
					reply('354 end data with <CR><LF>.<CR><LF>');
				} else if (verb === 'RSET') {
					from = '';
					to = [];
					reply('250 2.0.0 ok');
				} else if (verb === 'NOOP') reply('250 2.0.0 ok');
				else if (verb === 'QUIT') {
					reply('221 2.0.0 bye');
					socket.end();
				} else reply('502 5.5.2 command not implemented');
			}
		});
	}

	private store(from: string, to: string[], raw: string): void {
		const parts = decodeParts(raw);
		this.messages.push({
			seq: ++this.seq,
			receivedAt: new Date().toISOString(),
			from,
			to,
			subject: decodeWords(header(raw.split(/\r\n\r\n/)[0], 'subject') ?? ''),
			text: parts
				.filter((p) => p.type === 'text/plain')
				.map((p) => p.body)
				.join('\n'),
			html: parts
				.filter((p) => p.type === 'text/html')
				.map((p) => p.body)
				.join('\n'),
			raw,
		});
		const waiters = this.waiters;
		this.waiters = [];
		for (const wake of waiters) wake();
	}
}

function address(line: string): string {
	return /<([^>]*)>/.exec(line)?.[1] ?? line.split(':').slice(1).join(':').trim();
}

/** A header's value, with folded continuation lines joined. */
function header(head: string, name: string): string | undefined {
	const unfolded = head.replace(/\r\n[ \t]+/g, ' ');
	const match = new RegExp(`^${name}:[ \\t]*(.*)$`, 'im').exec(unfolded);
	return match?.[1];
}

/** RFC 2047 encoded words (`=?UTF-8?Q?...?=`, `=?UTF-8?B?...?=`), as nodemailer writes non-ASCII subjects. */
function decodeWords(value: string): string {
	return value
		.replace(/\?=\s+=\?/g, '?==?')
		.replace(
			/=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g,
			(_all, _charset: string, encoding: string, text: string) =>
				encoding.toUpperCase() === 'B'
					? Buffer.from(text, 'base64').toString('utf8')
					: decodeQuotedPrintable(text.replace(/_/g, ' ')),
		);
}

function decodeQuotedPrintable(text: string): string {
	const bytes: number[] = [];
	const soft = text.replace(/=\r?\n/g, '');
	for (let i = 0; i < soft.length; i++) {
		if (soft[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(soft.slice(i + 1, i + 3))) {
			bytes.push(parseInt(soft.slice(i + 1, i + 3), 16));
			i += 2;
		} else bytes.push(...Buffer.from(soft[i], 'utf8'));
	}
	return Buffer.from(bytes).toString('utf8');
}

/** The leaf parts of a MIME message (multipart walked recursively), bodies decoded. */
function decodeParts(entity: string): { type: string; body: string }[] {
	const split = entity.indexOf('\r\n\r\n');
	const head = split >= 0 ? entity.slice(0, split) : entity;
	const body = split >= 0 ? entity.slice(split + 4) : '';
	const contentType = header(head, 'content-type') ?? 'text/plain';
	const type = contentType.split(';')[0].trim().toLowerCase();
	if (type.startsWith('multipart/')) {
		const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
		if (!boundary) return [];
		return body
			.split(`--${boundary}`)
			.slice(1)
			.filter((part) => !part.startsWith('--'))
			.flatMap((part) => decodeParts(part.replace(/^\r\n/, '').replace(/\r\n$/, '')));
	}
	const encoding = (header(head, 'content-transfer-encoding') ?? '7bit').trim().toLowerCase();
	const decoded =
		encoding === 'quoted-printable'
			? decodeQuotedPrintable(body)
			: encoding === 'base64'
				? Buffer.from(body, 'base64').toString('utf8')
				: body;
	return [{ type, body: decoded.replace(/\r\n/g, '\n') }];
}

export async function startSmtpSink(port = 0): Promise<SmtpSink> {
	const sink = new SmtpSink();
	await sink.listen(port);
	return sink;
}
