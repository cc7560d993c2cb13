import type { PropertyDefinition, SchemaProperty } from './DataContract';

/** A column or a field within one, by its path in the schema object. */
export type SchemaField = {
  /** `address.city` for an object's field, `tags[]` for an array's items. */
  path: string;
  property: PropertyDefinition;
};

/**
 * Every column of a schema object and every field within: an object's
 * fields and an array's items, in the notation contract changes use.
 */
export function schemaFields(
  properties: SchemaProperty[],
  prefix = '',
): SchemaField[] {
  return properties.flatMap(property =>
    fieldsOf(property, `${prefix}${property.name}`),
  );
}

function fieldsOf(property: PropertyDefinition, path: string): SchemaField[] {
  return [
    { path, property },
    ...schemaFields(property.properties, `${path}.`),
    ...(property.items ? fieldsOf(property.items, `${path}[]`) : []),
  ];
}
