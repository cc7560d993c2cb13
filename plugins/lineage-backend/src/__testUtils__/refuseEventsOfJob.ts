import { Knex } from 'knex';
import { refuseInserts } from './refuseInserts';

/**
 * A real failure for some events only: from now on the database refuses to
 * store events of `job`, with "refused insert" as the error.
 */
export function refuseEventsOfJob(
  knex: Knex,
  databaseId: string,
  job: string,
): Promise<{ stop: () => Promise<void> }> {
  return refuseInserts(
    knex,
    databaseId,
    'lineage_events',
    `new.job_name = '${job.replaceAll("'", "''")}'`,
  );
}
