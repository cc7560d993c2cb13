// @ts-check

/**
 * The lifecycle state each run's latest event naming a dataset it wrote
 * reported (`lifecycleStateChange`), empty if that event reported none:
 * Marquez gives a dataset's `lastLifecycleState` from its latest version,
 * one per write, so a write after a DROP has none. Newest report wins, as
 * with the other run measurements. Rows stored before keep the drop or
 * truncate their run reported, its last event's state as a rule (a run
 * emptying its output says so as it completes), and have none otherwise.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('lineage_run_io', table => {
    table.string('lifecycle_state', 16).nullable();
    table.bigInteger('lifecycle_state_time').nullable();
  });
  await knex('lineage_run_io')
    .whereIn('lifecycle_change', ['DROP', 'TRUNCATE'])
    .update({
      lifecycle_state: knex.ref('lifecycle_change'),
      lifecycle_state_time: knex.ref('lifecycle_change_time'),
    });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('lineage_run_io', table => {
    table.dropColumn('lifecycle_state');
    table.dropColumn('lifecycle_state_time');
  });
};
