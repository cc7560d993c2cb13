import { ParsedOpenLineageEvent } from '@meshwork/plugin-lineage-common';
import { createStoreTestDatabases } from '@meshwork/test-utils';
import { Knex } from 'knex';
import { dataProduct } from '../__testUtils__/dataProduct';
import { readExampleSeed } from '../__testUtils__/readExampleSeed';
import { scheduledRuns } from '../__testUtils__/scheduledRuns';
import { LineageReader } from '../store/LineageReader';
import { OpenLineageEventStore } from '../store/OpenLineageEventStore';
import { ProductMeasurements } from '../store/ProductMeasurements';
import { ExampleLineageReplay } from './ExampleLineageReplay';
import { importSeedEvents } from './importSeedEvents';
import { ProductLineageService } from './products/ProductLineageService';
import { validEvent } from '../__testUtils__/validEvent';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const END = Date.parse('2027-01-10T12:00:00Z');
let runs = 0;

/** A run of `job` ending at `end` (minutes from END) in `state`. */
function run(
  job: string,
  end: number,
  state = 'COMPLETE',
  outputs = [{ namespace: 'warehouse', name: `${job}_out` }],
): ParsedOpenLineageEvent[] {
  const runId = `3f5e83fa-3480-44ff-99c5-${String(runs++).padStart(12, '0')}`;
  const event = (eventType: string, time: number) =>
    validEvent({
      eventType,
      eventTime: new Date(END + time * MINUTE).toISOString(),
      producer: 'https://example.com/seed',
      run: { runId },
      job: { namespace: 'etl', name: job },
      inputs: [{ namespace: 'warehouse', name: 'source' }],
      outputs,
    });
  return [event('START', end - 2), event(state, end)];
}

const seed = [
  ...[-30, -15, 0].flatMap(end => run('steady', end)),
  ...[-45, -30, -15].flatMap(end => run('failing', end)),
  ...run('failing', 0, 'FAIL'),
  ...[-180, -165, -150].flatMap(end => run('stalled', end)),
  ...[-30, -15, 0].flatMap(end => run('dag', end, 'COMPLETE', [])),
  ...run('rare', 0),
  ...[0, 0, 0].flatMap(end => run('backfilled', end)),
  ...[-1, -0.5, 0].flatMap(end => run('every-half-minute', end)),
];

/**
 * The freshness at `now` of what `steady` writes, due every 15 minutes (as
 * it runs), over `window`.
 */
async function steadyFreshness(knex: Knex, window: string, now: number) {
  const product = dataProduct('steady', {
    outputPorts: [
      {
        name: 'steady',
        type: 'table',
        dataset: { namespace: 'warehouse', name: 'steady_out' },
      },
    ],
    slos: { freshness: { maxDelay: '15m', objective: '99.9%', window } },
  });
  const [slo] = await new ProductLineageService({
    loadProducts: async () => [product],
    measurements: new ProductMeasurements(knex),
    now: () => now,
  }).slos();
  return slo.outputPorts[0].freshness;
}

describe('ExampleLineageReplay', () => {
  const databases = createStoreTestDatabases();

  it('keeps running only the pipelines that succeed on schedule', () => {
    expect(ExampleLineageReplay.fromSeed(seed).pipelines).toEqual([
      'etl/steady',
    ]);
  });

  it.each(databases.eachSupportedId())(
    'runs a pipeline again once its interval has passed, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const store = await OpenLineageEventStore.create(knex);
      const reader = new LineageReader(knex);
      await store.ingest(seed);
      const replay = ExampleLineageReplay.fromSeed(seed);

      expect(await replay.runDue(store, reader, END + 5 * MINUTE)).toBe(0);
      expect(await replay.runDue(store, reader, END + 16 * MINUTE)).toBe(1);
      expect(await reader.lastCompletedRunEnd('etl', 'steady')).toBe(
        END + 15 * MINUTE,
      );
      expect(await replay.runDue(store, reader, END + 20 * MINUTE)).toBe(0);
      // Two days later (a restart), the runs missed meanwhile, on schedule.
      expect(await replay.runDue(store, reader, END + 2 * DAY)).toBe(
        (2 * DAY) / (15 * MINUTE) - 1,
      );
      expect(await reader.lastCompletedRunEnd('etl', 'steady')).toBe(
        END + 2 * DAY,
      );
      const steady = await knex('lineage_jobs')
        .where({ namespace: 'etl', name: 'steady' })
        .first('id');
      const { runs: latest } = await reader.runsOfJob(steady.id, 2);
      expect(latest.map(r => [r.state, r.startedAt, r.endedAt])).toEqual(
        [0, 15].map(ago => [
          'COMPLETE',
          new Date(END + 2 * DAY - (ago + 2) * MINUTE).toISOString(),
          new Date(END + 2 * DAY - ago * MINUTE).toISOString(),
        ]),
      );
      expect(await reader.lastCompletedRunEnd('etl', 'failing')).toBe(
        END - 15 * MINUTE,
      );
    },
  );

  it.each(databases.eachSupportedId())(
    'runs a pipeline due as often as its freshness allows before it is due, so it never reads stale between two looks, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const store = await OpenLineageEventStore.create(knex);
      const reader = new LineageReader(knex);
      await store.ingest(seed, END);
      const replay = ExampleLineageReplay.fromSeed(seed);
      const lookedAt = END + 15 * MINUTE - 10_000;

      expect(await replay.runDue(store, reader, lookedAt)).toBe(1);
      expect(await reader.lastCompletedRunEnd('etl', 'steady')).toBe(lookedAt);
      // Due at END + 15 minutes; the next look comes after that.
      expect(
        await steadyFreshness(knex, '7d', END + 15 * MINUTE + 10_000),
      ).toMatchObject({ status: 'met' });
    },
  );

  it.each(databases.eachSupportedId())(
    'catches up over a week stopped without a gap in its freshness, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const store = await OpenLineageEventStore.create(knex);
      // Received as it ran: a write counts no later than received.
      await store.ingest(seed, END);
      const replay = ExampleLineageReplay.fromSeed(seed);
      // As from a load minutes after the seed's last run to a restart eight
      // days after the load.
      const now = END + 8 * DAY + 5 * MINUTE;
      const made = await replay.runDue(store, new LineageReader(knex), now);
      for (const window of ['7d', '28d']) {
        expect(await steadyFreshness(knex, window, now)).toMatchObject({
          status: 'met',
          attainment: 1,
          attainmentStatus: 'met',
        });
      }
      expect(made).toBe((8 * DAY) / (15 * MINUTE));
    },
  );

  it.each(databases.eachSupportedId())(
    'after a stop longer than the longest SLO window, catches up all of it from a run on schedule, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const store = await OpenLineageEventStore.create(knex);
      await store.ingest(seed, END);
      const replay = ExampleLineageReplay.fromSeed(seed);
      const now = END + 40 * DAY + 7 * MINUTE;
      const made = await replay.runDue(store, new LineageReader(knex), now);
      for (const window of ['28d', '7d']) {
        expect(await steadyFreshness(knex, window, now)).toMatchObject({
          status: 'met',
          attainment: 1,
          attainmentStatus: 'met',
        });
      }
      // The 28 days' runs, and the one before them on schedule: older runs
      // change no SLO.
      expect(made).toBe((28 * DAY) / (15 * MINUTE) + 1);
      const [{ first }] = await knex('lineage_runs')
        .where('first_event_time', '>', END)
        .min({ first: 'ended_at' });
      expect(Number(first)).toBe(END + 12 * DAY);
    },
  );

  // SQLite only: there each query answers through promises alone, while on
  // Postgres the network gives way between queries whatever the code.
  it.each(databases.eachSupportedId().filter(([id]) => id === 'SQLITE_3'))(
    "gives way to the backend's other requests between the pipelines it looks at, on %p",
    async databaseId => {
      const knex = await databases.init(databaseId);
      const store = await OpenLineageEventStore.create(knex);
      const events = [
        ...seed,
        ...[-30, -15, 0].flatMap(end => run('steady-too', end)),
      ];
      await store.ingest(events);
      const replay = ExampleLineageReplay.fromSeed(events);
      expect(replay.pipelines).toEqual(['etl/steady', 'etl/steady-too']);
      // A callback of the event loop scheduled as the first pipeline is
      // looked at: on SQLite each query answers synchronously, through
      // promises only, so a look that never gives way holds every other
      // request until it ends.
      let ended = false;
      let ranBeforeEnd: boolean | undefined;
      class Watched extends LineageReader {
        async lastCompletedRunEnd(namespace: string, name: string) {
          if (ranBeforeEnd === undefined) {
            ranBeforeEnd = false;
            setImmediate(() => {
              ranBeforeEnd = !ended;
            });
          }
          return super.lastCompletedRunEnd(namespace, name);
        }
      }
      // Nothing due: no runs are stored, only looked for.
      expect(
        await replay.runDue(store, new Watched(knex), END + 5 * MINUTE),
      ).toBe(0);
      ended = true;
      await new Promise(resolve => setImmediate(resolve));
      expect(ranBeforeEnd).toBe(true);
    },
  );

  it('keeps the example mesh running, all but the DAG that writes nothing', async () => {
    const events = await readExampleSeed();
    const pipelines = ExampleLineageReplay.fromSeed(events).pipelines;
    expect(pipelines.length).toBeGreaterThan(10);
    expect(pipelines).toContain('meshwork-retail.airflow/orders.build');
    // The DAG that only groups the finance tasks writes nothing.
    expect(pipelines).not.toContain(
      'meshwork-retail.airflow/finance-daily-dag',
    );
  });

  it.each(databases.eachSupportedId())(
    "runs the example's DAG tasks as tasks of the DAG's run of their day, the seed's days moved with it, on %p",
    async databaseId => {
      const knex = await databases.init(databaseId);
      const store = await OpenLineageEventStore.create(knex);
      const events = await readExampleSeed();
      // Loaded at a time of day the seed's days do not start at.
      const loaded = Date.parse('2027-03-10T15:37:00Z');
      await importSeedEvents({ events, store, now: loaded });
      const replay = ExampleLineageReplay.fromSeed(events);
      expect(replay.pipelines).toContain(
        'meshwork-retail.airflow/finance-reporting.build',
      );
      await replay.runDue(store, new LineageReader(knex), loaded + 2 * DAY);

      const runsOf = (job: string) =>
        knex('lineage_runs as r')
          .join('lineage_jobs as j', 'j.id', 'r.job_id')
          .where('j.name', job)
          .orderBy('r.started_at')
          .select('r.run_id', 'r.parent_run_id', 'r.state')
          .select('r.started_at', 'r.ended_at', 'r.first_event_time');
      // All but the seed's run of two months earlier, before the DAG.
      const tasks = [
        ...(await runsOf('finance-reporting.build')),
        ...(await runsOf('daily-revenue.build')),
      ].filter(task => task.parent_run_id !== null);
      const dags = new Map(
        (await runsOf('finance-daily-dag')).map(r => [r.run_id, r]),
      );
      const replayed = (rows: Array<{ first_event_time: unknown }>) =>
        rows.filter(r => Number(r.first_event_time) > loaded);
      expect(replayed(tasks).length).toBeGreaterThanOrEqual(2);
      expect(replayed([...dags.values()]).length).toBeGreaterThanOrEqual(2);
      // The seed's days (UTC), moved as its DAG runs were.
      const seededDag = events.find(
        e =>
          e.event.job?.name === 'finance-daily-dag' &&
          e.event.eventType === 'START',
      )!;
      const shift =
        Number(dags.get(seededDag.event.run!.runId).started_at) -
        seededDag.eventTimeMs;
      const dayOf = (time: unknown) => Math.floor((Number(time) - shift) / DAY);
      const dagsOfDay = new Map<number, Set<string>>();
      for (const task of tasks) {
        const dag = dags.get(task.parent_run_id);
        expect(dag).toMatchObject({ state: 'COMPLETE' });
        expect(Number(dag.started_at)).toBeLessThanOrEqual(
          Number(task.started_at),
        );
        expect(Number(dag.ended_at)).toBeGreaterThanOrEqual(
          Number(task.ended_at),
        );
        expect(dayOf(dag.started_at)).toBe(dayOf(task.started_at));
        const day = dayOf(task.started_at);
        dagsOfDay.set(day, (dagsOfDay.get(day) ?? new Set()).add(dag.run_id));
      }
      // One DAG run a day: on the day of the load, the seeded one.
      expect([...dagsOfDay.values()].filter(runIds => runIds.size > 1)).toEqual(
        [],
      );
      // A repeated task starts when scheduled, as in the seed; a repeated
      // DAG run, made by each of its day's tasks, tells no schedule.
      const scheduled = await scheduledRuns(knex, loaded);
      expect(scheduled.length).toBeGreaterThan(100);
      expect(scheduled.filter(r => r.scheduledAt !== r.startedAt)).toEqual([]);
      expect(scheduled.filter(r => dags.has(r.runId))).toEqual([]);
    },
    // The whole example mesh and two days of its runs: over 5 s on a busy
    // machine's Postgres.
    60_000,
  );
});
