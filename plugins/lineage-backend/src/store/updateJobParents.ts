import { Knex } from 'knex';
import { idsIn, isPostgres, whereParented } from './tables';

/**
 * Gives each job the parent job and parent run of its latest run naming
 * either, by first event time and then run id (migration
 * 20261209000000_job_parents), read from the runs as stored: so whatever
 * order events come in, and after a run moves to another job or loses its
 * `parent` facet. On Postgres the jobs' rows are locked first, by a
 * statement of their own: the update's snapshot, taken after, then holds
 * the runs of a transaction that updated a job before this one, so that
 * of two storing runs of one job at once, the later sees both.
 */
export async function updateJobParents(
  tx: Knex.Transaction,
  jobIds: number[],
): Promise<void> {
  if (jobIds.length === 0) return;
  const latestParented = (column: string) =>
    tx('lineage_runs as r')
      .whereRaw('?? = ??', ['r.job_id', 'lineage_jobs.id'])
      .where(whereParented('r'))
      .orderBy([
        { column: 'r.first_event_time', order: 'desc' },
        { column: 'r.run_id', order: 'desc' },
      ])
      .limit(1)
      .select(`r.${column}`);
  const postgres = isPostgres(tx);
  if (postgres) {
    await tx('lineage_jobs')
      .where(idsIn(postgres, 'id', jobIds))
      .orderBy('id')
      .forUpdate()
      .select('id');
  }
  await tx('lineage_jobs')
    .where(idsIn(postgres, 'id', jobIds))
    .update({
      parent_job_id: latestParented('parent_job_id'),
      parent_run_id: latestParented('parent_run_id'),
    });
}
