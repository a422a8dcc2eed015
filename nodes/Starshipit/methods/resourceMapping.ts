/**
 * The fields Order Fields (version 2, sale-order mode) lists: every field of the mapping table, by
 * its Starshipit name and, after ←, where its value comes from unless overridden. All start
 * hidden (the resource mapper's addAllFields is off), so a workflow sets only the fields it
 * overrides and every other field keeps its default; none is required, since each has a default
 * or may be left out.
 */
import type {
	ILoadOptionsFunctions,
	ResourceMapperField,
	ResourceMapperFields,
} from 'n8n-workflow';
import { editorLabelOf, ORDER_FIELDS } from '../../shared/mapping/mappingTable';

/** The fields as the resource mapper stores them in a workflow's `schema`. */
export function orderFieldSchema(): ResourceMapperField[] {
	return ORDER_FIELDS.map((f) => ({
		id: f.id,
		displayName: editorLabelOf(f),
		required: false,
		defaultMatch: false,
		canBeUsedToMatch: false,
		display: true,
		type: f.type,
		removed: true,
	}));
}

export async function getOrderFields(this: ILoadOptionsFunctions): Promise<ResourceMapperFields> {
	return { fields: orderFieldSchema() };
}
