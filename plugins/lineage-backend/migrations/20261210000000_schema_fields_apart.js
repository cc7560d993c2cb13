// @ts-check

const { offersLz4 } = require('./lib/lz4Compression');

/**
 * A schema's fields (JSON text, often kilobytes) are kept once, by their
 * hash, in lineage_schema_fields, apart from the schema versions of
 * datasets, which nearly every event updates (last_seen). With the text in
 * each version's row, a batch of events rewrote most of that table's pages:
 * on SQLite, two thirds of it, a quarter of the pages each commit writes.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('lineage_schema_fields', table => {
    table.string('fields_hash', 64).primary();
    table.text('fields').notNullable();
  });
  // As the versions' fields had (20261130000000_lz4_compression).
  if (await offersLz4(knex)) {
    await knex.raw(
      'alter table lineage_schema_fields alter column fields set compression lz4',
    );
  }
  // A hash names one text: any version's will do.
  await knex.raw(
    `insert into lineage_schema_fields (fields_hash, fields)
     select fields_hash, min(fields) from lineage_schema_versions
     group by fields_hash`,
  );
  await knex.schema.alterTable('lineage_schema_versions', table => {
    table.dropColumn('fields');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  // A default, as a column added to rows already stored needs one.
  await knex.schema.alterTable('lineage_schema_versions', table => {
    table.text('fields').notNullable().defaultTo('[]');
  });
  await knex.raw(
    `update lineage_schema_versions set fields = (
       select f.fields from lineage_schema_fields f
       where f.fields_hash = lineage_schema_versions.fields_hash
     )`,
  );
  await knex.schema.dropTable('lineage_schema_fields');
};
