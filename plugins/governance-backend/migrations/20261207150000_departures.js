// @ts-check

/**
 * Products missing from the catalog, and since when: each keeps its
 * scorecard (hidden), history and exemptions until it has been missing for
 * `governance.removalGracePeriod`, so that a catalog that briefly holds
 * nothing (its locations moved, a restore) destroys nothing. Times are epoch
 * milliseconds.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('governance_departures', table => {
    table.comment(
      'Products missing from the catalog, kept until the grace period ends or they come back',
    );
    table.string('entity_ref', 512).primary();
    table.bigInteger('missing_since').notNullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('governance_departures');
};
