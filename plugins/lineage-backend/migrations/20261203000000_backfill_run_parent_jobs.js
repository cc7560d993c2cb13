// @ts-check

/**
 * Runs stored before 20261202000000 get the parent job their `parent` facet
 * names, as ingest gives it (`parentJobOf`), the job stored if it is not: a
 * DAG that sends no event of its own is then found by name from its older
 * task runs too, not only once an event repeats their facet.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  const postgres = knex.client.config.client === 'pg';
  // Each run's parent facet read out of its facets once, then its parts.
  const [parentFacet, parentType] = postgres
    ? [`(facets::jsonb -> 'parent')`, `jsonb_typeof(facets::jsonb -> 'parent')`]
    : [`json_extract(facets, '$.parent')`, `json_type(facets, '$.parent')`];
  /** @param {string} path */
  const at = path =>
    postgres
      ? `(parent #>> '{${path.replace('.', ',')}}')`
      : `json_extract(parent, '$.${path}')`;
  /** @param {string} path */
  const typeAt = path =>
    postgres
      ? `jsonb_typeof(parent #> '{${path.replace('.', ',')}}')`
      : `json_type(parent, '$.${path}')`;
  /** UTF-8 bytes, as EVENT_LIMITS counts them. */
  const bytes = (/** @type {string} */ text) =>
    postgres ? `octet_length(${text})` : `length(cast(${text} as blob))`;
  const string = postgres ? 'string' : 'text';
  const deleted = postgres
    ? `${typeAt('_deleted')} = 'boolean' and ${at('_deleted')} = 'true'`
    : `${typeAt('_deleted')} = 'true'`;
  // A facet holding an escaped NUL is left: Postgres reads no such text.
  await knex.raw(
    `create temporary table run_parent_jobs as
     select run_id, ${at('job.namespace')} as namespace, ${at(
      'job.name',
    )} as name
     from (
       select run_id, ${parentFacet} as parent from lineage_runs
       where parent_job_id is null
         and facets like '%"parent"%'
         and ${postgres ? 'strpos' : 'instr'}(facets, ?) = 0
         and ${parentType} = 'object'
     ) r
     where ${typeAt('job.namespace')} = '${string}'
       and ${typeAt('job.name')} = '${string}'
       and ${bytes(at('job.namespace'))} between 1 and 1000
       and ${bytes(at('job.name'))} between 1 and 1500
       and not coalesce(${deleted}, false)`,
    ['\\u0000'],
  );
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
