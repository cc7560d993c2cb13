import { Knex } from 'knex';
import { asRecord, Named } from './facetValues';
import { lifecycleStateOf } from './lifecycleStateOf';
import { idsIn, isPostgres, toNumber } from './tables';

/**
 * The renames of a dataset, under any of `datasetIds`, to another name,
 * after `after` and by `seenBy`, by completed runs (dated as
 * successfulWrites dates writes): its data is the new name's since, so the
 * old name holds none. A run's output reporting `RENAME` makes the dataset
 * its `previousIdentifier` names an input of the run (see prepareEvent);
 * which input it was is read from the output's `lifecycleStateChange`
 * facet as stored, so a rename whose output reported another change since
 * is no longer found.
 */
export async function renamesAway(
  db: Knex,
  datasetIds: number[],
  after: number,
  seenBy: number,
): Promise<Rename[]> {
  const rows = await db('lineage_run_io as old')
    .join('lineage_runs as r', 'r.run_id', 'old.run_id')
    .join('lineage_jobs as j', 'j.id', 'r.job_id')
    .join('lineage_datasets as od', 'od.id', 'old.dataset_id')
    .join('lineage_run_io as new', 'new.run_id', 'old.run_id')
    .join('lineage_datasets as nd', 'nd.id', 'new.dataset_id')
    .where(idsIn(isPostgres(db), 'old.dataset_id', datasetIds))
    .where({ 'old.direction': 'in', 'new.direction': 'out' })
    .where('new.lifecycle_state', 'RENAME')
    .where('r.state', 'COMPLETE')
    .where('new.event_time', '>', after)
    // The same bound on the old name's reads, which then come by index: the
    // rename made the old name an input of the event reporting it (see
    // prepareEvent), so that input's time is no earlier.
    .where('old.event_time', '>', after)
    .where('new.event_time', '<=', seenBy)
    .select(
      'od.namespace as oldNamespace',
      'od.name as oldName',
      'nd.namespace',
      'nd.name',
      'nd.facets',
      'r.run_id',
      'r.ended_at',
      'r.updated_at',
      'j.namespace as jobNamespace',
      'j.name as jobName',
    );
  return rows.flatMap(row => {
    const facet = asRecord(JSON.parse(row.facets)).lifecycleStateChange;
    const previous = asRecord(asRecord(facet).previousIdentifier);
    if (
      lifecycleStateOf(facet) !== 'RENAME' ||
      previous.namespace !== row.oldNamespace ||
      previous.name !== row.oldName
    ) {
      return [];
    }
    return [
      {
        time: Math.min(toNumber(row.ended_at), toNumber(row.updated_at)),
        job: { namespace: row.jobNamespace, name: row.jobName },
        runId: row.run_id,
        renamedTo: { namespace: row.namespace, name: row.name },
      },
    ];
  });
}

/** A rename of a dataset: when, by which job and run, and to what. */
export type Rename = {
  time: number;
  job: Named;
  runId: string;
  renamedTo: Named;
};
