import type { DatabaseService } from '@backstage/backend-plugin-api';

/**
 * The Knex instance a plugin's database service gives; named through
 * DatabaseService so that this package needs no dependency on knex itself.
 */
type Knex = Awaited<ReturnType<DatabaseService['getClient']>>;

/** How often a replica asks for the migration lock another holds. */
const LOCK_POLL_MS = 100;

/**
 * Runs a plugin's pending migrations, one replica at a time. Knex's own
 * migration lock is a row of a table that the first migration run creates,
 * so two replicas starting together on an empty Postgres database both create
 * `knex_migrations` and one fails. On Postgres the run therefore waits for an
 * advisory lock named `lockName`, held by a transaction of its own on another
 * of the pool's connections (the migrations need one more), which ends with
 * the run however it ends. SQLite needs none: one process owns the file.
 *
 * @public
 */
export async function migrateLatestExclusively(
  db: Knex,
  options: { directory: string; lockName: string },
): Promise<void> {
  const { directory, lockName } = options;
  if (db.client.config.client !== 'pg') {
    await db.migrate.latest({ directory });
    return;
  }
  await db.transaction(async tx => {
    // Polled rather than waited for: another replica's migrations may take
    // longer than a production config's statement_timeout, lock_timeout or
    // client-side query_timeout would let one wait last.
    while (!(await tryLock(tx, lockName))) {
      await new Promise(resolve => setTimeout(resolve, LOCK_POLL_MS));
    }
    // Not in `tx`: a migration may run outside a transaction, and each that
    // does not commits in one of its own.
    await db.migrate.latest({ directory });
  });
}

async function tryLock(tx: Pick<Knex, 'raw'>, lockName: string) {
  const { rows } = await tx.raw(
    'select pg_try_advisory_xact_lock(hashtext(?)) as locked',
    [lockName],
  );
  return rows[0].locked === true;
}
