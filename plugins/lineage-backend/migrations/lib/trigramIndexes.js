// @ts-check

/**
 * Trigram indexes (pg_trgm, a contrib extension that a database's owner may
 * create from Postgres 13) serve the `ilike '%term%'` searches of names that
 * no b-tree serves. Where the extension cannot be had, searches keep
 * scanning. Postgres only.
 */

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

/**
 * @param {import('knex').Knex} knex
 * @param {Array<[string, string]>} columns tables and columns
 */
exports.createTrigramIndexes = async function createTrigramIndexes(
  knex,
  columns,
) {
  if (knex.client.config.client !== 'pg') return;
  const schema = await trigramSchema(knex);
  if (schema === undefined) return;
  for (const [table, column] of columns) {
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
 * @param {Array<[string, string]>} columns tables and columns
 */
exports.dropTrigramIndexes = async function dropTrigramIndexes(knex, columns) {
  if (knex.client.config.client !== 'pg') return;
  for (const [table, column] of columns) {
    await knex.raw('drop index if exists ??', [indexName(table, column)]);
  }
};
