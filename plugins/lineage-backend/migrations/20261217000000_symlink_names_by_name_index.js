// @ts-check

/**
 * A data product's output port finds the table a `symlinks` facet names
 * under any spelling of the port's namespace (`postgres://host` for
 * `postgres://host:5432`, a host in other case), as it finds a dataset (see
 * 20261216000000_dataset_names_index): symlinks are read by name and their
 * namespaces compared as search reads them (see symlinkedDatasetIds). Name
 * first, the index still serves a lookup by namespace and name.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('lineage_symlinks', table => {
    table.dropIndex(['namespace', 'name'], 'lineage_symlinks_name_idx');
    table.index(['name', 'namespace'], 'lineage_symlinks_by_name_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('lineage_symlinks', table => {
    table.dropIndex(['name', 'namespace'], 'lineage_symlinks_by_name_idx');
    table.index(['namespace', 'name'], 'lineage_symlinks_name_idx');
  });
};
