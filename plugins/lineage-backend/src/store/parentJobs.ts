import { Knex } from 'knex';
import { chunks, idsIn, isPostgres, toNumber, whereParented } from './tables';
import { Named } from './facetValues';
import { ImmutableRowCache } from './ImmutableRowCache';
import { Key, keyOf } from './keyOf';
import { nodeNames } from './nodeNames';
import { readInParts } from './readInParts';
import { latestRunOfEach } from './latestRunOfEach';

/**
 * The parent job of each job's most recent run that names a parent
 * run or job: the job of the run's `parent` facet (`parent_job_id`), or
 * else the stored job of the parent run; with `asOf`, of runs started by
 * then. Jobs without such a run are left out.
 */
export async function parentJobs(
  db: Knex,
  namesByKey: ImmutableRowCache<Key, Named>,
  jobIds: number[],
  asOf?: number,
): Promise<Map<number, Named>> {
  if (asOf !== undefined) return parentJobsAsOf(db, jobIds, asOf);
  // Each job keeps its latest parented run's parents (updateJobParents).
  // Read with the names of the jobs and of their parent jobs, cached for
  // toGraph: a graph's walk then reads lineage_jobs once, not three times
  // (the last after the others), where parents are known by
  // parent_job_id. In one part: Postgres may scan the table for as few
  // ids as a graph's.
  const jobs = await db('lineage_jobs as j')
    .leftJoin('lineage_jobs as p', 'p.id', 'j.parent_job_id')
    .where(idsIn(isPostgres(db), 'j.id', jobIds))
    .select(
      'j.id',
      'j.namespace',
      'j.name',
      'j.parent_job_id',
      'j.parent_run_id',
      'p.namespace as parent_namespace',
      'p.name as parent_name',
    );
  const jobNames: Array<[Key, Named]> = [];
  for (const row of jobs) {
    jobNames.push([
      keyOf('job', toNumber(row.id)),
      { namespace: row.namespace, name: row.name },
    ]);
    if (row.parent_name !== null) {
      jobNames.push([
        keyOf('job', toNumber(row.parent_job_id)),
        { namespace: row.parent_namespace, name: row.parent_name },
      ]);
    }
  }
  namesByKey.addAll(jobNames);
  const rows = jobs.filter(
    row => row.parent_job_id !== null || row.parent_run_id !== null,
  );
  const runJobs = new Map<string, number>();
  const byRunOnly = rows
    .filter(row => row.parent_job_id === null)
    .map(row => row.parent_run_id);
  for (const part of chunks(byRunOnly, 500)) {
    const runs = await db('lineage_runs')
      .whereIn('run_id', part)
      .select('run_id', 'job_id');
    for (const run of runs) runJobs.set(run.run_id, toNumber(run.job_id));
  }
  const parents = new Map<number, number>();
  for (const row of rows) {
    const parent =
      row.parent_job_id === null
        ? runJobs.get(row.parent_run_id)
        : toNumber(row.parent_job_id);
    if (parent !== undefined) parents.set(toNumber(row.id), parent);
  }
  const names = await nodeNames(
    db,
    namesByKey,
    [...new Set(parents.values())].map(id => keyOf('job', id)),
  );
  const result = new Map<number, Named>();
  for (const [job, parent] of parents) {
    const named = names.get(keyOf('job', parent));
    if (named) result.set(job, named);
  }
  return result;
}

/** parentJobs as of a time: from the runs started by then. */
async function parentJobsAsOf(
  db: Knex,
  jobIds: number[],
  asOf: number,
): Promise<Map<number, Named>> {
  const result = new Map<number, Named>();
  // Runs naming a parent, started by `asOf`.
  const parentedRun = (run: string) => (builder: Knex.QueryBuilder) => {
    builder.where(whereParented(run));
    builder.where(`${run}.first_event_time`, '<=', asOf);
  };
  const rows = await readInParts(db, jobIds, part => {
    // Each job's latest such run: its last entry in
    // lineage_runs_parented_idx, if any.
    const latest = latestRunOfEach(db, part, 'l', parentedRun('r'));
    return db
      .from(latest)
      .join('lineage_runs as r', 'r.run_id', 'l.run_id')
      .leftJoin('lineage_jobs as fj', 'fj.id', 'r.parent_job_id')
      .leftJoin('lineage_runs as p', 'p.run_id', 'r.parent_run_id')
      .leftJoin('lineage_jobs as pj', 'pj.id', 'p.job_id')
      .select(
        'l.job_id',
        db.raw('coalesce(fj.namespace, pj.namespace) as namespace'),
        db.raw('coalesce(fj.name, pj.name) as name'),
      );
  });
  for (const row of rows) {
    if (row.name === null) continue;
    result.set(toNumber(row.job_id), {
      namespace: row.namespace,
      name: row.name,
    });
  }
  return result;
}
