import type { DatasetDetails } from '../api';

/**
 * A dataset's columns to pick from: its schema's, in the schema's order,
 * then those only column lineage names (a source read by a job that sent no
 * schema for it).
 */
export function datasetColumns(details: DatasetDetails): string[] {
  const fields: unknown = details.facets?.schema?.fields;
  const inSchema = (Array.isArray(fields) ? fields : [])
    .map(field => (field as { name?: unknown } | null)?.name)
    .filter((name): name is string => typeof name === 'string');
  return [...new Set([...inSchema, ...(details.columns ?? [])])];
}
