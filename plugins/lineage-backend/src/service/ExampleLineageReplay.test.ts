import { ParsedOpenLineageEvent } from '@meshwork/plugin-lineage-common';
import { createStoreTestDatabases } from '@meshwork/test-utils';
import { readExampleSeed } from '../__testUtils__/readExampleSeed';
import { scheduledRuns } from '../__testUtils__/scheduledRuns';
import { LineageReader } from '../store/LineageReader';
import { OpenLineageEventStore } from '../store/OpenLineageEventStore';
import { ExampleLineageReplay } from './ExampleLineageReplay';
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
      // A month later, only the last week's: older runs change no SLO.
      expect(await replay.runDue(store, reader, END + 30 * DAY)).toBe(
        (7 * DAY) / (15 * MINUTE),
      );
      expect(await reader.lastCompletedRunEnd('etl', 'failing')).toBe(
        END - 15 * MINUTE,
      );
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
    "runs the example's DAG tasks as tasks of a new DAG run of their day, on %p",
    async databaseId => {
      const knex = await databases.init(databaseId);
      const store = await OpenLineageEventStore.create(knex);
      const events = await readExampleSeed();
      await store.ingest(events);
      const seedEnd = Math.max(...events.map(e => e.eventTimeMs));
      const replay = ExampleLineageReplay.fromSeed(events);
      expect(replay.pipelines).toContain(
        'meshwork-retail.airflow/finance-reporting.build',
      );
      await replay.runDue(store, new LineageReader(knex), seedEnd + 2 * DAY);

      const runsOf = (job: string) =>
        knex('lineage_runs as r')
          .join('lineage_jobs as j', 'j.id', 'r.job_id')
          .where('j.name', job)
          .where('r.first_event_time', '>', seedEnd)
          .orderBy('r.started_at')
          .select('r.run_id', 'r.parent_run_id', 'r.state')
          .select('r.started_at', 'r.ended_at');
      const tasks = await runsOf('finance-reporting.build');
      const dags = new Map(
        (await runsOf('finance-daily-dag')).map(r => [r.run_id, r]),
      );
      expect(tasks.length).toBeGreaterThanOrEqual(2);
      expect(dags.size).toBeGreaterThanOrEqual(2);
      for (const task of tasks) {
        const dag = dags.get(task.parent_run_id);
        expect(dag).toMatchObject({ state: 'COMPLETE' });
        expect(Number(dag.started_at)).toBeLessThanOrEqual(
          Number(task.started_at),
        );
        expect(Number(dag.ended_at)).toBeGreaterThanOrEqual(
          Number(task.ended_at),
        );
        expect(Math.floor(Number(dag.started_at) / DAY)).toBe(
          Math.floor(Number(task.started_at) / DAY),
        );
      }
      // A repeated task starts when scheduled, as in the seed; a repeated
      // DAG run, made by each of its day's tasks, tells no schedule.
      const scheduled = await scheduledRuns(knex, seedEnd);
      expect(scheduled.length).toBeGreaterThan(100);
      expect(scheduled.filter(r => r.scheduledAt !== r.startedAt)).toEqual([]);
      expect(scheduled.filter(r => dags.has(r.runId))).toEqual([]);
    },
    // The whole example mesh and two days of its runs: over 5 s on a busy
    // machine's Postgres.
    60_000,
  );
});
