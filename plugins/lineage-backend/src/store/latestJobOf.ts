import { Knex } from 'knex';
import { idsIn, isPostgres } from './tables';

/**
 * Of the datasets (the names of one table), the latest writer, else the
 * latest reader, as Marquez starts.
 */
export async function latestJobOf(
  db: Knex,
  datasetIds: number[],
): Promise<number | undefined> {
  const row = await db('lineage_io')
    .where(idsIn(isPostgres(db), 'dataset_id', datasetIds))
    .orderBy([
      { column: 'direction', order: 'desc' },
      { column: 'last_seen', order: 'desc' },
      { column: 'job_id', order: 'asc' },
    ])
    .first('job_id');
  return row?.job_id;
}
