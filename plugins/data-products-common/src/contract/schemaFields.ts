import type { PropertyDefinition, SchemaProperty } from './DataContract';

/** A column or a field within one, by its path in the schema object. */
export type SchemaField = {
  /** `address.city` for an object's field, `tags[]` for an array's items. */
  path: string;
  /**
   * The same path by each part's physical name, where it has one
   * (`addr.city`): what the warehouse, lineage, drift and quality reports
   * call the column.
   */
  physicalPath: string;
  property: PropertyDefinition;
};

/**
 * Every column of a schema object and every field within: an object's
 * fields and an array's items, in the notation contract changes use.
 */
export function schemaFields(properties: SchemaProperty[]): SchemaField[] {
  return fieldsWithin(properties, '', '');
}

function fieldsWithin(
  properties: SchemaProperty[],
  prefix: string,
  physicalPrefix: string,
): SchemaField[] {
  return properties.flatMap(property =>
    fieldsOf(
      property,
      `${prefix}${property.name}`,
      `${physicalPrefix}${property.physicalName ?? property.name}`,
    ),
  );
}

function fieldsOf(
  property: PropertyDefinition,
  path: string,
  physicalPath: string,
): SchemaField[] {
  return [
    { path, physicalPath, property },
    ...fieldsWithin(property.properties, `${path}.`, `${physicalPath}.`),
    ...(property.items
      ? fieldsOf(property.items, `${path}[]`, `${physicalPath}[]`)
      : []),
  ];
}
