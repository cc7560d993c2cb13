import { schemaFieldsOf } from '@meshwork/plugin-lineage-common';
import type { DatasetDetails } from '../api';

/**
 * A dataset's columns to pick from: its schema's, in the schema's order,
 * then those only column lineage names (a source read by a job that sent no
 * schema for it).
 */
export function datasetColumns(details: DatasetDetails): string[] {
  const inSchema = schemaFieldsOf(details.facets?.schema).map(f => f.name);
  return [...new Set([...inSchema, ...(details.columns ?? [])])];
}
