/**
 * Control API under /_sandbox/ (never authenticated, logged or faulted by the core). Each route
 * mirrors an in-process method of CartonCloudSandbox, so tests and demos can drive the sandbox
 * either way.
 */
import type { SandboxRequest } from '../core/server.mts';
import type { CartonCloudSandbox, PlantSaleOrderOptions, SandboxConfig } from './index.mts';
import { OUTBOUND_STATUSES, type OutboundStatus } from './types.mts';
import { fail, isObject, jsonBody } from './util.mts';

function body(req: SandboxRequest): Record<string, unknown> {
	if (req.rawBody.length === 0) return {};
	const parsed = jsonBody(req);
	if (!isObject(parsed)) fail(400, 'Control body must be a JSON object');
	return parsed;
}

export function registerControl(sb: CartonCloudSandbox): void {
	const server = sb.server;

	server.control('GET', '/_sandbox/state', () => ({ status: 200, body: sb.state() }));

	server.control('POST', '/_sandbox/reset', (req) => {
		const { seed } = body(req);
		if (seed !== undefined && typeof seed !== 'boolean') fail(400, 'seed must be a boolean');
		sb.reset({ seed });
		return {
			status: 200,
			body: {
				tenantId: sb.tenantId,
				outboundOrders: sb.world.orders.size,
				consignments: sb.world.consignments.size,
			},
		};
	});

	server.control('POST', '/_sandbox/config', (req) => {
		const b = body(req);
		const patch: Partial<SandboxConfig> = {};
		for (const key of ['tokenLifetimeSeconds', 'createsPerMinute'] as const) {
			if (b[key] === undefined) continue;
			if (typeof b[key] !== 'number' || (b[key] as number) < 0)
				fail(400, `${key} must be a number >= 0`);
			patch[key] = b[key] as number;
		}
		for (const key of ['strictSearchFields', 'timestampRanges', 'webhookAllEntities'] as const) {
			if (b[key] === undefined) continue;
			if (typeof b[key] !== 'boolean') fail(400, `${key} must be a boolean`);
			patch[key] = b[key] as boolean;
		}
		if (b.productUnitsShape !== undefined) {
			if (b.productUnitsShape !== 'map' && b.productUnitsShape !== 'list')
				fail(400, "productUnitsShape must be 'map' or 'list'");
			patch.productUnitsShape = b.productUnitsShape;
		}
		if (b.webhookUrl !== undefined) {
			if (b.webhookUrl !== null && typeof b.webhookUrl !== 'string')
				fail(400, 'webhookUrl must be a string or null');
			patch.webhookUrl = (b.webhookUrl as string | null) ?? undefined;
		}
		if (b.webhookHeaders !== undefined) {
			if (!isObject(b.webhookHeaders)) fail(400, 'webhookHeaders must be an object');
			patch.webhookHeaders = b.webhookHeaders as Record<string, string>;
		}
		return { status: 200, body: sb.configure(patch) };
	});

	server.control('POST', '/_sandbox/tokens/expire', () => {
		sb.expireTokens();
		return { status: 204 };
	});

	server.control('POST', '/_sandbox/outbound-orders/:id/status', (req) => {
		const { status } = body(req);
		if (typeof status !== 'string' || !(OUTBOUND_STATUSES as readonly string[]).includes(status)) {
			fail(400, `status must be one of ${OUTBOUND_STATUSES.join(', ')}`);
		}
		return {
			status: 200,
			body: sb.setOutboundOrderStatus(req.params.id, status as OutboundStatus),
		};
	});

	server.control('POST', '/_sandbox/outbound-orders/plant', (req) => {
		const b = body(req);
		if (typeof b.createdDaysAgo !== 'number' || !(b.createdDaysAgo >= 0))
			fail(400, 'createdDaysAgo must be a number >= 0');
		if (b.status !== undefined && !(OUTBOUND_STATUSES as readonly unknown[]).includes(b.status))
			fail(400, `status must be one of ${OUTBOUND_STATUSES.join(', ')}`);
		for (const key of ['customer', 'reference'] as const)
			if (b[key] !== undefined && typeof b[key] !== 'string') fail(400, `${key} must be a string`);
		try {
			return { status: 200, body: sb.plantSaleOrder(b as unknown as PlantSaleOrderOptions) };
		} catch (error) {
			fail(400, (error as Error).message);
		}
	});

	server.control('GET', '/_sandbox/credentials', () => ({ status: 200, body: sb.credentials() }));

	server.control('GET', '/_sandbox/webhooks', async () => ({
		status: 200,
		body: await sb.flushWebhooks(),
	}));
}
