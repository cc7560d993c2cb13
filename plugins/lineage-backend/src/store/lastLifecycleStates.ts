import { Knex } from 'knex';
import { asRecord } from './facetValues';
import { LIFECYCLE_STATES, lifecycleStateOf } from './lifecycleStateOf';
import { idsIn, isPostgres, toNumber } from './tables';

/**
 * The lifecycle state each dataset's latest write reported, as Marquez
 * gives `lastLifecycleState` from a dataset's latest version: that of the
 * newest output row of a completed run, a drop's too, by its run's latest
 * event naming it, so that a late older drop does not hide a newer write;
 * or the dataset's `lifecycleStateChange` facet, if set after that write
 * by no run (a dataset event, say): a run sets it too, whatever its
 * outcome, and only a completed run's write counts. Of writes at the same
 * time, the greater run id's, so that the state and its time are one
 * write's. Datasets whose latest write reported none are left out.
 */
export async function lastLifecycleStates(
  db: Knex,
  datasetIds: number[],
): Promise<Map<number, string>> {
  const newest = (column: string) =>
    db('lineage_run_io as io')
      .join('lineage_runs as r', 'r.run_id', 'io.run_id')
      .whereRaw('?? = ??', ['io.dataset_id', 'd.id'])
      .where({ 'io.direction': 'out', 'r.state': 'COMPLETE' })
      .orderBy([
        { column: 'io.event_time', order: 'desc' },
        { column: 'io.run_id', order: 'desc' },
      ])
      .limit(1)
      .select(column);
  const rows = await db('lineage_datasets as d')
    .leftJoin('lineage_dataset_facet_times as t', 't.id', 'd.id')
    .where(idsIn(isPostgres(db), 'd.id', datasetIds))
    .select(
      'd.id',
      't.facet_times',
      newest('io.lifecycle_state').as('state'),
      newest('io.event_time').as('written'),
    );
  const states = new Map<number, string>();
  for (const row of rows) {
    const id = toNumber(row.id);
    const facetTime = row.facet_times
      ? asRecord(JSON.parse(row.facet_times)).lifecycleStateChange
      : undefined;
    if (
      typeof facetTime === 'number' &&
      (row.written === null || facetTime > toNumber(row.written)) &&
      !(await setByRun(db, id, facetTime))
    ) {
      const facets = await db('lineage_datasets').where({ id }).first('facets');
      // As a run's is stored (see prepareEvent): upper-cased, of the spec.
      const state = lifecycleStateOf(
        asRecord(JSON.parse(facets.facets)).lifecycleStateChange,
      );
      if (state && LIFECYCLE_STATES.has(state)) states.set(id, state);
    } else if (row.state) {
      states.set(id, row.state);
    }
  }
  return states;
}

/** Whether a run naming the dataset was under way when its facet was set. */
async function setByRun(db: Knex, id: number, time: number) {
  const run = await db('lineage_run_io as io')
    .join('lineage_runs as r', 'r.run_id', 'io.run_id')
    .where('io.dataset_id', id)
    .where('io.event_time', '>=', time)
    .where('r.first_event_time', '<=', time)
    .first('io.run_id');
  return run !== undefined;
}
