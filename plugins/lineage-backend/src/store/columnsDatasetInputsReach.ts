import { Knex } from 'knex';
import { hasDatasetInputs } from './hasDatasetInputs';
import type { MergedEntity } from './mergeFacetRows';
import type { LineagesToProject } from './mergeWriterLineages';
import { schemaColumns } from './schemaColumns';
import { chunks, toNumber } from './tables';

/**
 * The columns of each dataset whose column lineages to project have
 * dataset-level inputs: its schema's, as a writer in this batch changed
 * it, or as stored.
 */
export async function columnsDatasetInputsReach(
  tx: Knex.Transaction,
  projected: Map<number, LineagesToProject>,
  entities: Map<number, MergedEntity>,
) {
  const columns = new Map<number, string[]>();
  const stored: number[] = [];
  for (const [id, { lineages }] of projected) {
    if (!lineages.some(hasDatasetInputs)) continue;
    const entity = entities.get(id)!;
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
  return columns;
}
