import {
  createStoreTestDatabases,
  POSTGRES_TEST_DATABASE_ID,
} from '@meshwork/test-utils';
import knexFactory, { Knex } from 'knex';
import { LineageReader } from './LineageReader';
import { OpenLineageEventStore } from './OpenLineageEventStore';
import { RawEventRetention } from './RawEventRetention';
import { validEvent } from '../__testUtils__/validEvent';

const DAY = 86_400_000;
const NOW = Date.parse('2026-12-07T00:00:00Z');

/** Run `n`'s completion, `n` minutes into the day. */
function completion(n: number) {
  return validEvent({
    eventType: 'COMPLETE',
    eventTime: `2026-12-01T10:${String(n).padStart(2, '0')}:00Z`,
    producer: 'https://example.com/test',
    run: { runId: `01936893-9751-7a91-a2a0-${String(n).padStart(12, '0')}` },
    job: { namespace: 'etl', name: `job_${n}` },
  });
}

/** What a query of `events`, or of retention, is, by its SQL. */
function queryKind(sql: string) {
  if (/octet_length/.test(sql)) return 'keys';
  if (/^delete from/.test(sql)) return 'delete';
  if (/^select [`"]id[`"], [`"]payload[`"]/.test(sql)) return 'payloads';
  return sql;
}

describe('LineageReader.events', () => {
  const databases = createStoreTestDatabases();

  it.each(databases.eachSupportedId())(
    'reads the next page when retention deletes a whole page as it is read, and what a partly deleted page still holds, skipping and repeating none, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      // One connection for the reader and retention, so that a deletion
      // started as a page's keys arrive runs before its payloads are read,
      // not whenever another connection gets to it. SQLite's in-memory
      // database is one connection already.
      const db: Knex =
        databaseId === POSTGRES_TEST_DATABASE_ID
          ? knexFactory({ ...knex.client.config, pool: { min: 0, max: 1 } })
          : knex;
      try {
        const store = await OpenLineageEventStore.create(knex);
        const events = Array.from({ length: 12 }, (_, n) => completion(n));
        // Days ago each was received: the first page's four long ago, half
        // of the second's less long ago, the rest now.
        const ages = [40, 40, 40, 40, 20, 0, 20, 0, 0, 0, 0, 0];
        for (const [n, event] of events.entries()) {
          await store.ingest([event], NOW - ages[n] * DAY);
        }
        const retention = new RawEventRetention(db);
        // As the first page's keys arrive, retention deletes what was
        // received over 30 days ago: all of it. As the second's arrive, it
        // deletes what was received over 10 days ago: half of it.
        const cutoffs = [NOW - 30 * DAY, NOW - 10 * DAY];
        const deletions: Promise<number>[] = [];
        const queries: string[] = [];
        db.on('query', ({ sql }: { sql: string }) =>
          queries.push(queryKind(sql)),
        );
        db.on('query-response', (_response, { sql }: { sql: string }) => {
          const cutoff = cutoffs[deletions.length];
          if (queryKind(sql) === 'keys' && cutoff !== undefined) {
            deletions.push(
              retention.deleteOlderThan(cutoff, { batchSize: 100 }),
            );
          }
        });
        const reader = new LineageReader(db);

        const pages: string[][] = [];
        let cursor: { time: number; id: number } | undefined;
        do {
          const page = await reader.events({ cursor, limit: 4 });
          pages.push(page.payloads);
          cursor = page.next;
        } while (cursor);

        expect(await Promise.all(deletions)).toEqual([4, 2]);
        // Each deletion ran between a page's keys and its payloads.
        expect(queries).toEqual([
          'keys',
          'delete',
          'payloads',
          'keys',
          'delete',
          'payloads',
          'keys',
          'payloads',
        ]);
        const payloads = events.map(e => e.payload);
        expect(pages).toEqual([
          [payloads[5], payloads[7]],
          payloads.slice(8, 12),
        ]);
      } finally {
        if (db !== knex) await db.destroy();
      }
    },
  );
});
