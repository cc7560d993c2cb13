// @ts-check

/**
 * When an edge was last seen by an event naming all its run's lineage, not
 * one whose `extractionError` facet says statements could not be parsed:
 * such a run does not make the job's other edges stale (see LineageReader).
 * Edges stored before were all counted as whole: they get their last seen,
 * in one pass that reads nothing else.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('lineage_io', table => {
    table.bigInteger('complete_seen').nullable();
  });
  await knex('lineage_io').update({ complete_seen: knex.ref('last_seen') });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('lineage_io', table => {
    table.dropColumn('complete_seen');
  });
};
