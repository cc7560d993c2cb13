// @ts-check

/**
 * Raw event payloads and facet documents are mostly over the 2 kB at which
 * Postgres compresses a value, so every event stored and every facet update
 * compresses kilobytes. lz4 does that several times faster than the default
 * pglz, at about the same size. Only Postgres built with lz4 offers it; other
 * servers and SQLite keep their default. Values already stored stay as they
 * are: the method applies to values written from now on.
 */

const { offersLz4 } = require('./lib/lz4Compression');

const COLUMNS = [
  ['lineage_events', 'payload'],
  ['lineage_datasets', 'facets'],
  ['lineage_jobs', 'facets'],
  ['lineage_runs', 'facets'],
  ['lineage_schema_versions', 'fields'],
];

/**
 * @param {import('knex').Knex} knex
 * @param {'lz4' | 'default'} method
 */
async function setCompression(knex, method) {
  if (!(await offersLz4(knex))) return;
  for (const [table, column] of COLUMNS) {
    await knex.raw(`alter table ?? alter column ?? set compression ${method}`, [
      table,
      column,
    ]);
  }
}

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await setCompression(knex, 'lz4');
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await setCompression(knex, 'default');
};
