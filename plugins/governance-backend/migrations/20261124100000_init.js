// @ts-check

/**
 * Governance scorecards: the latest per product, and their history for
 * trends. Times are epoch milliseconds, compared the same way on SQLite and
 * Postgres.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('governance_scorecards', table => {
    table.comment('The latest scorecard of each data product');
    table.string('entity_ref', 512).primary();
    table.string('domain', 512).notNullable();
    table.string('owner', 512).notNullable();
    table.integer('score').notNullable();
    table.string('level', 16).notNullable();
    table.integer('failing').notNullable();
    table.text('checks').notNullable();
    table.bigInteger('evaluated_at').notNullable();
    table.index(['level'], 'governance_scorecards_level_idx');
  });
  await knex.schema.createTable('governance_history', table => {
    table.comment(
      'A scorecard each time it changed, and at least hourly, for trends',
    );
    table.bigIncrements('id').primary();
    table.string('entity_ref', 512).notNullable();
    table.integer('score').notNullable();
    table.string('level', 16).notNullable();
    table.integer('failing').notNullable();
    table.bigInteger('evaluated_at').notNullable();
    table.index(['entity_ref', 'evaluated_at'], 'governance_history_ref_idx');
    table.index(['evaluated_at'], 'governance_history_time_idx');
  });
  await knex.schema.createTable('governance_trend', table => {
    table.comment(
      'The whole mesh after an evaluation: average score and levels',
    );
    table.bigInteger('evaluated_at').primary();
    table.integer('average_score').notNullable();
    table.integer('products').notNullable();
    table.text('levels').notNullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('governance_trend');
  await knex.schema.dropTable('governance_history');
  await knex.schema.dropTable('governance_scorecards');
};
