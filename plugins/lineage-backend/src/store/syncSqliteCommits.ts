import { Knex } from 'knex';
import { pragmaOnEveryConnection } from './pragmaOnEveryConnection';

/**
 * Makes every commit on `db`, a better-sqlite3 database in WAL mode, sync
 * the log before it returns, so that an event answered 201 survives a power
 * loss. better-sqlite3 builds SQLite to open a database already in WAL mode
 * with `synchronous = NORMAL`, which syncs at checkpoints only. The setting
 * belongs to each connection: those the pool opens later get it too.
 */
export async function syncSqliteCommits(db: Knex): Promise<void> {
  await pragmaOnEveryConnection(db, 'synchronous = FULL');
}
