// @ts-check

/**
 * What kept a product from being scored as configured (its domain's policy
 * annotation unreadable, say), shown with its scorecard: a JSON array, null
 * when nothing did.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('governance_scorecards', table => {
    table.text('problems').nullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('governance_scorecards', table => {
    table.dropColumn('problems');
  });
};
