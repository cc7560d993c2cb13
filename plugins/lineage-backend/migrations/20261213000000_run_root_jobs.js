// @ts-check

const { backfillRunFacetJobs } = require('./lib/backfillRunFacetJobs');

/**
 * The job each run's `parent` facet names as its root (`parent.root.job`):
 * the Airflow DAG over a task's Spark application and the application's own
 * SQL jobs. Every job under a DAG is then one indexed read from the DAG,
 * not a walk down parent runs a level at a time. Only runs with a root are
 * indexed. Ingest keeps it; runs stored before get it here.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('lineage_runs', table => {
    table.integer('root_job_id').nullable();
    table.index(
      ['root_job_id', 'first_event_time'],
      'lineage_runs_root_job_idx',
      {
        predicate: knex.whereNotNull('root_job_id'),
      },
    );
  });
  await backfillRunFacetJobs(knex, {
    column: 'root_job_id',
    path: ['root', 'job'],
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('lineage_runs', table => {
    table.dropIndex(
      ['root_job_id', 'first_event_time'],
      'lineage_runs_root_job_idx',
    );
    table.dropColumn('root_job_id');
  });
};
