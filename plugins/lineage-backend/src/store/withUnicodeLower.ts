import { Knex } from 'knex';

/** An SQL function lowercasing text as JavaScript does, all of Unicode. */
export const UNICODE_LOWER = 'meshwork_unicode_lower';

type SqliteConnection = {
  function(
    name: string,
    options: { deterministic: boolean },
    implementation: (text: unknown) => unknown,
  ): void;
};

const registered = new WeakSet<SqliteConnection>();

/**
 * Runs a query on a better-sqlite3 connection that has `UNICODE_LOWER`
 * (SQLite's own `lower` and `like` fold ASCII letters only).
 */
export async function withUnicodeLower(
  db: Knex,
  query: Knex.QueryBuilder,
): Promise<any[]> {
  const connection: SqliteConnection = await db.client.acquireConnection();
  try {
    if (!registered.has(connection)) {
      connection.function(UNICODE_LOWER, { deterministic: true }, text =>
        typeof text === 'string' ? text.toLowerCase() : text,
      );
      registered.add(connection);
    }
    return await query.connection(connection);
  } finally {
    await db.client.releaseConnection(connection);
  }
}
