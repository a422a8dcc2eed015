import { createHash, timingSafeEqual } from 'crypto';
import type {
	IDataObject,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { allOf, anyOf, dateTime, oneOf, toApiDateTime, type SearchCondition } from './helpers/conditions';
import { customerLocator, SALE_ORDER_STATUSES } from './helpers/descriptions';
import { OVERLAP_MS, reachedAt, remember, seenKey, type PollState } from './helpers/polling';
import { searchCustomers } from './methods/listSearch';
import { search } from './transport';
import { SALE_ORDERS } from './actions/saleOrder/common';
import { manuallyRegisteredWebhook } from '../shared/webhooks';

const polling = { event: ['saleOrderReachedStatus'] };
const webhook = { event: ['webhook'] };

/** Sale orders a manual ("Fetch Test Event") poll returns. */
const SAMPLE_SIZE = 5;

function customerIds(raw: unknown): string[] {
	const entries = ((raw as IDataObject | undefined)?.customer as IDataObject[] | undefined) ?? [];
	return entries
		.map((entry) => {
			const value = entry.id as { value?: unknown } | string | undefined;
			return String(typeof value === 'object' && value !== null ? (value.value ?? '') : (value ?? '')).trim();
		})
		.filter((id) => id !== '');
}

/** Compares secrets in constant time (hashing first makes the lengths equal). */
function sameSecret(received: string, expected: string): boolean {
	const a = createHash('sha256').update(received).digest();
	const b = createHash('sha256').update(expected).digest();
	return timingSafeEqual(a, b);
}

/** The sale orders in a webhook body: the entity itself (as observed), or wrapped, or a list. */
function saleOrdersIn(body: unknown): IDataObject[] | undefined {
	const candidates: unknown[] = Array.isArray(body) ? body : [body];
	const orders: IDataObject[] = [];
	for (let candidate of candidates) {
		if (candidate && typeof candidate === 'object' && !Array.isArray(candidate)) {
			const wrapper = candidate as IDataObject;
			// UNCONFIRMED payload shape: accept an envelope such as {data: entity} or {entity: ...} too.
			for (const key of ['data', 'entity', 'payload', 'outboundOrder', 'saleOrder']) {
				const inner = wrapper[key];
				if (wrapper.id === undefined && inner && typeof inner === 'object' && !Array.isArray(inner)) candidate = inner;
			}
		}
		const order = candidate as IDataObject | undefined;
		const looksLikeSaleOrder =
			!!order &&
			typeof order === 'object' &&
			typeof order.id === 'string' &&
			typeof order.status === 'string' &&
			(order.type === undefined || order.type === 'OUTBOUND') &&
			typeof order.references === 'object' &&
			order.references !== null;
		if (!looksLikeSaleOrder) return undefined;
		orders.push(order);
	}
	return orders.length > 0 ? orders : undefined;
}

export class CartonCloudTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'CartonCloud Trigger',
		name: 'cartonCloudTrigger',
		icon: { light: 'file:../../icons/cartoncloud.svg', dark: 'file:../../icons/cartoncloud.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["event"] === "webhook" ? "Webhook" : "Sale Order Reached Status"}}',
		description: 'Starts the workflow when a CartonCloud sale order reaches a status (polling) or CartonCloud sends a webhook',
		defaults: { name: 'CartonCloud Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'cartonCloudApi', required: true, testedBy: 'cartonCloudApiTest' }],
		webhooks: [
			{
				name: 'default',
				// Only the webhook event registers a URL: an empty method means no webhook for polling.
				httpMethod: '={{$parameter["event"] === "webhook" ? "POST" : ""}}',
				responseMode: 'onReceived',
				path: 'webhook',
			},
		],
		properties: [
			{
				displayName: 'Event',
				name: 'event',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'Sale Order Reached Status (Polling)',
						value: 'saleOrderReachedStatus',
						description: 'Checks CartonCloud on the schedule below and emits each sale order once when it is in a chosen status',
					},
					{
						name: 'Webhook From CartonCloud',
						value: 'webhook',
						description: 'Receives the sale order JSON CartonCloud posts on a status change (set up by CartonCloud staff)',
					},
				],
				default: 'saleOrderReachedStatus',
			},
			{
				displayName:
					'CartonCloud staff register webhooks (integrations@cartoncloud.com.au): send them the Production URL shown under "Webhook URLs" above, ask for the "Order status change" trigger, and give them the secret header below if you set one',
				name: 'webhookNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: webhook },
			},
			{
				displayName: 'Statuses',
				name: 'statuses',
				type: 'multiOptions',
				options: SALE_ORDER_STATUSES,
				required: true,
				default: ['PACKED'],
				description: 'Emit a sale order when it is in one of these statuses',
				displayOptions: { show: polling },
			},
			{
				displayName: 'Statuses',
				name: 'webhookStatuses',
				type: 'multiOptions',
				options: SALE_ORDER_STATUSES,
				default: [],
				description: 'Only emit sale orders in one of these statuses (all when empty)',
				displayOptions: { show: webhook },
			},
			{
				displayName: 'Customers',
				name: 'customers',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true },
				placeholder: 'Add Customer',
				default: {},
				description: 'Only sale orders of these customers (all customers when empty)',
				options: [{ displayName: 'Customer', name: 'customer', values: [customerLocator({ name: 'id' })] }],
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				displayOptions: { show: polling },
				options: [
					{
						displayName: 'Emit Existing Orders on First Poll',
						name: 'emitExisting',
						type: 'boolean',
						default: false,
						description: 'Whether the first poll after activation emits every sale order already in the statuses (otherwise it only remembers where to start)',
					},
				],
			},
			{
				displayName: 'Options',
				name: 'webhookOptions',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				displayOptions: { show: webhook },
				options: [
					{
						displayName: 'Shared Header Name',
						name: 'sharedHeaderName',
						type: 'string',
						default: '',
						placeholder: 'X-Webhook-Secret',
						description: 'A header CartonCloud staff configure on the webhook; requests without the right value get 401',
					},
					{
						displayName: 'Shared Header Value',
						name: 'sharedHeaderValue',
						type: 'string',
						typeOptions: { password: true },
						default: '',
					},
				],
			},
		],
	};

	methods = { listSearch: { searchCustomers } };

	webhookMethods = manuallyRegisteredWebhook;

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		if (this.getNodeParameter('event', 'saleOrderReachedStatus') !== 'saleOrderReachedStatus') return null;
		const statuses = this.getNodeParameter('statuses', []) as string[];
		if (statuses.length === 0) return null;
		const customers = customerIds(this.getNodeParameter('customers', {}));
		const options = this.getNodeParameter('options', {}) as IDataObject;
		const base: SearchCondition[] = [oneOf('/status', statuses)];
		if (customers.length > 0) base.push(oneOf('/customer/id', customers));

		if (this.getMode() === 'manual') {
			const sample = await search(this, SALE_ORDERS, allOf(base), { returnAll: false, limit: SAMPLE_SIZE });
			return sample.length > 0 ? [this.helpers.returnJsonArray(sample)] : null;
		}

		const state = this.getWorkflowStaticData('node') as PollState;
		const startedAt = new Date();
		if (!state.lastPoll) {
			state.lastPoll = startedAt.toISOString();
			state.seen = [];
			if (!options.emitExisting) return null;
			const existing = await search(this, SALE_ORDERS, allOf(base), { returnAll: true });
			remember(state, existing.map(seenKey));
			return existing.length > 0 ? [this.helpers.returnJsonArray(existing)] : null;
		}

		const since = Date.parse(state.lastPoll) - OVERLAP_MS;
		const sinceText = toApiDateTime(new Date(since));
		// Modified is enough when CartonCloud bumps it on every status change; packed and
		// dispatched cover the case where it does not (UNCONFIRMED).
		const changed = anyOf(
			['modified', 'packed', 'dispatched'].map((stamp) => dateTime(`/timestamps/${stamp}/time`, 'GREATER_THAN_OR_EQUAL_TO', sinceText)),
		);
		const candidates = await search(this, SALE_ORDERS, allOf([...base, changed]), { returnAll: true });
		const seen = new Set(state.seen ?? []);
		const fresh = candidates.filter((order) => {
			if (!statuses.includes(String(order.status)) || seen.has(seenKey(order))) return false;
			// An order edited long after it reached the status is not a new arrival.
			const at = reachedAt(order);
			return at === undefined || at >= since;
		});
		state.lastPoll = startedAt.toISOString();
		remember(state, fresh.map(seenKey));
		return fresh.length > 0 ? [this.helpers.returnJsonArray(fresh)] : null;
	}

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const response = this.getResponseObject();
		const answer = (status: number, body: IDataObject): IWebhookResponseData => {
			response.status(status).json(body);
			return { noWebhookResponse: true };
		};
		if (this.getNodeParameter('event', 'saleOrderReachedStatus') !== 'webhook') {
			return answer(404, { message: 'This trigger polls CartonCloud; it does not accept webhooks' });
		}

		const options = this.getNodeParameter('webhookOptions', {}) as IDataObject;
		const headerName = String(options.sharedHeaderName ?? '').trim().toLowerCase();
		if (headerName) {
			const raw = this.getHeaderData()[headerName] as string | string[] | undefined;
			const received = Array.isArray(raw) ? (raw[0] ?? '') : (raw ?? '');
			if (!sameSecret(received, String(options.sharedHeaderValue ?? ''))) {
				return answer(401, { message: 'Unauthorized' });
			}
		}

		const orders = saleOrdersIn(this.getBodyData());
		if (!orders) {
			return answer(400, { message: 'Expected a CartonCloud sale order (outbound order) JSON with id, status and references' });
		}
		const statuses = this.getNodeParameter('webhookStatuses', []) as string[];
		const customers = customerIds(this.getNodeParameter('customers', {}));
		const wanted = orders.filter(
			(order) =>
				(statuses.length === 0 || statuses.includes(String(order.status))) &&
				(customers.length === 0 || customers.includes(String((order.customer as IDataObject | undefined)?.id ?? ''))),
		);
		if (wanted.length === 0) {
			return { webhookResponse: { received: true, emitted: 0 } };
		}
		return { webhookResponse: { received: true, emitted: wanted.length }, workflowData: [this.helpers.returnJsonArray(wanted)] };
	}
}
