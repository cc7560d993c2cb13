// @ts-check

/**
 * Searching datasets and jobs (the explorer's search, the on-call finder)
 * matches `ilike '%term%'` on names and namespaces, which no b-tree serves:
 * Postgres read every row, about 90 ms at 150,000 datasets. Trigram indexes
 * (pg_trgm, a contrib extension a database owner may create) serve it: about
 * 1 ms for a term of three letters or more. Where the extension cannot be
 * created, searches keep scanning. Not column names: their rows are
 * rewritten whenever a schema changes, and ingest would pay for the index.
 */

const INDEXES = [
  ['lineage_datasets', 'name'],
  ['lineage_datasets', 'namespace'],
  ['lineage_jobs', 'name'],
  ['lineage_jobs', 'namespace'],
];

const indexName = (/** @type {string} */ table, /** @type {string} */ column) =>
  `${table}_${column}_trgm`;

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  if (knex.client.config.client !== 'pg') return;
  try {
    // In a savepoint: where the extension is refused (no privilege, not
    // installed, or created in a schema off this database's search path),
    // the migration goes on without the indexes.
    await knex.transaction(async tx => {
      await tx.raw('create extension if not exists pg_trgm');
      for (const [table, column] of INDEXES) {
        await tx.raw('create index ?? on ?? using gin (?? gin_trgm_ops)', [
          indexName(table, column),
          table,
          column,
        ]);
      }
    });
  } catch {
    // Searches keep scanning.
  }
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  if (knex.client.config.client !== 'pg') return;
  for (const [table, column] of INDEXES) {
    await knex.raw('drop index if exists ??', [indexName(table, column)]);
  }
};
