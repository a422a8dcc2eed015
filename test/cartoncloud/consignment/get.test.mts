/**
 * Consignment > Get, with and without items, reached through Get Many by sale order (the way a
 * workflow finds the consignment generated from a sale order).
 */
import { describe, expect, it } from 'vitest';
import { chain, type Env, generatedConsignment, json, useEnv } from '../fixtures.mts';

let env: Env;
useEnv((started) => (env = started));

const generated = () => generatedConsignment(env.sb);

describe('Consignment', () => {
	it('Get (with and without items) and Get Many by sale order', async () => {
		const { consignment, orderId } = generated();
		const run = await env.harness.run(
			chain(
				{
					name: 'BySaleOrder',
					parameters: {
						resource: 'consignment',
						operation: 'getMany',
						returnAll: true,
						filters: { saleOrderId: orderId },
					},
				},
				{
					name: 'Get',
					parameters: {
						resource: 'consignment',
						operation: 'get',
						consignmentId: '={{ $json.id }}',
					},
				},
				{
					name: 'GetNoItems',
					parameters: {
						resource: 'consignment',
						operation: 'get',
						consignmentId: '={{ $json.id }}',
						includeItems: false,
					},
				},
			),
		);
		expect(json(run, 'BySaleOrder').map((c) => c.id)).toEqual([consignment.id]);
		expect(json(run, 'Get')[0]).toMatchObject({ id: consignment.id, type: 'CONSIGNMENT' });
		expect(Array.isArray(json(run, 'Get')[0].items)).toBe(true);
		expect(json(run, 'GetNoItems')[0].items).toBeUndefined();
	});
});
