// @ts-check

/**
 * Whether this database offers lz4 to compress long values with: Postgres
 * built with it. SQLite does not compress.
 *
 * @param {import('knex').Knex} knex
 */
exports.offersLz4 = async function offersLz4(knex) {
  if (knex.client.config.client !== 'pg') return false;
  const { rows } = await knex.raw(
    "select 1 from pg_settings where name = 'default_toast_compression' and 'lz4' = any(enumvals)",
  );
  return rows.length > 0;
};
