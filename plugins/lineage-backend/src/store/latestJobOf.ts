import { Knex } from 'knex';

/** A dataset's latest writer, else its latest reader, as Marquez starts. */
export async function latestJobOf(
  db: Knex,
  datasetId: number,
): Promise<number | undefined> {
  const row = await db('lineage_io')
    .where('dataset_id', datasetId)
    .orderBy([
      { column: 'direction', order: 'desc' },
      { column: 'last_seen', order: 'desc' },
      { column: 'job_id', order: 'asc' },
    ])
    .first('job_id');
  return row?.job_id;
}
