// @ts-check

/**
 * The job each run's `parent` facet names, as a job of its own: an Airflow
 * DAG whose tasks report runs while the DAG itself sends no event (older
 * Airflow integrations) is then found by name, with what its tasks write.
 * Runs stored before get it from 20261203000000.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('lineage_runs', table => {
    table.integer('parent_job_id').nullable();
    // Only runs with a parent: the others, most runs, cost the index nothing.
    table.index(
      ['parent_job_id', 'first_event_time'],
      'lineage_runs_parent_job_idx',
      { predicate: knex.whereNotNull('parent_job_id') },
    );
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('lineage_runs', table => {
    table.dropIndex(
      ['parent_job_id', 'first_event_time'],
      'lineage_runs_parent_job_idx',
    );
    table.dropColumn('parent_job_id');
  });
};
