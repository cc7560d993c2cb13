// @ts-check

/**
 * When a run last started or ran (its latest START or RUNNING event): a
 * completion after its failure undoes the failure only if the run started
 * again in between (re-run under the same id). Spark's integration reports
 * a failed query's job FAIL and then its SQL execution COMPLETE. Runs
 * stored before have none, so no restart of theirs is known: a completion
 * arriving after their failure from now on leaves it.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('lineage_runs', table => {
    table.bigInteger('active_time').nullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('lineage_runs', table => {
    table.dropColumn('active_time');
  });
};
