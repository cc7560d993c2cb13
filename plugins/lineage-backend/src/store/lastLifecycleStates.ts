import { Knex } from 'knex';
import { asRecord, isString } from './facetValues';
import { idsIn, isPostgres, toNumber } from './tables';

/**
 * The lifecycle state each dataset's latest write reported, as Marquez
 * gives `lastLifecycleState` from a dataset's latest version: that of the
 * newest output row of a completed run, a drop's too, by its run's latest
 * event naming it, so that a late older drop does not hide a newer write;
 * or the dataset's `lifecycleStateChange` facet, if set after that write
 * (by a dataset event, say). Datasets whose latest write reported none are
 * left out. Each dataset's writes are read newest first in
 * lineage_run_io_ds_idx.
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
      .orderBy('io.event_time', 'desc')
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
  const setSince: number[] = [];
  for (const row of rows) {
    const id = toNumber(row.id);
    const facetTime = row.facet_times
      ? asRecord(JSON.parse(row.facet_times)).lifecycleStateChange
      : undefined;
    if (
      typeof facetTime === 'number' &&
      (row.written === null || facetTime > toNumber(row.written))
    ) {
      setSince.push(id);
    } else if (row.state) {
      states.set(id, row.state);
    }
  }
  if (setSince.length > 0) {
    const facets = await db('lineage_datasets as d')
      .where(idsIn(isPostgres(db), 'd.id', setSince))
      .select('d.id', 'd.facets');
    for (const row of facets) {
      const { lifecycleStateChange: state } = asRecord(
        asRecord(JSON.parse(row.facets)).lifecycleStateChange,
      );
      if (isString(state)) states.set(toNumber(row.id), state);
    }
  }
  return states;
}
