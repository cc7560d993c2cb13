import type { SchemaProperty } from './DataContract';
import { schemaFields } from './schemaFields';

/**
 * Every named column of a schema object: nested ones as `parent.child`,
 * the fields of an array's items as `parent[].child`.
 */
export function columnPaths(properties: SchemaProperty[]): string[] {
  return schemaFields(properties)
    .map(field => field.path)
    .filter(path => !path.endsWith('[]'));
}
