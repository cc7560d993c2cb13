// @ts-check

/**
 * When a run last said it was writing a dataset: its latest event naming
 * it that is not the run's failure. A stream that wrote for days and then
 * failed has written until its last RUNNING event, while its failure, the
 * latest event, says nothing of when it last wrote. Rows stored before have
 * none; a failed run among them counts for nothing, as before.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('lineage_run_io', table => {
    table.bigInteger('written_until').nullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('lineage_run_io', table => {
    table.dropColumn('written_until');
  });
};
