import { Knex } from 'knex';
import { idsIn, isPostgres, toNumber } from './tables';
import { wroteData } from './wroteData';

/**
 * When each dataset was last written successfully, as successfulWrites'
 * `newest` picks and dates its newest write, by dataset id. One query
 * however many datasets (a graph's thousands), reading each dataset's
 * writes newest first in lineage_run_io_ds_idx up to the first by a
 * completed run. Only the time: joining the run back for more made
 * Postgres look each dataset up twice and hash every run.
 */
export async function lastSuccessfulWrites(
  db: Knex,
  datasetIds: number[],
): Promise<Map<number, number>> {
  const newest = db('lineage_run_io as io')
    .join('lineage_runs as r', 'r.run_id', 'io.run_id')
    .whereRaw('?? = ??', ['io.dataset_id', 'd.id'])
    .where({ 'io.direction': 'out', 'r.state': 'COMPLETE' })
    .where(wroteData('io'))
    .orderBy('io.event_time', 'desc')
    .limit(1)
    .select(
      db.raw(
        'case when r.ended_at < r.updated_at then r.ended_at else r.updated_at end',
      ),
    );
  const rows = await db('lineage_datasets as d')
    .where(idsIn(isPostgres(db), 'd.id', datasetIds))
    .select('d.id', newest.as('written'));
  const times = new Map<number, number>();
  for (const row of rows) {
    if (row.written !== null) {
      times.set(toNumber(row.id), toNumber(row.written));
    }
  }
  return times;
}
