// @ts-check

/**
 * When each product was last removed, so that a pass that read the catalog
 * before the removal, and saves after it, does not bring the product back.
 * Times are epoch milliseconds.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('governance_removals', table => {
    table.comment(
      'Products whose scorecards were removed, until they are scored again',
    );
    table.string('entity_ref', 512).primary();
    table.bigInteger('removed_at').notNullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('governance_removals');
};
