import { Knex } from 'knex';

type SqliteConnection = { pragma(source: string): unknown };

/**
 * Sets a SQLite pragma that belongs to each connection on every connection
 * of `db`: those open now, through the statement run here, and those the
 * pool opens later, as they are made.
 */
export async function pragmaOnEveryConnection(
  db: Knex,
  pragma: string,
): Promise<void> {
  db.client.pool?.on(
    'createSuccess',
    (_eventId: unknown, connection: SqliteConnection) =>
      connection.pragma(pragma),
  );
  await db.raw(`PRAGMA ${pragma}`);
}
