import knexFactory, { Knex } from 'knex';

/**
 * Runs `test` on `knex`, or, on Postgres, on a database of its own whose
 * default collation is ICU's en-US, as a production Postgres created with an
 * en_US locale sorts: case and punctuation count only to break ties there
 * (`a_b` before `a-c` before `a.b`), where byte order (SQLite's, and the test
 * server's C.UTF-8) has `a-c`, `a.b`, `a_b`.
 */
export async function withEnUsCollation(
  knex: Knex,
  test: (db: Knex) => Promise<void>,
): Promise<void> {
  if (knex.client.config.client !== 'pg') {
    await test(knex);
    return;
  }
  const name = `meshwork_icu_${process.pid}_${Date.now()}`;
  await knex.raw(
    `create database ?? template template0 locale_provider icu icu_locale 'en-US' locale 'C.UTF-8'`,
    [name],
  );
  const db = knexFactory({
    client: 'pg',
    connection: { ...knex.client.config.connection, database: name },
  });
  try {
    await test(db);
  } finally {
    await db.destroy();
    await knex.raw('drop database ??', [name]);
  }
}
