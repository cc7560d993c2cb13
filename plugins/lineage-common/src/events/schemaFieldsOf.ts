import { isRecord } from '@meshwork/plugin-data-products-common';

/** A field of a `schema` dataset facet, with the fields of a struct. */
export type SchemaFacetField = {
  name: string;
  type?: string;
  description?: string;
  /** A struct's fields; omitted when it has none well-formed. */
  fields?: SchemaFacetField[];
};

/** How deep structs are read: a producer's JSON may nest without end. */
const MAX_NESTED_FIELDS_DEPTH = 16;

/**
 * The well-formed fields of a `schema` dataset facet (or of a struct field,
 * which holds its own `fields` alike), nested ones too. Facets are the
 * producer's: an entry without a string name is skipped, a `type` or
 * `description` that is not a string is left out. Of two fields of a name,
 * the last is kept, in the first's place, as the store indexes them.
 */
export function schemaFieldsOf(facet: unknown): SchemaFacetField[] {
  return fieldsOf(facet, 0);
}

function fieldsOf(facet: unknown, depth: number): SchemaFacetField[] {
  const fields = isRecord(facet) ? facet.fields : undefined;
  if (!Array.isArray(fields) || depth >= MAX_NESTED_FIELDS_DEPTH) return [];
  const byName = new Map<string, SchemaFacetField>();
  for (const field of fields) {
    if (!isRecord(field) || typeof field.name !== 'string') continue;
    const { name, type, description } = field;
    const nested = fieldsOf(field, depth + 1);
    byName.set(name, {
      name,
      ...(typeof type === 'string' ? { type } : {}),
      ...(typeof description === 'string' ? { description } : {}),
      ...(nested.length ? { fields: nested } : {}),
    });
  }
  return [...byName.values()];
}
