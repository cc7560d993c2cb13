// @ts-check

/**
 * Data products may declare a port by a name its dataset is known by in a
 * `symlinks` facet (a Hive or Glue table name for files Spark reports by
 * path): looking a declared name up in lineage_symlinks reads by name.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('lineage_symlinks', table => {
    table.index(['namespace', 'name'], 'lineage_symlinks_name_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('lineage_symlinks', table => {
    table.dropIndex(['namespace', 'name'], 'lineage_symlinks_name_idx');
  });
};
