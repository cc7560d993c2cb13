import { Knex } from 'knex';

/** The part of a better-sqlite3 prepared statement the store uses. */
export type SqliteStatement = {
  run(params: unknown[]): unknown;
  get(params: unknown[]): unknown;
};

type SqliteConnection = { prepare(sql: string): SqliteStatement };

/** Prepared once per connection: the store's statements are a fixed set. */
const prepared = new WeakMap<SqliteConnection, Map<string, SqliteStatement>>();

/**
 * Runs `work` with `sql` prepared on the better-sqlite3 connection of `db`
 * (a transaction's own connection when `db` is one), for statements run once
 * per row, which knex would prepare again on every call.
 */
export async function withSqliteStatement<T>(
  db: Knex,
  sql: string,
  work: (statement: SqliteStatement) => T,
): Promise<T> {
  const connection: SqliteConnection = await db.client.acquireConnection();
  try {
    let statements = prepared.get(connection);
    if (!statements) {
      statements = new Map();
      prepared.set(connection, statements);
    }
    let statement = statements.get(sql);
    if (!statement) {
      statement = connection.prepare(sql);
      statements.set(sql, statement);
    }
    return work(statement);
  } finally {
    await db.client.releaseConnection(connection);
  }
}
