import type { SchemaProperty } from './DataContract';
import { SchemaField, schemaFields } from './schemaFields';

/**
 * Every named column of a schema object: nested ones as `parent.child`,
 * the fields of an array's items as `parent[].child`.
 */
export function contractColumns(properties: SchemaProperty[]): SchemaField[] {
  return schemaFields(properties).filter(field => !field.path.endsWith('[]'));
}

/** The paths of contractColumns. */
export function columnPaths(properties: SchemaProperty[]): string[] {
  return contractColumns(properties).map(field => field.path);
}
