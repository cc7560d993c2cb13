import { Knex } from 'knex';
import { asRecord, Named } from './facetValues';
import { lifecycleStateOf } from './lifecycleStateOf';
import { renamesAway } from './renamesAway';
import { idsIn, isPostgres, toNumber } from './tables';
import { emptiedData } from './wroteData';

/**
 * The latest change that emptied a dataset, under any of `datasetIds`,
 * after `after` and by `seenBy`: a drop, or a truncate
 * loading no rows (see wroteData), by a completed run (dated as
 * successfulWrites dates writes, with its job), a rename to another name
 * (see renamesAway), which ends the old name as a drop does, or by a
 * dataset event,
 * as the dataset's own `lifecycleStateChange` facet says. That facet is
 * set by runs' events too: one set within a run that reported a change of
 * the dataset is that run's, whose state decides (a drop that failed
 * emptied nothing).
 */
export async function lastEmptying(
  db: Knex,
  datasetIds: number[],
  after: number,
  seenBy: number,
): Promise<Emptying | undefined> {
  const postgres = isPostgres(db);
  const changes = () =>
    db('lineage_run_io as io')
      .join('lineage_runs as r', 'r.run_id', 'io.run_id')
      .where(idsIn(postgres, 'io.dataset_id', datasetIds))
      .where('io.direction', 'out')
      .whereIn('io.lifecycle_change', ['DROP', 'TRUNCATE']);
  const [byRuns, facets, renames] = await Promise.all([
    changes()
      .join('lineage_jobs as j', 'j.id', 'r.job_id')
      .where('r.state', 'COMPLETE')
      .where(emptiedData('io'))
      .where('io.event_time', '>', after)
      .where('io.event_time', '<=', seenBy)
      .select(
        db.raw('coalesce(??, ??) as ??', [
          'io.lifecycle_state',
          'io.lifecycle_change',
          'change',
        ]),
        'io.run_id',
        'r.ended_at',
        'r.updated_at',
        'j.namespace',
        'j.name',
      ),
    db('lineage_datasets as d')
      .join('lineage_dataset_facet_times as t', 't.id', 'd.id')
      .where(idsIn(postgres, 'd.id', datasetIds))
      // Not every dataset's facets parsed, a schema of thousands of columns.
      .where('d.facets', 'like', '%"lifecycleStateChange"%')
      .select('d.facets', 't.facet_times'),
    renamesAway(db, datasetIds, after, seenBy),
  ]);
  const emptyings: Emptying[] = byRuns.map(row => ({
    change: row.change,
    time: Math.min(toNumber(row.ended_at), toNumber(row.updated_at)),
    job: { namespace: row.namespace, name: row.name },
    runId: row.run_id,
  }));
  for (const rename of renames) emptyings.push({ change: 'DROP', ...rename });
  for (const row of facets) {
    const change = lifecycleStateOf(
      asRecord(JSON.parse(row.facets)).lifecycleStateChange,
    );
    const time = asRecord(JSON.parse(row.facet_times)).lifecycleStateChange;
    if (
      (change !== 'DROP' && change !== 'TRUNCATE') ||
      typeof time !== 'number' ||
      time <= after ||
      time > seenBy
    ) {
      continue;
    }
    const ofRun = await changes()
      .where('io.event_time', '>=', time)
      .where('r.first_event_time', '<=', time)
      .first('io.run_id');
    if (!ofRun) emptyings.push({ change, time });
  }
  return emptyings
    .filter(e => e.time > after)
    .reduce<Emptying | undefined>(
      (latest, e) => (latest && latest.time >= e.time ? latest : e),
      undefined,
    );
}

/**
 * A change that left a dataset without data, when, and by which job and
 * run (none for a dataset event); for a rename, a drop naming the dataset
 * it was renamed to (the first of a chain of renames).
 */
export type Emptying = {
  change: 'DROP' | 'TRUNCATE';
  time: number;
  job?: Named;
  runId?: string;
  renamedTo?: Named;
};
