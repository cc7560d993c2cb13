import { EVENT_LIMITS, schemaFieldsOf } from '@meshwork/plugin-lineage-common';
import { isIndexable } from './facetValues';
import { parsedFacet } from './parsedFacet';

/** The indexable column names of a `schema` facet. */
export function schemaColumns(text: string | undefined): string[] {
  return schemaFieldsOf(parsedFacet(text))
    .map(field => field.name)
    .filter(name => isIndexable(name, EVENT_LIMITS.maxFieldBytes));
}
