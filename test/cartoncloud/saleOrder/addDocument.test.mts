/**
 * Sale Order > Add Document, with Download Document and Get Documents around it: a label PDF
 * downloaded as binary from one order, attached to another, listed and downloaded again.
 */
import { describe, expect, it } from 'vitest';
import { chain, type Env, json, useEnv } from '../fixtures.mts';

let env: Env;
useEnv((started) => (env = started));

describe('Sale Order documents', () => {
	it('adds a document from a binary property, lists it and downloads it as binary', async () => {
		const orders = env.sb.state().outboundOrders;
		const [source, target] = orders.filter((o) => o.status === 'PACKED');
		// A label already on the source order (as CartonCloud would hold it), downloaded as binary,
		// then attached to the target order: the same path a Starshipit label PDF takes.
		const pdf = Buffer.from(
			'%PDF-1.4\n% label for test\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n',
		);
		env.sb.world.documents.set('doc-source', {
			id: 'doc-source',
			type: 'OUTBOUND_ORDER_INVOICE',
			ownerId: source.id,
			name: 'label-AP123.pdf',
			data: pdf.toString('base64'),
			created: Date.now(),
		});
		const run = await env.harness.run(
			chain(
				{
					name: 'Download',
					parameters: {
						resource: 'saleOrder',
						operation: 'downloadDocument',
						saleOrderId: source.id,
						documentId: 'doc-source',
						binaryPropertyName: 'label',
					},
				},
				{
					name: 'Attach',
					parameters: {
						resource: 'saleOrder',
						operation: 'addDocument',
						saleOrderId: target.id,
						binaryPropertyName: 'label',
					},
				},
				{
					name: 'List',
					parameters: {
						resource: 'saleOrder',
						operation: 'getDocuments',
						saleOrderId: target.id,
						returnAll: true,
					},
				},
				{
					name: 'Again',
					parameters: {
						resource: 'saleOrder',
						operation: 'downloadDocument',
						saleOrderId: target.id,
						documentId: '={{ $json.id }}',
					},
				},
			),
		);
		const [downloaded] = run.output('Download');
		expect(downloaded.json).toMatchObject({
			fileName: 'label-AP123.pdf',
			mimeType: 'application/pdf',
			fileSize: pdf.length,
		});
		expect(downloaded.binary?.label).toMatchObject({
			fileName: 'label-AP123.pdf',
			mimeType: 'application/pdf',
		});
		expect(Buffer.from(downloaded.binary!.label.data, 'base64')).toEqual(pdf);
		expect(json(run, 'Attach')[0]).toMatchObject({
			type: 'OUTBOUND_ORDER_INVOICE',
			owner: { type: 'OUTBOUND', id: target.id },
			content: { name: 'label-AP123.pdf' },
		});
		expect(json(run, 'List')).toEqual([
			expect.objectContaining({ content: { name: 'label-AP123.pdf' }, saleOrderId: target.id }),
		]);
		const [again] = run.output('Again');
		expect(Buffer.from(again.binary!.data.data, 'base64')).toEqual(pdf);
	});
});
