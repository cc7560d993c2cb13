import knexFactory, { Knex } from 'knex';

/**
 * Makes a store's database unavailable to `knex`, as an outage would, until
 * `reopen`. Postgres: the database is closed to connections (as for
 * maintenance, `ALLOW_CONNECTIONS false`) and its sessions ended, so every
 * connection `knex` opens next is refused with 55000. SQLite, one file per
 * process, has no server to refuse: its pool is destroyed, and `reopen`
 * cannot undo that.
 */
export async function closeStoreDatabase(
  knex: Knex,
): Promise<{ reopen: () => Promise<void> }> {
  if (knex.client.config.client !== 'pg') {
    await knex.destroy();
    return { reopen: async () => {} };
  }
  const { database } = knex.client.connectionSettings;
  const admin = knexFactory({
    client: 'pg',
    connection: { ...knex.client.connectionSettings, database: 'postgres' },
  });
  try {
    await admin.raw('alter database ?? allow_connections false', [database]);
    await admin.raw(
      'select pg_terminate_backend(pid) from pg_stat_activity where datname = ? and pid <> pg_backend_pid()',
      [database],
    );
    // The pool drops each ended session as it finds it: once a new one is
    // refused, every query is.
    let error: any;
    for (let tries = 0; error?.code !== '55000'; tries++) {
      if (tries === 100) {
        throw new Error(`${database} is still open after 100 queries`, {
          cause: error,
        });
      }
      error = await knex.raw('select 1').then(
        () => undefined,
        failure => failure,
      );
    }
  } catch (error) {
    await admin.destroy();
    throw error;
  }
  return {
    reopen: async () => {
      try {
        await admin.raw('alter database ?? allow_connections true', [database]);
      } finally {
        await admin.destroy();
      }
    },
  };
}
