import { promises as fs } from 'fs';
import knexFactory, { Knex } from 'knex';
import os from 'os';
import path from 'path';
import { OpenLineageEventStore } from './OpenLineageEventStore';

/** SQLite's `synchronous` values. */
const NORMAL = 1;
const FULL = 2;

describe('syncSqliteCommits', () => {
  let dir: string;
  const opened: Knex[] = [];

  const open = (pool?: Knex.PoolConfig) => {
    const knex = knexFactory({
      client: 'better-sqlite3',
      connection: { filename: path.join(dir, 'lineage.sqlite') },
      useNullAsDefault: true,
      pool,
    });
    opened.push(knex);
    return knex;
  };

  const synchronousOf = (connection: {
    pragma(source: string, options: { simple: true }): unknown;
  }) => connection.pragma('synchronous', { simple: true });

  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'lineage-sync-'));
    // The store puts a new database file in WAL mode.
    await OpenLineageEventStore.create(open());
  });

  afterEach(async () => {
    await Promise.all(opened.splice(0).map(knex => knex.destroy()));
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('syncs every commit of a store opened on a database in WAL mode', async () => {
    const knex = open();
    const connection = await knex.client.acquireConnection();
    // The build's default, which would sync at checkpoints only.
    expect(synchronousOf(connection)).toBe(NORMAL);
    await knex.client.releaseConnection(connection);

    await OpenLineageEventStore.create(knex);

    const [{ synchronous }] = await knex.raw('PRAGMA synchronous');
    expect(synchronous).toBe(FULL);
  });

  it('syncs the commits of connections the pool opens later, and checkpoints them as the first', async () => {
    const knex = open({ min: 0, max: 2 });
    await OpenLineageEventStore.create(knex);

    const [first, second] = await Promise.all([
      knex.client.acquireConnection(),
      knex.client.acquireConnection(),
    ]);
    expect(first).not.toBe(second);
    expect(synchronousOf(first)).toBe(FULL);
    expect(synchronousOf(second)).toBe(FULL);
    // So are the store's larger automatic checkpoint (the default is 1,000)
    // and page cache (the build's is 16 MB).
    for (const connection of [first, second]) {
      expect(connection.pragma('wal_autocheckpoint', { simple: true })).toBe(
        10_000,
      );
      expect(connection.pragma('cache_size', { simple: true })).toBe(-65_536);
    }
    await knex.client.releaseConnection(first);
    await knex.client.releaseConnection(second);
  });
});
