import type { PropertyDefinition, SchemaProperty } from '../contract';

/** A column of a contract's schema object, by both of its names. */
export type ContractColumnNames = {
  /** As columnPaths has it: `ship_to.postcode`, `lines[].sku`. */
  path: string;
  /**
   * The same path by each part's physical name, where it has one
   * (`shp_to.pst_cd`): what the warehouse, lineage, drift and quality
   * reports call the column.
   */
  physicalPath: string;
};

/**
 * Every named column of a schema object, as columnPaths lists them, each
 * with its path of physical names too.
 */
export function contractColumnNames(
  properties: SchemaProperty[],
): ContractColumnNames[] {
  return namesWithin(properties, '', '').filter(
    column => !column.path.endsWith('[]'),
  );
}

function namesWithin(
  properties: SchemaProperty[],
  prefix: string,
  physicalPrefix: string,
): ContractColumnNames[] {
  return properties.flatMap(property =>
    namesOf(
      property,
      `${prefix}${property.name}`,
      `${physicalPrefix}${property.physicalName ?? property.name}`,
    ),
  );
}

function namesOf(
  property: PropertyDefinition,
  path: string,
  physicalPath: string,
): ContractColumnNames[] {
  return [
    { path, physicalPath },
    ...namesWithin(property.properties, `${path}.`, `${physicalPath}.`),
    ...(property.items
      ? namesOf(property.items, `${path}[]`, `${physicalPath}[]`)
      : []),
  ];
}
