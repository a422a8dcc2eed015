/**
 * Create Sale Order: sends the sale order (built and checked by createBody.ts from the fields in
 * createFields.ts) and, as a create is not idempotent, looks for it by its reference before
 * sending it again after a 5xx or a dropped connection.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { allOf, text } from '../../transport/conditions';
import { forEachItem } from '../../../shared/items';
import type { ApiResponse } from '../../../shared/transport/request';
import { apiRequest, search } from '../../transport';
import { SALE_ORDERS } from './common';
import { bodyFromFields, bodyFromJson, validate } from './createBody';
import { createFields } from './createFields';

export const description = updateDisplayOptions(
	{ show: { resource: ['saleOrder'], operation: ['create'] } },
	createFields,
);

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await forEachItem(this, items, async (i) => {
		const defineBy = this.getNodeParameter('defineBy', i, 'fields') as string;
		const body = defineBy === 'json' ? bodyFromJson(this, i) : bodyFromFields(this, i);
		const reference = validate(this, body, i);
		const customer = (body.customer as IDataObject) ?? {};
		const startedAt = Date.now();

		// A create is not idempotent: after a 5xx or a dropped connection, look for the order by its
		// reference (created in the last few minutes, same customer) before sending it again.
		const reconcile = async (): Promise<ApiResponse | undefined> => {
			const conditions = [text('/references/customer', reference)];
			if (typeof customer.id === 'string' && customer.id)
				conditions.push(text('/customer/id', customer.id));
			const found = await search(this, SALE_ORDERS, allOf(conditions), {
				returnAll: false,
				limit: 20,
				itemIndex: i,
			});
			const match = found.find((order) => {
				const created = Date.parse(
					String(
						((order.timestamps as IDataObject | undefined)?.created as IDataObject | undefined)
							?.time ?? '',
					),
				);
				const c = (order.customer as IDataObject | undefined) ?? {};
				const sameCustomer =
					(!customer.id || c.id === customer.id) &&
					(!customer.name || c.name === customer.name) &&
					(!(customer.references as IDataObject | undefined)?.code ||
						(c.references as IDataObject | undefined)?.code ===
							(customer.references as IDataObject).code);
				return sameCustomer && Number.isFinite(created) && created >= startedAt - 5 * 60_000;
			});
			return match
				? { statusCode: match.status === 'REJECTED' ? 228 : 201, headers: {}, body: match }
				: undefined;
		};

		const response = await apiRequest<IDataObject>(this, {
			method: 'POST',
			path: SALE_ORDERS,
			body,
			itemIndex: i,
			reconcile,
			create: true,
		});
		const order = response.body ?? {};
		// 228 "Created with issues": the order exists, in REJECTED, with its problems in details.errors.
		const createdWithIssues = response.statusCode === 228;
		const issues =
			((order.details as IDataObject | undefined)?.errors as IDataObject[] | undefined) ?? [];
		return { ...order, createdWithIssues, ...(createdWithIssues ? { issues } : {}) };
	});
}
