// The sandbox console's page script: polls /_sandbox/console/state and renders both systems; each
// button posts to a /_sandbox/console/<action> route, which drives the sandboxes' control APIs.
'use strict';

const BASE = '/_sandbox/console';
const PACKABLE = ['DRAFT', 'AWAITING_STOCK', 'AWAITING_PICK_AND_PACK', 'PACKING_IN_PROGRESS', 'PICKED'];
let statusFilter = 'ALL';
let last = '';
let state;

const $ = (selector) => document.querySelector(selector);
const esc = (value) => String(value ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

function say(text, ok = true) {
	const message = $('#message');
	message.textContent = text;
	message.className = ok ? 'ok' : 'bad';
}

async function act(action, body, done) {
	try {
		const res = await fetch(`${BASE}/${action}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body ?? {}) });
		const answer = await res.json().catch(() => ({}));
		if (!res.ok) throw new Error(answer.message ?? (answer.errors && answer.errors[0] && answer.errors[0].details) ?? `HTTP ${res.status}`);
		say(done);
	} catch (error) {
		say(`${action} failed: ${error.message}`, false);
	}
	await refresh(true);
}

function renderSaleOrders(orders) {
	const counts = {};
	for (const o of orders) counts[o.status] = (counts[o.status] ?? 0) + 1;
	const chips = [['ALL', orders.length], ...Object.entries(counts).sort()];
	$('#status-chips').innerHTML = chips
		.map(([status, n]) => `<span class="chip${status === statusFilter ? ' on' : ''}" data-status="${esc(status)}">${esc(status)} ${n}</span>`)
		.join('');
	const shown = orders.filter((o) => statusFilter === 'ALL' || o.status === statusFilter).sort((a, b) => a.references.customer.localeCompare(b.references.customer));
	$('#sale-orders tbody').innerHTML = shown
		.map((o) => {
			const button = PACKABLE.includes(o.status)
				? `<button data-action="pack" data-id="${esc(o.id)}">Pack</button>`
				: o.status === 'PACKED'
					? `<button data-action="dispatch" data-id="${esc(o.id)}">Dispatch</button>`
					: '';
			return `<tr data-reference="${esc(o.references.customer)}" data-status="${esc(o.status)}"><td>${esc(o.references.customer)}</td><td>${esc(o.customer.name)}</td><td class="status">${esc(o.status)}</td><td>${button}</td></tr>`;
		})
		.join('');
}

function renderStarshipit(accounts) {
	const rows = accounts
		.flatMap((a) => a.orders.map((o) => ({ ...o, account: a.name, apiKey: a.apiKey })))
		.sort((a, b) => b.order_id - a.order_id);
	$('#starshipit-orders tbody').innerHTML = rows
		.map((o) => {
			const tracking = o.tracking_numbers.join(', ');
			const labelled = o.tracking_numbers.length > 0 || o.status !== 'Unshipped';
			const buttons = [
				!labelled ? `<button data-action="print" data-order="${esc(o.order_number)}" data-key="${esc(o.apiKey)}">Print</button>` : '',
				o.status === 'Unshipped' || o.status === 'Printed' ? `<button data-action="ship" data-order="${esc(o.order_number)}" data-key="${esc(o.apiKey)}" data-status="${esc(o.status)}">Ship</button>` : '',
			].join(' ');
			return `<tr data-order-number="${esc(o.order_number)}" data-status="${esc(o.status)}" data-tracking="${esc(tracking)}"><td>${esc(o.order_number)}</td><td>${esc(o.account)}</td><td class="status">${esc(o.status)}</td><td>${labelled ? 'yes' : '<span class="muted">no</span>'}</td><td class="tracking">${esc(tracking)}</td><td>${esc(o.carrier_name)}</td><td>${buttons}</td></tr>`;
		})
		.join('') || '<tr><td colspan="7" class="muted">No orders yet: pack a sale order (n8n pushes it here) or run the order push.</td></tr>';
}

function renderConsignments(consignments) {
	const rows = [...consignments].sort((a, b) => Number(Boolean(b.references.tracking)) - Number(Boolean(a.references.tracking)) || a.references.customer.localeCompare(b.references.customer));
	$('#consignments tbody').innerHTML = rows
		.map((c) => {
			const tracking = c.references.tracking ?? '';
			return `<tr data-reference="${esc(c.references.customer)}" data-tracking="${esc(tracking)}"><td>${esc(c.references.customer)}</td><td>${esc(c.status)}</td><td class="tracking">${tracking ? esc(tracking) : '<span class="muted">none</span>'}</td><td>${esc(c.details?.tracking?.companyName)}</td></tr>`;
		})
		.join('');
}

function renderMail(mail) {
	$('#mail-list').innerHTML = mail.length
		? [...mail]
				.reverse()
				.map((m) => `<div class="mail" data-seq="${m.seq}"><b class="subject">${esc(m.subject)}</b> <span class="muted">to ${esc(m.to.join(', '))} at ${esc(m.receivedAt)}</span><pre>${esc(m.text || m.html)}</pre></div>`)
				.join('')
		: '<p class="muted">No e-mails yet. n8n\'s alerts (order problems, failed runs) arrive here.</p>';
}

async function refresh(force = false) {
	try {
		const res = await fetch(`${BASE}/state`);
		const text = await res.text();
		if (!res.ok) throw new Error(text);
		if (text === last && !force) return;
		last = text;
		state = JSON.parse(text);
		$('#cc-url').textContent = state.urls.cartonCloud;
		$('#cc-url').href = `${state.urls.cartonCloud}/_sandbox/state`;
		$('#ss-url').textContent = state.urls.starshipit;
		$('#ss-url').href = `${state.urls.starshipit}/_sandbox/state`;
		$('#n8n-link').innerHTML = state.urls.n8n ? `n8n <a href="${esc(state.urls.n8n)}">${esc(state.urls.n8n)}</a>` : '<span class="muted">n8n not attached (npm run n8n runs it beside the sandboxes)</span>';
		renderSaleOrders(state.cartonCloud.outboundOrders);
		renderStarshipit(state.starshipit.accounts);
		renderConsignments(state.cartonCloud.consignments);
		renderMail(state.mail);
		$('#status').textContent = `updated ${new Date().toLocaleTimeString()} · requests CartonCloud ${state.requests.cartonCloud}, Starshipit ${state.requests.starshipit} · Starshipit webhooks ${state.starshipit.webhookDeliveries}`;
	} catch (error) {
		$('#status').textContent = `cannot read the sandboxes: ${error.message}`;
	}
}

document.addEventListener('click', (event) => {
	const chip = event.target.closest('.chip');
	if (chip) {
		statusFilter = chip.dataset.status;
		void refresh(true);
		return;
	}
	const button = event.target.closest('button[data-action]');
	if (!button) return;
	const { action, id, order, key, status } = button.dataset;
	button.disabled = true;
	if (action === 'pack') void act('pack', { id }, 'Packed: CartonCloud sent its status-change webhooks.');
	if (action === 'dispatch') void act('dispatch', { id }, 'Dispatched in CartonCloud.');
	if (action === 'print') void act('print', { order_number: order, apiKey: key }, `Label printed for ${order}: Starshipit sent its tracking webhook.`);
	if (action === 'ship') void act('ship', { order_number: order, apiKey: key, status }, `${order} shipped (Dispatched).`);
});

$('#reset').addEventListener('click', () => void act('reset', {}, 'Both sandboxes are back to their seed.'));

$('#fault-form').addEventListener('submit', (event) => {
	event.preventDefault();
	const form = new FormData(event.target);
	const [system, endpoint] = String(form.get('target')).split('|');
	const count = Number(form.get('count'));
	void act('fault', { system, endpoint, status: Number(form.get('status')), count }, system === 'mail' ? `The mail server refuses the next ${count} e-mail(s).` : `The next ${count} responses of ${endpoint} fail.`);
});

void refresh(true);
setInterval(() => void refresh(), 1500);
