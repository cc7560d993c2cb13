import { promises as fs } from 'fs';
import knexFactory, { Knex } from 'knex';
import os from 'os';
import path from 'path';
import { validEvent } from '../__testUtils__/validEvent';
import { isStoreUnavailable } from '@meshwork/plugin-data-products-node';
import {
  BUSY_TIMEOUT_MS,
  OpenLineageEventStore,
} from './OpenLineageEventStore';

describe('a SQLite lineage store another process holds locked', () => {
  let dir: string;
  let file: string;
  let knex: Knex;

  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'lineage-busy-'));
    file = path.join(dir, 'lineage.sqlite');
    knex = knexFactory({
      client: 'better-sqlite3',
      connection: { filename: file },
      useNullAsDefault: true,
    });
  });

  afterEach(async () => {
    await knex.destroy();
    await fs.rm(dir, { recursive: true, force: true });
  });

  const event = () =>
    validEvent({
      eventType: 'START',
      eventTime: '2026-11-24T00:00:00Z',
      producer: 'https://example.com/test',
      run: { runId: '01936893-9751-7a91-a2a0-000000000001' },
      job: { namespace: 'etl', name: 'job_a' },
    });

  it('waits for the lock briefly, then answers the store unavailable', async () => {
    const store = await OpenLineageEventStore.create(knex);
    // The wait blocks the thread that serves every request: well short of
    // better-sqlite3's 5 s.
    expect(await knex.raw('PRAGMA busy_timeout')).toEqual([
      { timeout: BUSY_TIMEOUT_MS },
    ]);
    expect(BUSY_TIMEOUT_MS).toBeLessThanOrEqual(250);

    // Another process's connection: one, so that its transaction's
    // statements share it.
    const other = knexFactory({
      client: 'better-sqlite3',
      connection: { filename: file },
      useNullAsDefault: true,
      pool: { min: 1, max: 1 },
    });
    try {
      await other.raw('BEGIN EXCLUSIVE');
      const error = await store.ingest([event()], Date.now()).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toMatchObject({ code: 'SQLITE_BUSY' });
      expect(isStoreUnavailable(error)).toBe(true);
      await other.raw('COMMIT');
    } finally {
      await other.destroy();
    }
    // Released, the database takes the events.
    await store.ingest([event()], Date.now());
    expect(await knex('lineage_runs').count({ n: '*' })).toEqual([{ n: 1 }]);
  });
});
