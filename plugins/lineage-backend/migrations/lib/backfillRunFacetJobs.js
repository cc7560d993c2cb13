// @ts-check

/**
 * Runs read at a time: a run's facets may take megabytes, and SQLite takes
 * at most 500 rows in the compound select that inserts them.
 */
const PAGE = 100;

/**
 * Text the ingest check now refuses (parseOpenLineageEvent's
 * `isUnstorable`), stored by older versions: Postgres holds no NUL, and an
 * unpaired surrogate is not Unicode.
 *
 * @param {string} text
 */
const isUnstorable = text => text.includes('\u0000') || /\p{Cs}/u.test(text);

/**
 * A name that fits the index (EVENT_LIMITS: 1,000 bytes of namespace, 1,500
 * of name).
 *
 * @param {unknown} value
 * @param {number} maxBytes
 * @returns {value is string}
 */
const isIndexable = (value, maxBytes) =>
  typeof value === 'string' &&
  value.length > 0 &&
  Buffer.byteLength(value) <= maxBytes &&
  !isUnstorable(value);

/**
 * The job that a stored run's `parent` facet names at `path` (`['job']`, or
 * `['root', 'job']`), by the rules ingest follows (facetValues.ts).
 *
 * @param {string} facets
 * @param {string[]} path
 */
function parentFacetJob(facets, path) {
  let parent;
  try {
    parent = JSON.parse(facets).parent;
  } catch {
    return undefined;
  }
  if (
    typeof parent !== 'object' ||
    parent === null ||
    parent._deleted === true
  ) {
    return undefined;
  }
  let job = parent;
  for (const key of path) {
    job = typeof job === 'object' && job !== null ? job[key] : undefined;
  }
  if (typeof job !== 'object' || job === null) return undefined;
  return isIndexable(job.namespace, 1000) && isIndexable(job.name, 1500)
    ? { namespace: job.namespace, name: job.name }
    : undefined;
}

/**
 * Sets `column` of the runs stored before it was kept to the job their
 * `parent` facet names at `path`, as ingest gives it, the job stored if it
 * is not. The facets are parsed here, in JavaScript, as ingest parses them:
 * in SQL, one old facet holding an unpaired surrogate would stop the
 * migration (Postgres refuses it as JSON).
 *
 * @param {import('knex').Knex} knex
 * @param {{ column: string, path: string[] }} options
 */
async function backfillRunFacetJobs(knex, { column, path }) {
  // Found in one pass, then read by key: paged with the `like` beside the
  // key, Postgres, which keeps no statistics of text as long as most
  // facets, may read each page by sorting every run.
  await knex.raw(
    'create temporary table run_facet_job_candidates (run_id varchar(256) primary key)',
  );
  // Those whose facets hold the keys on the way to the job.
  const keys = ['parent', ...path.slice(0, -1)];
  await knex('run_facet_job_candidates').insert(
    keys.reduce(
      (runs, key) => runs.where('facets', 'like', `%"${key}"%`),
      knex('lineage_runs').whereNull(column).select('run_id'),
    ),
  );
  if (knex.client.config.client === 'pg') {
    // Autovacuum never analyzes a temporary table.
    await knex.raw('analyze run_facet_job_candidates');
  }
  await knex.raw(
    'create temporary table run_facet_jobs (run_id varchar(256), namespace text, name text)',
  );
  for (let after = ''; ; ) {
    const page = await knex('run_facet_job_candidates')
      .where('run_id', '>', after)
      .orderBy('run_id')
      .limit(PAGE)
      .pluck('run_id');
    if (page.length === 0) break;
    after = page[page.length - 1];
    // Apart, by key: joined, Postgres may scan every run for each page.
    const runs = await knex('lineage_runs')
      .whereIn('run_id', page)
      .select('run_id', 'facets');
    const named = runs.flatMap(run => {
      const job = parentFacetJob(run.facets, path);
      return job ? [{ run_id: run.run_id, ...job }] : [];
    });
    if (named.length > 0) await knex('run_facet_jobs').insert(named);
  }
  const now = Date.now();
  // `where true`: SQLite would read `on` as the start of a join.
  await knex.raw(
    `insert into lineage_namespaces (name, created_at)
     select distinct namespace, cast(? as bigint) from run_facet_jobs
     where true
     on conflict (name) do nothing`,
    [now],
  );
  await knex.raw(
    `insert into lineage_jobs (namespace, name, facets, created_at)
     select distinct namespace, name, '{}', cast(? as bigint) from run_facet_jobs
     where true
     on conflict (namespace, name) do nothing`,
    [now],
  );
  await knex.raw(
    `update lineage_runs set ?? = j.id
     from run_facet_jobs p
     join lineage_jobs j on j.namespace = p.namespace and j.name = p.name
     where lineage_runs.run_id = p.run_id
       and lineage_runs.?? is null`,
    [column, column],
  );
  await knex.raw('drop table run_facet_jobs');
  await knex.raw('drop table run_facet_job_candidates');
}

module.exports = { backfillRunFacetJobs };
