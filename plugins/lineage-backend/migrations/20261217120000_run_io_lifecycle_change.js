// @ts-check

/**
 * The lifecycle change each run last reported of a dataset it wrote, newest
 * report winning as with the other run measurements: `DROP`, `TRUNCATE`, or
 * empty for another change (or the facet marked deleted). A run that
 * dropped its output, or truncated it without counting rows loaded after,
 * wrote nothing, whichever of its events said so: one event naming the
 * output without the facet no longer makes it a write. Rows stored before
 * have none: their runs' emptying events stored no row, as before.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('lineage_run_io', table => {
    table.string('lifecycle_change', 16).nullable();
    table.bigInteger('lifecycle_change_time').nullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('lineage_run_io', table => {
    table.dropColumn('lifecycle_change');
    table.dropColumn('lifecycle_change_time');
  });
};
