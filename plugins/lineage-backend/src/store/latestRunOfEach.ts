import { Knex } from 'knex';
import { idsIn, isPostgres } from './tables';

/**
 * A derived table `alias` of each of `jobIds` (`job_id`) with its latest
 * run (`run_id`, null for none) of those `where` keeps, if given, of run
 * table alias `r`: by when its first event was timed, of two started at
 * once the greater run id. Looked up once per job, not once per run.
 */
export function latestRunOfEach(
  db: Knex,
  jobIds: number[],
  alias: string,
  where?: (builder: Knex.QueryBuilder) => void,
) {
  const latestRun = db('lineage_runs as r')
    .whereRaw('?? = ??', ['r.job_id', 'j.id'])
    .orderBy([
      { column: 'r.first_event_time', order: 'desc' },
      { column: 'r.run_id', order: 'desc' },
    ])
    .limit(1)
    .select('r.run_id');
  if (where) latestRun.where(where);
  return db('lineage_jobs as j')
    .where(idsIn(isPostgres(db), 'j.id', jobIds))
    .select('j.id as job_id', latestRun.as('run_id'))
    .as(alias);
}
