import { Knex } from 'knex';
import { idsIn, isPostgres, toNumber } from './tables';
import { readInParts } from './readInParts';

/**
 * Of a job found by name, how many of its latest runs, and of the latest
 * runs naming it as their parent job, lead to its child jobs.
 */
const MAX_PARENT_RUNS = 100;
/**
 * Of a job found by name, how many of the latest runs naming it as their
 * root job (a DAG's, under its tasks' Spark applications) lead to jobs of
 * its family: a few days of a DAG of 50 tasks running 5 queries each.
 */
const MAX_ROOTED_RUNS = 1000;
/** How deep child jobs that name no dataset lead to theirs (see selfAndChildJobs). */
const MAX_CHILD_LEVELS = 3;
/** How many such children of one level lead to theirs, of each job read. */
const MAX_BARE_CHILDREN = 16;
/**
 * And of all the jobs read at once: a search reads a part of its matches
 * together (WRITE_SEARCH_PART, or its limit of up to 100), and each one's
 * 16 alone let 50 DAGs read 1,600 tasks through (1,650 lookups of three
 * queries). With it, a call reads the child jobs of its own jobs and of
 * at most 2 × 64 more, each from its latest MAX_PARENT_RUNS runs and as
 * many naming it, in 16 queries (more past 1,000 ids, see readInParts):
 * four a level (see childJobsOf) and two between levels.
 */
const MAX_BARE_CHILDREN_READ = 64;

/**
 * Each job with its child jobs (see childJobsOf). A child that reads and
 * writes nothing brings its own children, MAX_CHILD_LEVELS deep: an
 * Airflow task running a Spark application names no dataset, the
 * application's SQL jobs do. Those that name the job as their root come
 * at once, however deep; a child whose own children do is not read
 * through. By job id. With `asOf`, of runs started by
 * then; `cut` when some such children were left unread (see
 * MAX_BARE_CHILDREN and MAX_BARE_CHILDREN_READ).
 */
export async function selfAndChildJobs(
  db: Knex,
  jobIds: number[],
  asOf?: number,
  bareChildren = { ofEach: MAX_BARE_CHILDREN, ofAll: MAX_BARE_CHILDREN_READ },
): Promise<{ families: Map<number, number[]>; cut: boolean }> {
  const families = new Map(jobIds.map(id => [id, new Set([id])]));
  // Of each job, those of its family whose children this level reads.
  let parentsOf = new Map(jobIds.map(id => [id, [id]]));
  let cut = false;
  for (let level = 1; ; level++) {
    const { children, rootedParents } = await childJobsOf(
      db,
      [...new Set([...parentsOf.values()].flat())],
      asOf,
    );
    const newOf = new Map<number, number[]>();
    // Of each job, those whose own children are among its children.
    const coveredOf = new Map<number, Set<number>>();
    for (const [jobId, parents] of parentsOf) {
      const family = families.get(jobId)!;
      const found = parents.flatMap(parent => children.get(parent)!);
      coveredOf.set(
        jobId,
        new Set(parents.flatMap(parent => rootedParents.get(parent)!)),
      );
      newOf.set(
        jobId,
        found.filter(child => !family.has(child)),
      );
      found.forEach(child => family.add(child));
    }
    if (level === MAX_CHILD_LEVELS) break;
    const allNew = [...new Set([...newOf.values()].flat())];
    const named = await jobsNamingDatasets(db, allNew, asOf);
    const withChildren = await jobsWithChildRuns(
      db,
      allNew.filter(child => !named.has(child)),
      asOf,
    );
    // Of those whose children are among their job's, any that also have
    // children under no root or another (a dbt job beside a Spark app that
    // names the DAG): read through all the same.
    const outsideRoot = await jobsWithChildRuns(
      db,
      [...new Set([...coveredOf.values()].flatMap(set => [...set]))].filter(
        child => withChildren.has(child),
      ),
      asOf,
      { outsideRoot: true },
    );
    parentsOf = new Map();
    // Each child read once, however many families it is in.
    const read = new Set<number>();
    for (const [jobId, found] of newOf) {
      // Each is read with its runs' children: past the first few by id,
      // not read through. So many of each job's, not of all of them (a
      // search reads many jobs at once), within MAX_BARE_CHILDREN_READ
      // of all of them, in the order of `jobIds`.
      const bare = [...new Set(found)]
        .filter(
          child =>
            withChildren.has(child) &&
            (!coveredOf.get(jobId)!.has(child) || outsideRoot.has(child)),
        )
        .sort((a, b) => a - b);
      const taken: number[] = [];
      for (const child of bare.slice(0, bareChildren.ofEach)) {
        if (!read.has(child) && read.size >= bareChildren.ofAll) continue;
        read.add(child);
        taken.push(child);
      }
      cut ||= taken.length < bare.length;
      if (taken.length) parentsOf.set(jobId, taken);
    }
    if (parentsOf.size === 0) break;
  }
  return {
    families: new Map(
      [...families].map(([jobId, family]) => [jobId, [...family]]),
    ),
    cut,
  };
}

/**
 * Each job's child jobs: those of the child runs of its latest runs, those
 * of the latest runs naming it as their parent job (a DAG that sends no
 * event of its own) with the other child runs of their parent runs, and
 * those of the latest runs naming it as their root job. With, by job, the
 * parent jobs those rooted runs name: whose children are among them. By
 * job id; with `asOf`, of runs started by then. All jobs in four queries
 * (per part, see readInParts), not four each.
 */
async function childJobsOf(
  db: Knex,
  jobIds: number[],
  asOf?: number,
): Promise<{
  children: Map<number, number[]>;
  rootedParents: Map<number, number[]>;
}> {
  const postgres = isPostgres(db);
  const startedBy = (query: Knex.QueryBuilder, table: string) =>
    asOf === undefined
      ? query
      : query.where(`${table}.first_event_time`, '<=', asOf);
  // The job `j`'s latest runs by `column`, read in their index's order,
  // not sorted: for each job, an index's few rows.
  const latest = (column: string, select: string, limit = MAX_PARENT_RUNS) =>
    startedBy(
      db('lineage_runs as r').whereRaw('?? = ??', [`r.${column}`, 'j.id']),
      'r',
    )
      .orderBy('r.first_event_time', 'desc')
      .limit(limit)
      .select(`r.${select}`);
  // Each job with the jobs of the runs whose `column` is one of its
  // `runs`. On Postgres those are an array, which an index scan takes as
  // its keys for each job: an `in` naming the job would be tested on
  // every run. SQLite reads an `in` so.
  const jobsOfRuns =
    (column: string, runs: Knex.QueryBuilder, also: string[] = []) =>
    (part: number[]) =>
      startedBy(
        db('lineage_jobs as j')
          .join('lineage_runs as c', join =>
            join.on(
              db.raw(postgres ? '?? = any(array?)' : '?? in ?', [
                `c.${column}`,
                runs,
              ]),
            ),
          )
          .where(idsIn(postgres, 'j.id', part)),
        'c',
      ).distinct('j.id as parent_id', 'c.job_id', ...also);
  // Apart, not or-ed: Postgres reads an index for one `in` only.
  const found = await Promise.all(
    [
      jobsOfRuns('parent_run_id', latest('job_id', 'run_id')),
      jobsOfRuns('run_id', latest('parent_job_id', 'run_id')),
      jobsOfRuns('parent_run_id', latest('parent_job_id', 'parent_run_id')),
      jobsOfRuns('run_id', latest('root_job_id', 'run_id', MAX_ROOTED_RUNS), [
        'c.parent_job_id',
      ]),
    ].map(read => readInParts(db, jobIds, read)),
  );
  const jobs = new Map(jobIds.map(id => [id, new Set<number>()]));
  const rootedParents = new Map(jobIds.map(id => [id, new Set<number>()]));
  for (const row of found.flat()) {
    const [parent, child] = [toNumber(row.parent_id), toNumber(row.job_id)];
    if (child !== parent) jobs.get(parent)!.add(child);
  }
  for (const row of found[3]) {
    if (row.parent_job_id !== null) {
      rootedParents
        .get(toNumber(row.parent_id))!
        .add(toNumber(row.parent_job_id));
    }
  }
  const lists = (sets: Map<number, Set<number>>) =>
    new Map([...sets].map(([id, set]) => [id, [...set]]));
  return { children: lists(jobs), rootedParents: lists(rootedParents) };
}

/**
 * Of `jobIds`, those that have child jobs as selfAndChildJobs finds them:
 * a child run of one of their latest runs, or a latest run naming them as
 * its parent job; with `asOf`, of runs started by then. A DAG's sensors,
 * which name nothing, have none. Each job's look is bounded, as there: a
 * sensor may have run every minute for a year.
 */
async function jobsWithChildRuns(
  db: Knex,
  jobIds: number[],
  asOf?: number,
  /**
   * Only child runs not under the root of the run they are children of,
   * and runs naming the job as their parent job under no root.
   */
  { outsideRoot = false } = {},
): Promise<Set<number>> {
  const startedBy = (query: Knex.QueryBuilder, table: string) =>
    asOf === undefined
      ? query
      : query.where(`${table}.first_event_time`, '<=', asOf);
  // One statement per part: for each job, an index's few rows.
  const rows = await readInParts(db, jobIds, part => {
    const latestRuns = startedBy(
      db('lineage_runs as r').whereRaw('?? = ??', ['r.job_id', 'j.id']),
      'r',
    )
      .orderBy('r.first_event_time', 'desc')
      .limit(MAX_PARENT_RUNS)
      .select('r.run_id');
    const childRun = startedBy(
      outsideRoot
        ? db('lineage_runs as p')
            .join('lineage_runs as c', 'c.parent_run_id', 'p.run_id')
            .whereIn('p.run_id', latestRuns)
            .where(outside =>
              outside
                .whereNull('c.root_job_id')
                .orWhereNull('p.root_job_id')
                .orWhereRaw('?? <> ??', ['c.root_job_id', 'p.root_job_id']),
            )
        : db('lineage_runs as c').whereIn('c.parent_run_id', latestRuns),
      'c',
    ).select(db.raw('1'));
    const namingRun = startedBy(
      db('lineage_runs as n')
        .whereRaw('?? = ??', ['n.parent_job_id', 'j.id'])
        .modify(query => {
          if (outsideRoot) query.whereNull('n.root_job_id');
        }),
      'n',
    ).select(db.raw('1'));
    return db('lineage_jobs as j')
      .where(idsIn(isPostgres(db), 'j.id', part))
      .where(probe => probe.whereExists(childRun).orWhereExists(namingRun))
      .select('j.id as job_id');
  });
  return new Set(rows.map(row => toNumber(row.job_id)));
}

/** Of `jobIds`, those that read or write a dataset (by `asOf`, if given). */
async function jobsNamingDatasets(
  db: Knex,
  jobIds: number[],
  asOf?: number,
): Promise<Set<number>> {
  const rows = await readInParts(db, jobIds, part => {
    const query = db('lineage_io')
      .where(idsIn(isPostgres(db), 'job_id', part))
      .distinct('job_id');
    return asOf === undefined ? query : query.where('first_seen', '<=', asOf);
  });
  return new Set(rows.map(row => toNumber(row.job_id)));
}
