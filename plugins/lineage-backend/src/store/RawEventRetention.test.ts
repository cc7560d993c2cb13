import { parseNodeId } from '@meshwork/plugin-lineage-common';
import { createStoreTestDatabases } from '@meshwork/test-utils';
import { LineageReader } from './LineageReader';
import { OpenLineageEventStore } from './OpenLineageEventStore';
import { RawEventRetention } from './RawEventRetention';
import { validEvent } from '../__testUtils__/validEvent';

const NS = 'postgres://db.example:5432';
const DAY = 24 * 60 * 60 * 1000;
const NOW = Date.parse('2026-11-24T00:00:00Z');

/** One run of `job_<n>` reading `raw_<n>` and writing `mart_<n>`, `ageDays` ago. */
function completedRun(n: number, ageDays: number) {
  return validEvent({
    eventType: 'COMPLETE',
    eventTime: new Date(NOW - ageDays * DAY).toISOString(),
    producer: 'https://example.com/test',
    run: { runId: `01936893-9751-7a91-a2a0-${String(n).padStart(12, '0')}` },
    job: { namespace: 'etl', name: `job_${n}` },
    inputs: [{ namespace: NS, name: `raw_${n}` }],
    outputs: [{ namespace: NS, name: `mart_${n}` }],
  });
}

describe('RawEventRetention', () => {
  const databases = createStoreTestDatabases();

  it.each(databases.eachSupportedId())(
    'deletes raw events received long ago in batches and leaves the graph as it was, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const store = await OpenLineageEventStore.create(knex);
      const reader = new LineageReader(knex);
      // 25 events 40–64 days old, 5 events 0–4 days old.
      const ages = Array.from({ length: 30 }, (_, n) =>
        n < 25 ? 40 + n : n - 25,
      );
      // Each received when it happened, but for one old run backfilled now.
      for (const [n, age] of ages.entries()) {
        await store.ingest([completedRun(n, age)], NOW - age * DAY);
      }
      await store.ingest([completedRun(99, 90)], NOW);
      const graphOf = async (n: number) => {
        const root = await reader.resolve(
          parseNodeId(`dataset:${NS}:raw_${n}`)!,
        );
        const graph = await reader.graph({
          root: root!,
          upstreamDepth: 0,
          downstreamDepth: 2,
          maxNodes: 10,
        });
        return graph.nodes.map(node => node.id).sort();
      };
      const before = await graphOf(0);
      expect(before).toEqual([
        `dataset:${NS}:mart_0`,
        `dataset:${NS}:raw_0`,
        'job:etl:job_0',
      ]);

      const runOf = (n: number) =>
        knex('lineage_runs')
          .where('run_id', completedRun(n, 0).event.run!.runId)
          .first();
      const storedRun = await runOf(0);

      const retention = new RawEventRetention(knex);
      expect(
        await retention.deleteOlderThan(NOW - 30 * DAY, { batchSize: 7 }),
      ).toBe(25);

      const remaining = await knex('lineage_events')
        .orderBy('event_time')
        .pluck('job_name');
      expect(remaining).toEqual([
        'job_99',
        'job_29',
        'job_28',
        'job_27',
        'job_26',
        'job_25',
      ]);
      expect(await graphOf(0)).toEqual(before);
      expect(await reader.runs([completedRun(0, 40).event.run!.runId])).toEqual(
        [expect.objectContaining({ state: 'COMPLETE' })],
      );
      expect(
        await retention.deleteOlderThan(NOW - 30 * DAY, { batchSize: 7 }),
      ).toBe(0);
      // Sent again, an event whose raw row is gone is stored anew, and
      // changes nothing of its run: not even when it was last updated.
      await store.ingest([completedRun(0, 40)], NOW);
      expect(await runOf(0)).toEqual(storedRun);
      expect(await graphOf(0)).toEqual(before);
    },
  );

  it.each(databases.eachSupportedId())(
    'deletes a batch larger than a statement takes parameters, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await OpenLineageEventStore.create(knex);
      // More rows than either database binds parameters in one statement
      // (SQLite 32,766; Postgres 65,535), made in the database.
      const count = 140_000;
      const row = (n: string) => `select ${n}, 'h' || ${n}, 'run', 0, '{}'`;
      await knex.raw(
        databaseId === 'POSTGRES_15'
          ? `insert into lineage_events (event_time, event_hash, kind, received_at, payload) ${row(
              'n',
            )} from generate_series(1, ${count}) n`
          : `insert into lineage_events (event_time, event_hash, kind, received_at, payload) with recursive s(n) as (select 1 union all select n + 1 from s where n < ${count}) ${row(
              'n',
            )} from s`,
      );
      const retention = new RawEventRetention(knex);
      // Timed out during its first batch, a run stops after it.
      const timedOut = new AbortController();
      const abortOnDelete = (query: { sql: string }) => {
        if (/^delete/i.test(query.sql)) timedOut.abort();
      };
      knex.on('query', abortOnDelete);
      try {
        expect(
          await retention.deleteOlderThan(count + 1, {
            batchSize: 70_000,
            signal: timedOut.signal,
          }),
        ).toBe(70_000);
      } finally {
        knex.off('query', abortOnDelete);
      }
      expect(
        await retention.deleteOlderThan(count + 1, { batchSize: count }),
      ).toBe(count - 70_000);
      expect(await knex('lineage_events').first('id')).toBeUndefined();
    },
  );
});
