// @ts-check

/**
 * Every event updates rows that already exist: a dataset's facets, the last
 * time an edge or a schema version was seen, a run's state. In a full page,
 * Postgres writes each new row version to another page and adds it to every
 * index of the table. Pages filled to 70% keep room for the new version beside
 * the old one, with no index entry ("HOT" updates): in `yarn bench lineage`'s
 * workload, Postgres then spent about a quarter less CPU per event. Pages
 * written from now on are filled so; SQLite has no such setting.
 */

// Not lineage_run_io: its updates move an indexed column (event_time), so
// they could never stay on their page.
const TABLES = [
  'lineage_datasets',
  'lineage_jobs',
  'lineage_runs',
  'lineage_io',
  'lineage_schema_versions',
];

/**
 * @param {import('knex').Knex} knex
 * @param {string} change
 */
async function alterTables(knex, change) {
  if (knex.client.config.client !== 'pg') return;
  for (const table of TABLES) {
    await knex.raw(`alter table ?? ${change}`, [table]);
  }
}

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await alterTables(knex, 'set (fillfactor = 70)');
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await alterTables(knex, 'reset (fillfactor)');
};
