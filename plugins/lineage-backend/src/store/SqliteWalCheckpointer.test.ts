import { promises as fs } from 'fs';
import knexFactory, { Knex } from 'knex';
import os from 'os';
import path from 'path';
import { SqliteWalCheckpointer } from './SqliteWalCheckpointer';

describe('SqliteWalCheckpointer', () => {
  let dir: string;
  let knex: Knex;

  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'lineage-checkpoint-'));
    knex = knexFactory({
      client: 'better-sqlite3',
      connection: { filename: path.join(dir, 'lineage.sqlite') },
      useNullAsDefault: true,
    });
    await knex.raw('PRAGMA journal_mode = WAL');
    // Only the worker checkpoints, so the database file grows through it.
    await knex.raw('PRAGMA wal_autocheckpoint = 0');
  });

  afterEach(async () => {
    await knex.destroy();
    await fs.rm(dir, { recursive: true, force: true });
  });

  const databaseFileSize = async () =>
    (await fs.stat(path.join(dir, 'lineage.sqlite'))).size;

  it('copies committed writes from the log into the database file', async () => {
    await knex.schema.createTable('rows', table => table.text('value'));
    const value = 'x'.repeat(1000);
    await knex.transaction(async tx => {
      for (let i = 0; i < 20; i++) {
        await tx('rows').insert(Array.from({ length: 100 }, () => ({ value })));
      }
    });
    expect(await databaseFileSize()).toBeLessThan(100_000);

    const errors: string[] = [];
    const checkpointer = await SqliteWalCheckpointer.start(knex, {
      intervalMs: 10,
      onError: message => errors.push(message),
    });
    expect(checkpointer).toBeDefined();
    const deadline = Date.now() + 4_000;
    while ((await databaseFileSize()) < 2_000_000 && Date.now() < deadline) {
      await new Promise(resolve => setTimeout(resolve, 20));
    }
    await checkpointer!.stop();

    expect(await databaseFileSize()).toBeGreaterThanOrEqual(2_000_000);
    expect(errors).toEqual([]);
    expect(await knex('rows').count({ n: '*' })).toEqual([{ n: 2000 }]);
  });

  it('starts none for an in-memory database', async () => {
    const memory = knexFactory({
      client: 'better-sqlite3',
      connection: { filename: ':memory:' },
      useNullAsDefault: true,
    });
    expect(await SqliteWalCheckpointer.start(memory)).toBeUndefined();
    await memory.destroy();
  });
});
