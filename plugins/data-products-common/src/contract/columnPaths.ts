import type { SchemaProperty } from './DataContract';

/** Every column of a schema object, nested ones as `parent.child`. */
export function columnPaths(
  properties: SchemaProperty[],
  prefix = '',
): string[] {
  return properties.flatMap(property => [
    `${prefix}${property.name}`,
    ...columnPaths(property.properties, `${prefix}${property.name}.`),
  ]);
}
