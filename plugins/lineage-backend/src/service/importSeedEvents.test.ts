import { mockServices } from '@backstage/backend-test-utils';
import { parseOpenLineageEvent } from '@meshwork/plugin-lineage-common';
import { createStoreTestDatabases } from '@meshwork/test-utils';
import { readExampleSeed } from '../__testUtils__/readExampleSeed';
import { refuseEventsOfJob } from '../__testUtils__/refuseEventsOfJob';
import { scheduledRuns } from '../__testUtils__/scheduledRuns';
import { LineageReader } from '../store/LineageReader';
import { OpenLineageEventStore } from '../store/OpenLineageEventStore';
import { importSeedEvents } from './importSeedEvents';

describe('importSeedEvents', () => {
  const databases = createStoreTestDatabases();

  it.each(databases.eachSupportedId())(
    'loads the example mesh once, ending minutes ago, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const store = await OpenLineageEventStore.create(knex);
      const logger = mockServices.logger.mock();
      const now = Date.parse('2027-01-10T12:00:00Z');
      const events = await readExampleSeed(logger);
      const first = await importSeedEvents({ events, store, now });
      expect(first.imported).toBeGreaterThan(1000);
      expect(logger.warn).not.toHaveBeenCalled();
      expect(first.present).toBe(true);
      expect(await importSeedEvents({ events, store, now })).toEqual({
        imported: 0,
        skipped: true,
        present: true,
      });
      // Nor a regenerated seed (its first run new), nor one with no runs,
      // an hour later.
      const [firstEvent, ...rest] = events;
      const regenerated = [
        {
          ...firstEvent,
          event: {
            ...firstEvent.event,
            run: { runId: '01936893-9751-7a91-a2a0-00000000feed' },
          },
        },
        ...rest,
      ];
      const datasetEvent = parseOpenLineageEvent({
        eventTime: '2027-01-10T11:00:00Z',
        producer: 'https://example.com/seed',
        dataset: { namespace: 'warehouse', name: 'mart.extra' },
      });
      if (!datasetEvent.ok) throw new Error('invalid dataset event');
      for (const seed of [regenerated, [datasetEvent]]) {
        expect(
          await importSeedEvents({ events: seed, store, now: now + 3_600_000 }),
        ).toEqual({ imported: 0, skipped: true, present: false });
      }
      const reader = new LineageReader(knex);
      const {
        payloads: [latest],
      } = await reader.events({
        after: now - 10 * 60_000,
        limit: 1,
      });
      expect(latest).toBeDefined();
      const failed = await knex('lineage_runs')
        .where('state', 'FAIL')
        .select('error_message');
      expect(failed).toEqual([
        { error_message: expect.stringContaining('orders_pkey') },
      ]);
      // The example's runs start when scheduled, and still do once moved.
      const scheduled = await scheduledRuns(knex, 0);
      expect(scheduled.length).toBeGreaterThan(500);
      expect(scheduled.filter(r => r.scheduledAt !== r.startedAt)).toEqual([]);
    },
  );

  it.each(databases.eachSupportedId())(
    'loads the seed once when two replicas start together, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const events = await readExampleSeed();
      const now = Date.parse('2027-01-10T12:00:00Z');
      // Each its own store, each moving the seed to its own start.
      const stores = [
        await OpenLineageEventStore.create(knex),
        await OpenLineageEventStore.create(knex),
      ];
      const results = await Promise.all(
        stores.map((store, i) =>
          importSeedEvents({ events, store, now: now + i * 1000 }),
        ),
      );
      expect(results.map(r => r.skipped).sort()).toEqual([false, true]);
      expect(results.every(r => r.present)).toBe(true);
      const [{ n }] = await knex('lineage_events').count({ n: '*' });
      expect(Number(n)).toBe(events.length);
    },
  );

  it.each(databases.eachSupportedId())(
    'loads the whole seed on the next start when the database refused part of it, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const store = await OpenLineageEventStore.create(knex);
      const events = await readExampleSeed();
      const lastJob = events[events.length - 1].event.job!.name;
      const refusal = await refuseEventsOfJob(knex, databaseId, lastJob);
      // Not `rejects.toThrow`: better-sqlite3's native part is loaded once per
      // test worker, so its errors may be of another test file's Error class.
      const failure = await importSeedEvents({ events, store }).catch(
        error => error,
      );
      expect(String(failure)).toMatch(/refused/);
      expect(await knex('lineage_events').count({ n: '*' })).toEqual([
        { n: databaseId === 'POSTGRES_15' ? '0' : 0 },
      ]);
      await refusal.stop();
      const retried = await importSeedEvents({ events, store });
      expect(retried).toEqual({
        imported: events.length,
        skipped: false,
        present: true,
      });
      expect(await knex('lineage_events').count({ n: '*' })).toEqual([
        {
          n:
            databaseId === 'POSTGRES_15'
              ? String(events.length)
              : events.length,
        },
      ]);
    },
  );
});
