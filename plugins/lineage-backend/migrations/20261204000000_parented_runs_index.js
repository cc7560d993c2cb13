// @ts-check

/**
 * The lineage tab groups each job node under its parent job, from the job's
 * latest run that names a parent run or job (LineageReader.parentJobs). By
 * `lineage_runs_job_idx`, a job whose runs name none had every run read.
 * This index holds only runs that name a parent: one entry read for a job
 * that has a parent, none for one that has not.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('lineage_runs', table => {
    table.index(
      ['job_id', 'first_event_time', 'run_id'],
      'lineage_runs_parented_idx',
      {
        predicate: knex
          .whereNotNull('parent_run_id')
          .orWhereNotNull('parent_job_id'),
      },
    );
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('lineage_runs', table => {
    table.dropIndex(
      ['job_id', 'first_event_time', 'run_id'],
      'lineage_runs_parented_idx',
    );
  });
};
