// @ts-check

/**
 * The time of a run's latest event of any type, an OTHER too, which no
 * other column of the run keeps: an event is new to a run only if it
 * changes one of its columns, so that one sent again (after retention
 * deleted its raw row) does not move when the run was last updated. Runs
 * stored before have none; their next event sets it.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('lineage_runs', table => {
    table.bigInteger('last_event_time').nullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('lineage_runs', table => {
    table.dropColumn('last_event_time');
  });
};
