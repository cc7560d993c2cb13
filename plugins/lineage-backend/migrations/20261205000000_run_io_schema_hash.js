// @ts-check

/**
 * The schema each run reported for a dataset it read or wrote (its hash in
 * lineage_schema_versions), newest report winning as with the other run
 * measurements. Schema drift is judged on what the latest successful write
 * reported: the dataset's current `schema` facet may come from a reader
 * that reports only the columns it selects. Rows stored before have none;
 * drift falls back to the current facet for them.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('lineage_run_io', table => {
    table.string('schema_hash', 64).nullable();
    table.bigInteger('schema_hash_time').nullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('lineage_run_io', table => {
    table.dropColumn('schema_hash');
    table.dropColumn('schema_hash_time');
  });
};
