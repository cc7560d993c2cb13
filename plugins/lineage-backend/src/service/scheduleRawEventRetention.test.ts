import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { mockCredentials } from '@backstage/backend-test-utils';
import { createStoreTestDatabases } from '@meshwork/test-utils';
import request from 'supertest';
import { startLineageBackend } from '../__testUtils__/startLineageBackend';

const NS = 'postgres://db.example:5432';
const DAY = 24 * 60 * 60 * 1000;

function completedRun(n: number, ageDays: number) {
  return {
    eventType: 'COMPLETE',
    eventTime: new Date(Date.now() - ageDays * DAY).toISOString(),
    producer: 'https://example.com/test',
    run: { runId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}` },
    job: { namespace: 'etl', name: `job_${n}` },
    inputs: [{ namespace: NS, name: `raw_${n}` }],
    outputs: [{ namespace: NS, name: `mart_${n}` }],
  };
}

describe('raw event retention', () => {
  const databases = createStoreTestDatabases();

  it.each(databases.eachSupportedId())(
    'runs on the schedule and keeps the graph, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const { server } = await startLineageBackend(knex, {
        config: {
          lineage: {
            retention: {
              rawEventsMaxAgeDays: 30,
              batchSize: 2,
              schedule: { frequency: { seconds: 1 }, timeout: { minutes: 1 } },
            },
          },
        },
        // The real scheduler, so that the task runs on its schedule.
        features: [schedulerServiceFactory],
      });
      const events = [40, 35, 31, 10, 0].map((age, n) => completedRun(n, age));
      await request(server)
        .post('/api/lineage/api/v1/lineage/batch')
        .set('Authorization', mockCredentials.user.header())
        .send(events)
        .expect(200);
      // As if each had been received when it happened.
      await knex('lineage_events').update({
        received_at: knex.ref('event_time'),
      });

      const jobsWithEvents = async () =>
        (await knex('lineage_events').orderBy('job_name').pluck('job_name'))
          .map(String)
          .join(',');
      for (
        let i = 0;
        i < 200 && (await jobsWithEvents()) !== 'job_3,job_4';
        i++
      ) {
        await new Promise(resolve => setTimeout(resolve, 100));
      }
      expect(await jobsWithEvents()).toBe('job_3,job_4');

      const graph = await request(server)
        .get('/api/lineage/api/v1/lineage')
        .query({ nodeId: `dataset:${NS}:raw_0`, depth: 2 })
        .set('Authorization', mockCredentials.user.header())
        .expect(200);
      expect(
        graph.body.graph.map((node: { id: string }) => node.id).sort(),
      ).toEqual([
        `dataset:${NS}:mart_0`,
        `dataset:${NS}:raw_0`,
        'job:etl:job_0',
      ]);
    },
    30_000,
  );

  it.each(databases.eachSupportedId())(
    'stops start-up on a bad retention setting, naming it, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      for (const days of [-1, 36_501]) {
        await expect(
          startLineageBackend(knex, {
            config: { lineage: { retention: { rawEventsMaxAgeDays: days } } },
          }),
        ).rejects.toThrow(
          `lineage.retention.rawEventsMaxAgeDays must be a number of days above 0 and at most 36500, got ${days}`,
        );
      }
      await expect(
        startLineageBackend(knex, {
          config: {
            lineage: {
              retention: { rawEventsMaxAgeDays: 30, batchSize: 1_000_000_000 },
            },
          },
        }),
      ).rejects.toThrow(
        'lineage.retention.batchSize must be a whole number from 1 to 100000, got 1000000000',
      );
      // Checked before anything ran: the store was not even created.
      expect(await knex.schema.hasTable('lineage_events')).toBe(false);
      // Set without a maximum age, it would do nothing.
      await expect(
        startLineageBackend(knex, {
          config: { lineage: { retention: { batchSize: 100 } } },
        }),
      ).rejects.toThrow(
        'lineage.retention.batchSize is set, but raw events are kept for good: set lineage.retention.rawEventsMaxAgeDays too',
      );
      await expect(
        startLineageBackend(knex, {
          config: {
            lineage: { retention: { schedule: { frequency: { hours: 2 } } } },
          },
        }),
      ).rejects.toThrow(
        'lineage.retention.schedule is set, but raw events are kept for good',
      );
      // Misspelt, it would keep raw events for good.
      await expect(
        startLineageBackend(knex, {
          config: { lineage: { retention: { rawEventMaxAgeDays: 30 } } },
        }),
      ).rejects.toThrow(
        'lineage.retention.rawEventMaxAgeDays is not a setting: expected one of lineage.retention.rawEventsMaxAgeDays, lineage.retention.batchSize, lineage.retention.schedule',
      );
    },
  );
});
