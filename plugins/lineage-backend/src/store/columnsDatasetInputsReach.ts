import { Knex } from 'knex';
import { hasDatasetInputs } from './hasDatasetInputs';
import { lineageNamingDatasetInputs } from './lineageNamingDatasetInputs';
import type { MergedEntity } from './mergeFacetRows';
import { schemaColumns } from './schemaColumns';
import { chunks, toNumber } from './tables';

/**
 * The columns of each dataset whose column lineage to project has
 * dataset-level inputs: its schema's, as a writer in this batch changed
 * it, or as stored.
 */
export async function columnsDatasetInputsReach(
  tx: Knex.Transaction,
  datasetIds: Map<string, MergedEntity>,
) {
  const columns = new Map<number, string[]>();
  /** The facets parsed here, not to be parsed again. */
  const lineages = new Map<number, Record<string, unknown>>();
  const stored: number[] = [];
  for (const entity of datasetIds.values()) {
    const { id, changed, lineageToRespread } = entity;
    const lineage =
      lineageToRespread ??
      (changed.has('columnLineage')
        ? lineageNamingDatasetInputs(changed.get('columnLineage'))
        : undefined);
    if (!lineage) continue;
    lineages.set(id, lineage);
    if (!hasDatasetInputs(lineage)) continue;
    if ('writtenSchema' in entity) {
      columns.set(id, schemaColumns(entity.writtenSchema));
    } else {
      stored.push(id);
    }
  }
  for (const part of chunks(stored, 1000)) {
    const rows = await tx('lineage_dataset_fields')
      .whereIn('dataset_id', part)
      .select('dataset_id', 'field');
    for (const row of rows) {
      const id = toNumber(row.dataset_id);
      if (!columns.has(id)) columns.set(id, []);
      columns.get(id)!.push(row.field);
    }
  }
  return { columns, lineages };
}
