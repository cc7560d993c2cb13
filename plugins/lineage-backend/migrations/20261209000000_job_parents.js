// @ts-check

/**
 * Each job's latest run naming a parent run or job (by first event time,
 * then run id), as the lineage tab groups the job under it: that run's
 * parent job and parent run. Found per job by `lineage_runs_parented_idx`,
 * it cost every job node of a graph four lookups more than its name; kept
 * on the job, it is read with the name. Ingest keeps it
 * (src/store/updateJobParents.ts); jobs stored before get it here.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('lineage_jobs', table => {
    table.integer('parent_job_id').nullable();
    table.string('parent_run_id', 256).nullable();
  });
  await knex.raw(
    `update lineage_jobs set (parent_job_id, parent_run_id) = (
       select r.parent_job_id, r.parent_run_id from lineage_runs r
       where r.job_id = lineage_jobs.id
         and (r.parent_run_id is not null or r.parent_job_id is not null)
       order by r.first_event_time desc, r.run_id desc
       limit 1
     )
     where id in (
       select job_id from lineage_runs
       where parent_run_id is not null or parent_job_id is not null
     )`,
  );
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('lineage_jobs', table => {
    table.dropColumn('parent_run_id');
    table.dropColumn('parent_job_id');
  });
};
