import { Knex } from 'knex';
import { chunks, idsIn, isPostgres } from './tables';
import { ReadWindow } from './ReadWindow';
import { sinceWhole } from './sinceWhole';

/**
 * Which datasets the jobs writing each dataset read: output → inputs. Only
 * what is still read counts: a job seen writing the dataset within
 * `windowMs` of its newest write (by any job), and of that job's reads,
 * those seen within `windowMs` of its own newest write of it. A pipeline
 * that dropped a read, or was replaced by another job, so loses it once it
 * has run that long without it (as runs naming all their lineage tell, see
 * sinceWhole); one that stopped running keeps what it last read. Edges
 * seen only after `seenBy` (a producer's clock far ahead) are left out
 * until then, so that one such event cannot outdate every other writer.
 * Jobs also writing one of `exceptWritersOf` are left out.
 */
export async function inputsOfWriters(
  db: Knex,
  datasetIds: number[],
  { windowMs, seenBy }: ReadWindow,
  exceptWritersOf: number[] = [],
): Promise<Map<number, Set<number>>> {
  const postgres = isPostgres(db);
  const result = new Map<number, Set<number>>();
  for (const part of chunks(datasetIds, 300)) {
    const newest = db('lineage_io')
      .where('direction', 'out')
      .whereIn('dataset_id', part)
      .where('last_seen', '<=', seenBy)
      .groupBy('dataset_id')
      .select('dataset_id')
      .max('last_seen as newest')
      .as('n');
    const rows = await db('lineage_io as w')
      .join(newest, 'n.dataset_id', 'w.dataset_id')
      .join('lineage_io as r', function onJob() {
        this.on('r.job_id', '=', 'w.job_id').andOnVal('r.direction', '=', 'in');
      })
      .where('w.direction', 'out')
      .where('w.last_seen', '<=', seenBy)
      .where('r.last_seen', '<=', seenBy)
      .where('w.last_seen', '>=', db.raw('n.newest - ?', [windowMs]))
      .where('r.last_seen', '>=', sinceWhole(db, 'w', windowMs))
      .modify(query => {
        if (exceptWritersOf.length === 0) return;
        query.whereNotExists(
          db('lineage_io as x')
            .whereRaw('?? = ??', ['x.job_id', 'w.job_id'])
            .where('x.direction', 'out')
            .where('x.last_seen', '<=', seenBy)
            .where(idsIn(postgres, 'x.dataset_id', exceptWritersOf)),
        );
      })
      .distinct('w.dataset_id as output', 'r.dataset_id as input');
    for (const row of rows) {
      const inputs = result.get(row.output) ?? new Set<number>();
      inputs.add(row.input);
      result.set(row.output, inputs);
    }
  }
  return result;
}
