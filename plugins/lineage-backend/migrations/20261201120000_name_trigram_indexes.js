// @ts-check

/**
 * Searching datasets and jobs (the explorer's search, the on-call finder)
 * matches `ilike '%term%'` on names and namespaces, which no b-tree serves:
 * Postgres read every row, 89–106 ms a search at 100,000 datasets and 50,000
 * jobs. Trigram indexes (pg_trgm, a contrib extension that a database's
 * owner may create from Postgres 13) serve it in 3.5–6.8 ms. Where the
 * extension cannot be had, searches keep scanning. Not column names: their
 * rows are rewritten whenever a schema changes, and ingest would pay.
 */

const INDEXES = [
  ['lineage_datasets', 'name'],
  ['lineage_datasets', 'namespace'],
  ['lineage_jobs', 'name'],
  ['lineage_jobs', 'namespace'],
];

/**
 * SQLSTATEs saying this database cannot have the extension: no privilege,
 * not installed on the server, not supported. Any other failure (a lock
 * timeout, say) fails the migration, to be tried again on the next start.
 */
const EXTENSION_REFUSED = new Set(['42501', '58P01', '0A000']);

const indexName = (/** @type {string} */ table, /** @type {string} */ column) =>
  `${table}_${column}_trgm`;

/**
 * The schema holding pg_trgm, created if need be; undefined if refused.
 * @param {import('knex').Knex} knex
 */
async function trigramSchema(knex) {
  try {
    // In a savepoint: a refusal must not abort the migration's transaction.
    await knex.transaction(tx =>
      tx.raw('create extension if not exists pg_trgm'),
    );
  } catch (error) {
    if (
      EXTENSION_REFUSED.has(/** @type {{ code?: string }} */ (error).code ?? '')
    ) {
      return undefined;
    }
    throw error;
  }
  // Created before, it may be in a schema off this plugin's search path.
  const { rows } = await knex.raw(
    "select n.nspname from pg_extension e join pg_namespace n on n.oid = e.extnamespace where e.extname = 'pg_trgm'",
  );
  return /** @type {string} */ (rows[0].nspname);
}

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  if (knex.client.config.client !== 'pg') return;
  const schema = await trigramSchema(knex);
  if (schema === undefined) return;
  for (const [table, column] of INDEXES) {
    await knex.raw(`create index ?? on ?? using gin (?? ??)`, [
      indexName(table, column),
      table,
      column,
      `${schema}.gin_trgm_ops`,
    ]);
  }
};

/**
 * Leaves the extension: other tables, or other plugins, may use it.
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  if (knex.client.config.client !== 'pg') return;
  for (const [table, column] of INDEXES) {
    await knex.raw('drop index if exists ??', [indexName(table, column)]);
  }
};
