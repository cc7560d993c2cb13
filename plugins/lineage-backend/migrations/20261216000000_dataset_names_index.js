// @ts-check

/**
 * A data product's output port finds its dataset stored under any spelling
 * of the port's namespace (`postgres://host` for `postgres://host:5432`,
 * `s3a://` for `s3://`, a host in other case), which the (namespace, name)
 * index cannot serve: the datasets of a port's name are read by name and
 * their namespaces compared as search reads them (see spelledDatasetIds).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('lineage_datasets', table => {
    table.index(['name'], 'lineage_datasets_name_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('lineage_datasets', table => {
    table.dropIndex(['name'], 'lineage_datasets_name_idx');
  });
};
