import { Knex } from 'knex';
import { chunks, idsIn, isPostgres, toNumber } from './tables';
import { ReadWindow } from './ReadWindow';
import { sinceWhole } from './sinceWhole';

/**
 * Of `portIds`, those a job writing each of `datasetIds` also writes,
 * each write seen within `windowMs` of the other, and the dataset's within
 * `windowMs` of its newest write by any job: dataset → ports. Such a
 * dataset is an extra table of that port's product; one a job that has
 * since been replaced wrote beside a port is no longer. Each write counts
 * from when last seen by an event naming all its run's lineage (see
 * sinceWhole).
 */
export async function portsWrittenBeside(
  db: Knex,
  datasetIds: number[],
  portIds: number[],
  { windowMs, seenBy }: ReadWindow,
): Promise<Map<number, Set<number>>> {
  const result = new Map<number, Set<number>>();
  if (portIds.length === 0) return result;
  const postgres = isPostgres(db);
  for (const part of chunks(datasetIds, 300)) {
    const rows = await db('lineage_io as d')
      .join('lineage_io as p', function onJob() {
        this.on('p.job_id', '=', 'd.job_id').andOnVal(
          'p.direction',
          '=',
          'out',
        );
      })
      .where('d.direction', 'out')
      .whereIn('d.dataset_id', part)
      .where(idsIn(postgres, 'p.dataset_id', portIds))
      .where('d.last_seen', '<=', seenBy)
      .where('p.last_seen', '<=', seenBy)
      .where('p.last_seen', '>=', sinceWhole(db, 'd', windowMs))
      .where('d.last_seen', '>=', sinceWhole(db, 'p', windowMs))
      .where(
        'd.last_seen',
        '>=',
        db('lineage_io as n')
          .whereRaw('?? = ??', ['n.dataset_id', 'd.dataset_id'])
          .where('n.direction', 'out')
          .where('n.last_seen', '<=', seenBy)
          .select(db.raw('max(??) - ?', ['n.last_seen', windowMs])),
      )
      .distinct('d.dataset_id as dataset', 'p.dataset_id as port');
    for (const row of rows) {
      const dataset = toNumber(row.dataset);
      const ports = result.get(dataset) ?? new Set<number>();
      ports.add(toNumber(row.port));
      result.set(dataset, ports);
    }
  }
  return result;
}
