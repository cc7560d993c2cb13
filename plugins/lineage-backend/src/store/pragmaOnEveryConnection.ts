import { Knex } from 'knex';

type SqliteConnection = { pragma(source: string): unknown };

/** The pragmas set on each pool's new connections. */
const pragmasOfPools = new WeakMap<object, Set<string>>();

/**
 * Sets a SQLite pragma that belongs to each connection on every connection
 * of `db`: those open now, through the statement run here, and those the
 * pool opens later, as they are made.
 */
export async function pragmaOnEveryConnection(
  db: Knex,
  pragma: string,
): Promise<void> {
  // Once per pool and pragma, however often a store is made on `db`.
  const pool = db.client.pool;
  const set = pool && (pragmasOfPools.get(pool) ?? new Set<string>());
  if (set && !set.has(pragma)) {
    set.add(pragma);
    pragmasOfPools.set(pool, set);
    pool.on(
      'createSuccess',
      (_eventId: unknown, connection: SqliteConnection) =>
        connection.pragma(pragma),
    );
  }
  await db.raw(`PRAGMA ${pragma}`);
}
