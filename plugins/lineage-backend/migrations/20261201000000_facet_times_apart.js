// @ts-check

/**
 * Every run that writes a dataset moves its facet times and `updated_at`,
 * though its facets (a few kB of schema and column lineage) rarely change.
 * Kept in the dataset's row, each run rewrote the whole row: on SQLite a page
 * of the write-ahead log per dataset, on Postgres a new row version. Kept in
 * a narrow table of their own, a run that changes no facet writes only
 * them, and many share a page.
 */

const TABLES = [
  ['lineage_datasets', 'lineage_dataset_facet_times'],
  ['lineage_jobs', 'lineage_job_facet_times'],
];

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  for (const [entities, times] of TABLES) {
    await knex.schema.createTable(times, table => {
      table.comment(`Facet times and last update of ${entities}`);
      table.integer('id').primary();
      // When each facet was last set, so that an older event never
      // overwrites a newer facet whatever the order of arrival.
      table.text('facet_times').notNullable();
      table.bigInteger('updated_at').notNullable();
    });
    if (knex.client.config.client === 'pg') {
      // Updated by most events, as the tables 20261130010000 set so; set
      // before the copy, so that the copied rows' pages keep the room too.
      await knex.raw('alter table ?? set (fillfactor = 70)', [times]);
    }
    await knex.raw(
      `insert into ?? (id, facet_times, updated_at) select id, facet_times, updated_at from ??`,
      [times, entities],
    );
    await knex.raw('alter table ?? drop column facet_times', [entities]);
    await knex.raw('alter table ?? drop column updated_at', [entities]);
  }
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  for (const [entities, times] of TABLES) {
    await knex.schema.alterTable(entities, table => {
      table.text('facet_times').notNullable().defaultTo('{}');
      table.bigInteger('updated_at').notNullable().defaultTo(0);
    });
    await knex.raw(
      `update ?? set facet_times = t.facet_times, updated_at = t.updated_at from ?? t where t.id = ??.id`,
      [entities, times, entities],
    );
    await knex.raw(
      'update ?? set updated_at = created_at where updated_at = 0',
      [entities],
    );
    await knex.schema.dropTable(times);
  }
};
