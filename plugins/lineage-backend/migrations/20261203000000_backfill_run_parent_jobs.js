// @ts-check

/** Runs read at a time. */
const PAGE = 1000;
/** Rows inserted at a time: SQLite takes at most 500 in a compound select. */
const INSERT_ROWS = 100;

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
 * The job a run's stored facets name in their `parent` facet, by the rules
 * of `parentJobOf`.
 *
 * @param {string} facets
 */
function parentJobOf(facets) {
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
  const job = parent.job ?? {};
  return isIndexable(job.namespace, 1000) && isIndexable(job.name, 1500)
    ? { namespace: job.namespace, name: job.name }
    : undefined;
}

/**
 * Runs stored before 20261202000000 get the parent job their `parent` facet
 * names, as ingest gives it, the job stored if it is not: a DAG that sends
 * no event of its own is then found by name from its older task runs too,
 * not only once an event repeats their facet. The facets are read here, as
 * ingest reads them: in SQL, one malformed old facet would stop the
 * migration (Postgres refuses an unpaired surrogate as JSON).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  if (knex.client.config.client === 'pg') {
    // Without statistics (a table just restored, say), Postgres read each
    // page below by sorting every run: 200,000 runs took 13 s instead of 4.
    await knex.raw('analyze lineage_runs');
  }
  await knex.raw(
    'create temporary table run_parent_jobs (run_id varchar(256), namespace text, name text)',
  );
  for (let after = ''; ; ) {
    const runs = await knex('lineage_runs')
      .whereNull('parent_job_id')
      .where('facets', 'like', '%"parent"%')
      .where('run_id', '>', after)
      .orderBy('run_id')
      .limit(PAGE)
      .select('run_id', 'facets');
    if (runs.length === 0) break;
    after = runs[runs.length - 1].run_id;
    const named = runs.flatMap(run => {
      const job = parentJobOf(run.facets);
      return job ? [{ run_id: run.run_id, ...job }] : [];
    });
    for (let i = 0; i < named.length; i += INSERT_ROWS) {
      await knex('run_parent_jobs').insert(named.slice(i, i + INSERT_ROWS));
    }
  }
  const now = Date.now();
  // `where true`: SQLite would read `on` as the start of a join.
  await knex.raw(
    `insert into lineage_namespaces (name, created_at)
     select distinct namespace, cast(? as bigint) from run_parent_jobs
     where true
     on conflict (name) do nothing`,
    [now],
  );
  await knex.raw(
    `insert into lineage_jobs (namespace, name, facets, created_at)
     select distinct namespace, name, '{}', cast(? as bigint) from run_parent_jobs
     where true
     on conflict (namespace, name) do nothing`,
    [now],
  );
  await knex.raw(
    `update lineage_runs set parent_job_id = j.id
     from run_parent_jobs p
     join lineage_jobs j on j.namespace = p.namespace and j.name = p.name
     where lineage_runs.run_id = p.run_id`,
  );
  await knex.raw('drop table run_parent_jobs');
};

/** Nothing to undo: 20261202000000's down drops the column. */
exports.down = async function down() {};
