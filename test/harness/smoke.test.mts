import { describe, it, expect } from 'vitest';
import { Harness } from './index.mts';
describe('smoke', () => {
	it('runs manual -> noop', async () => {
		const h = new Harness({});
		const r = await h.run({
			nodes: [
				{
					id: 'a',
					name: 'Start',
					type: 'n8n-nodes-base.manualTrigger',
					typeVersion: 1,
					position: [0, 0],
					parameters: {},
				},
				{
					id: 'b',
					name: 'Noop',
					type: 'n8n-nodes-base.noOp',
					typeVersion: 1,
					position: [0, 0],
					parameters: {},
				},
				{
					id: 'c',
					name: 'Note',
					type: 'n8n-nodes-base.stickyNote',
					typeVersion: 1,
					position: [0, 0],
					parameters: {},
				},
			],
			connections: { Start: { main: [[{ node: 'Noop', type: 'main', index: 0 }]] } },
		} as any);
		expect(r.status).toBe('success');
		expect(r.output('Noop')).toHaveLength(1);
	});
});
