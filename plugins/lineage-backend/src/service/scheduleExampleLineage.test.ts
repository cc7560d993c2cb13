import {
  SchedulerServiceTaskFunction,
  SchedulerServiceTaskInvocationDefinition,
} from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { createStoreTestDatabases, eventually } from '@meshwork/test-utils';
import fs from 'fs/promises';
import { Knex } from 'knex';
import os from 'os';
import path from 'path';
import { startLineageBackend } from '../__testUtils__/startLineageBackend';
import { validEvent } from '../__testUtils__/validEvent';
import { OpenLineageEventStore } from '../store/OpenLineageEventStore';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const SEED_END = Date.parse('2026-01-10T12:00:00Z');
/**
 * How long a backend start-up may take to log what it did with the seed, on
 * a loaded two-core CI runner; each test's timeout leaves room beyond its
 * waits, so a slow start fails naming what it waited for.
 */
const STARTUP_WAIT_MS = 15_000;

/** A run of `job` ending `end` minutes from SEED_END, two minutes long. */
function run(job: string, end: number, runNumber: number) {
  const runId = `3f5e83fa-3480-44ff-99c5-${String(runNumber).padStart(
    12,
    '0',
  )}`;
  return ['START', 'COMPLETE'].map((eventType, i) => ({
    eventType,
    eventTime: new Date(SEED_END + (end - 2 + 2 * i) * MINUTE).toISOString(),
    producer: 'https://example.com/seed',
    run: { runId },
    job: { namespace: 'etl', name: job },
    inputs: [{ namespace: 'warehouse', name: 'source' }],
    outputs: [{ namespace: 'warehouse', name: `${job}_out` }],
  }));
}

/** A seed directory of a pipeline running every 15 minutes: 6 events. */
async function writeSeed() {
  const directory = await fs.mkdtemp(path.join(os.tmpdir(), 'seed-'));
  const events = [-30, -15, 0].flatMap((end, i) => run('steady', end, i));
  await fs.writeFile(
    path.join(directory, 'steady.ndjson'),
    events.map(event => JSON.stringify(event)).join('\n'),
  );
  return directory;
}

/**
 * The lineage plugin loading the seed of `directory`, and its replay task,
 * which the test runs when it chooses.
 */
async function startWithSeed(
  knex: Knex,
  seed: { directory: string; replay: boolean },
) {
  const logger = mockServices.logger.mock();
  const scheduler = mockServices.scheduler.mock();
  const backend = await startLineageBackend(knex, {
    config: { lineage: { seed } },
    features: [logger.factory, scheduler.factory],
  });
  const tasks = scheduler.scheduleTask.mock.calls.map(
    ([task]) => task as SchedulerServiceTaskInvocationDefinition,
  );
  /** Runs the replay task at `now` plus `aheadMs`. */
  const runReplay = async (aheadMs: number) => {
    const task = tasks.find(({ id }) => id === 'lineage-example-replay');
    const fn = task!.fn as SchedulerServiceTaskFunction;
    const now = Date.now();
    const clock = jest.spyOn(Date, 'now').mockReturnValue(now + aheadMs);
    try {
      await fn(new AbortController().signal);
    } finally {
      clock.mockRestore();
    }
  };
  const logged = (level: 'info' | 'warn' | 'error') =>
    logger[level].mock.calls.map(([message]) => message);
  return { backend, tasks, runReplay, logged };
}

const runCount = async (knex: Knex) =>
  Number((await knex('lineage_runs').count({ n: '*' }))[0].n);

describe('scheduleExampleLineage', () => {
  const databases = createStoreTestDatabases();

  it.each(databases.eachSupportedId())(
    'loads the seed after start-up, once, and keeps its pipelines running, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const directory = await writeSeed();
      try {
        const first = await startWithSeed(knex, { directory, replay: true });
        try {
          expect(first.tasks).toEqual([
            expect.objectContaining({
              id: 'lineage-example-replay',
              scope: 'global',
              frequency: { seconds: 15 },
              timeout: { minutes: 1 },
            }),
          ]);
          // After a stop, missed runs read stale until it runs.
          expect(first.tasks[0]).not.toHaveProperty('initialDelay');
          const loaded = `Loaded 6 example lineage events from ${directory}`;
          await eventually(
            async () => first.logged('info').includes(loaded),
            loaded,
            STARTUP_WAIT_MS,
          );
          expect(await runCount(knex)).toBe(3);
          // A day later, the day's runs every 15 minutes.
          await first.runReplay(DAY);
          expect(first.logged('info')).toContainEqual(
            expect.stringMatching(/^Example pipelines ran again: 9\d runs$/),
          );
          expect(await runCount(knex)).toBeGreaterThan(90);
        } finally {
          await first.backend.stop();
        }

        const second = await startWithSeed(knex, { directory, replay: false });
        try {
          const present = `Example lineage from ${directory} already loaded`;
          await eventually(
            async () => second.logged('info').includes(present),
            present,
            STARTUP_WAIT_MS,
          );
          expect(second.tasks).toEqual([]);
        } finally {
          await second.backend.stop();
        }
        expect([...first.logged('warn'), ...second.logged('warn')]).toEqual([]);
      } finally {
        await fs.rm(directory, { recursive: true });
      }
    },
    // Two start-ups of the backend.
    3 * STARTUP_WAIT_MS,
  );

  it.each(databases.eachSupportedId())(
    "leaves a store holding a producer's lineage alone, and runs none of the seed's pipelines beside it, on %p",
    async databaseId => {
      const knex = await databases.init(databaseId);
      const store = await OpenLineageEventStore.create(knex);
      await store.ingest(run('producer', 0, 100).map(validEvent));
      const directory = await writeSeed();
      try {
        const { backend, runReplay, logged } = await startWithSeed(knex, {
          directory,
          replay: true,
        });
        try {
          const refused = `Example lineage from ${directory} not loaded: the lineage store already holds other lineage`;
          await eventually(
            async () => logged('warn').includes(refused),
            refused,
            STARTUP_WAIT_MS,
          );
          await runReplay(DAY);
          expect(await runCount(knex)).toBe(1);
          expect(
            logged('info').filter(message => message.startsWith('Example')),
          ).toEqual([]);
        } finally {
          await backend.stop();
        }
      } finally {
        await fs.rm(directory, { recursive: true });
      }
    },
    2 * STARTUP_WAIT_MS,
  );

  it.each(databases.eachSupportedId())(
    'logs a seed directory it cannot read, and still starts, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const directory = path.join(os.tmpdir(), 'no-such-seed-directory');
      const { backend, logged } = await startWithSeed(knex, {
        directory,
        replay: false,
      });
      try {
        const failed = `Could not load example lineage: Error: ENOENT: no such file or directory, scandir '${directory}'`;
        await eventually(
          async () => logged('error').includes(failed),
          failed,
          STARTUP_WAIT_MS,
        );
        expect(logged('error')).toEqual([failed]);
      } finally {
        await backend.stop();
      }
    },
    2 * STARTUP_WAIT_MS,
  );
});
