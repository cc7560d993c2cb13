import { ParsedOpenLineageEvent } from '@meshwork/plugin-lineage-common';
import { createStoreTestDatabases } from '@meshwork/test-utils';
import { Knex } from 'knex';
import { migrationsDirectory } from '../__testUtils__/migrateUpTo';
import { validEvent } from '../__testUtils__/validEvent';
import { LineageReader } from './LineageReader';
import { OpenLineageEventStore } from './OpenLineageEventStore';
import { RawEventRetention } from './RawEventRetention';

const DAY = 86_400_000;
const NOW = Date.parse('2026-11-24T00:00:00Z');
const T0 = NOW - 50 * DAY;
const RUN = '01936893-9751-7a91-a2a0-000000000001';
const NS = 'postgres://db.example:5432';
const MIGRATION = '20261218000000_run_state_events.js';

/** An event of `runId`, `minute` minutes after T0, of `job`. */
const ev = (
  type: string,
  minute: number,
  job = 'job_a',
  facets: Record<string, unknown> = {},
  runId = RUN,
) =>
  validEvent({
    eventType: type,
    eventTime: new Date(T0 + minute * 60_000).toISOString(),
    producer: 'https://example.com/test',
    run: { runId, facets },
    job: { namespace: 'etl', name: job },
    inputs: [{ namespace: NS, name: 'raw' }],
    outputs: [{ namespace: NS, name: 'mart' }],
  });

const failure = () =>
  ev('FAIL', 10, 'job_a', {
    errorMessage: {
      _producer: 'https://example.com/test',
      _schemaURL:
        'https://openlineage.io/spec/facets/1-0-1/ErrorMessageRunFacet.json',
      message: 'division by zero',
      programmingLanguage: 'python',
    },
  });

/** What the store shows of RUN, and when `job` last completed a run. */
async function shownRun(knex: Knex, job: string) {
  const reader = new LineageReader(knex);
  const [run] = await reader.runs([RUN]);
  const row = await knex('lineage_runs as r')
    .join('lineage_jobs as j', 'j.id', 'r.job_id')
    .where('r.run_id', RUN)
    .first('j.name as job');
  const lastCompleted = await reader.lastCompletedRunEnd('etl', job);
  return {
    state: run.state,
    job: row.job,
    endedAt: run.endedAt,
    errorMessage: run.errorMessage,
    lastCompleted:
      lastCompleted === undefined
        ? undefined
        : new Date(lastCompleted).toISOString(),
  };
}

const at = (minute: number) => new Date(T0 + minute * 60_000).toISOString();

describe('a run re-run after its failure', () => {
  const databases = createStoreTestDatabases();

  /**
   * `old` received 40 days ago, then with `retention` its raw events
   * deleted, then `late` received now.
   */
  async function scenario(
    databaseId: Parameters<typeof databases.init>[0],
    old: ParsedOpenLineageEvent[],
    late: ParsedOpenLineageEvent[],
    retention: boolean,
    job: string,
  ) {
    const knex = await databases.init(databaseId);
    const store = await OpenLineageEventStore.create(knex);
    await store.ingest(old, NOW - 40 * DAY);
    if (retention) {
      const deleted = await new RawEventRetention(knex).deleteOlderThan(
        NOW - 30 * DAY,
        { batchSize: 100 },
      );
      expect(deleted).toBe(old.length);
    }
    await store.ingest(late, NOW);
    return shownRun(knex, job);
  }

  const cases: Array<{
    name: string;
    old: () => ParsedOpenLineageEvent[];
    late: () => ParsedOpenLineageEvent[];
    job: string;
    expected: Awaited<ReturnType<typeof shownRun>>;
  }> = [
    {
      name: 'stays complete when its failure is sent again',
      old: () => [
        failure(),
        ev('START', 20),
        ev('COMPLETE', 30),
        ev('RUNNING', 40),
      ],
      late: () => [failure()],
      job: 'job_a',
      expected: {
        state: 'COMPLETE',
        job: 'job_a',
        endedAt: at(30),
        errorMessage: undefined,
        lastCompleted: at(30),
      },
    },
    {
      name: 'completes when its completion comes after a later RUNNING',
      old: () => [failure(), ev('START', 20), ev('RUNNING', 40)],
      late: () => [ev('COMPLETE', 30)],
      job: 'job_a',
      expected: {
        state: 'COMPLETE',
        job: 'job_a',
        endedAt: at(30),
        errorMessage: undefined,
        lastCompleted: at(30),
      },
    },
    {
      name: 'takes the job its completion names when its START comes last',
      old: () => [ev('FAIL', 10, 'unknown'), ev('COMPLETE', 30, 'job_b')],
      late: () => [ev('START', 20, 'unknown')],
      job: 'job_b',
      expected: {
        state: 'COMPLETE',
        job: 'job_b',
        endedAt: at(30),
        errorMessage: undefined,
        lastCompleted: at(30),
      },
    },
    // The batch's own events count before they are written.
    {
      name: 'completes when its START comes with its completion',
      old: () => [failure(), ev('RUNNING', 40)],
      late: () => [ev('START', 20), ev('COMPLETE', 30)],
      job: 'job_a',
      expected: {
        state: 'COMPLETE',
        job: 'job_a',
        endedAt: at(30),
        errorMessage: undefined,
        lastCompleted: at(30),
      },
    },
    {
      name: 'takes the job of a completion that comes with a START of its time',
      old: () => [ev('FAIL', 10, 'unknown')],
      late: () => [ev('COMPLETE', 30, 'job_b'), ev('START', 30, 'unknown')],
      job: 'job_b',
      expected: {
        state: 'COMPLETE',
        job: 'job_b',
        endedAt: at(30),
        errorMessage: undefined,
        lastCompleted: at(30),
      },
    },
  ];

  describe.each(cases)('$name', ({ old, late, job, expected }) => {
    it.each(databases.eachSupportedId())(
      'whether or not retention deleted its raw events, on %p',
      async databaseId => {
        const kept = await scenario(databaseId, old(), late(), false, job);
        const deleted = await scenario(databaseId, old(), late(), true, job);
        expect(kept).toEqual(expected);
        expect(deleted).toEqual(expected);
      },
      // Two databases set up in turn: Postgres takes seconds.
      30_000,
    );
  });
});

describe(`migration ${MIGRATION}`, () => {
  const databases = createStoreTestDatabases();

  it.each(databases.eachSupportedId())(
    'gives runs stored before the state events their raw events keep, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const store = await OpenLineageEventStore.create(knex);
      // Two runs; a START sent again with another facet (two raw rows, one
      // state event); a FAIL and a job event, which keep none.
      const other = '01936893-9751-7a91-a2a0-000000000002';
      await store.ingest(
        [
          ev('FAIL', 10, 'unknown'),
          ev('START', 20, 'unknown'),
          ev('COMPLETE', 30, 'job_b'),
          ev('RUNNING', 40),
          ev('START', 5, 'job_a', {}, other),
          validEvent({
            eventTime: at(6),
            producer: 'https://example.com/test',
            job: { namespace: 'etl', name: 'job_c' },
          }),
        ],
        NOW - 40 * DAY,
      );
      await store.ingest(
        [ev('START', 5, 'job_a', { nominalTime: nominal() }, other)],
        NOW - 40 * DAY,
      );
      const stateEvents = () =>
        knex('lineage_run_state_events as s')
          .join('lineage_jobs as j', 'j.id', 's.job_id')
          .orderBy(['s.run_id', 's.event_time', 's.event_type'])
          .select('s.run_id', 's.event_time', 's.event_type', 'j.name');
      const ingested = await stateEvents();
      expect(
        ingested.map(row => [
          row.run_id,
          Number(row.event_time),
          row.event_type,
          row.name,
        ]),
      ).toEqual([
        [RUN, T0 + 20 * 60_000, 'START', 'unknown'],
        [RUN, T0 + 30 * 60_000, 'COMPLETE', 'job_b'],
        [RUN, T0 + 40 * 60_000, 'RUNNING', 'job_a'],
        [other, T0 + 5 * 60_000, 'START', 'job_a'],
      ]);

      // As stored before the migration: the raw events and runs, no table.
      await knex.migrate.down({
        directory: migrationsDirectory,
        name: MIGRATION,
      });
      expect(await knex.schema.hasTable('lineage_run_state_events')).toBe(
        false,
      );
      await knex.migrate.up({ directory: migrationsDirectory });
      expect(await stateEvents()).toEqual(ingested);

      // They then decide the run's state once retention deleted its raw
      // events: the failure sent again does not undo its re-run.
      await new RawEventRetention(knex).deleteOlderThan(NOW - 30 * DAY, {
        batchSize: 100,
      });
      await store.ingest([ev('FAIL', 10, 'unknown')], NOW);
      expect(await shownRun(knex, 'job_b')).toEqual({
        state: 'COMPLETE',
        job: 'job_b',
        endedAt: at(30),
        errorMessage: undefined,
        lastCompleted: at(30),
      });
    },
    30_000,
  );
});

describe(`migration ${MIGRATION}, of runs stored before their active time`, () => {
  const databases = createStoreTestDatabases();

  /**
   * `old` received before 20261211000000_run_active_time (a run's active
   * time unknown), the migration run, then `late` received.
   */
  async function upgraded(
    databaseId: Parameters<typeof databases.init>[0],
    old: ParsedOpenLineageEvent[],
    late: ParsedOpenLineageEvent[],
  ) {
    const knex = await databases.init(databaseId);
    const store = await OpenLineageEventStore.create(knex);
    await store.ingest(old, NOW - 40 * DAY);
    await knex.migrate.down({
      directory: migrationsDirectory,
      name: MIGRATION,
    });
    await knex('lineage_runs').update({ active_time: null });
    await knex.migrate.up({ directory: migrationsDirectory });
    const { active_time } = await knex('lineage_runs')
      .where('run_id', RUN)
      .first('active_time');
    await store.ingest(late, NOW);
    return {
      activeTime: Number(active_time),
      ...(await shownRun(knex, 'job_a')),
    };
  }

  const completed = {
    state: 'COMPLETE',
    job: 'job_a',
    endedAt: at(20),
    errorMessage: undefined,
    lastCompleted: at(20),
  };

  it.each(databases.eachSupportedId())(
    'completes when retried under its id, then completed, on %p',
    async databaseId => {
      expect(
        await upgraded(
          databaseId,
          [ev('START', 0), ev('FAIL', 5), ev('START', 10)],
          [ev('COMPLETE', 20)],
        ),
      ).toEqual({ activeTime: T0 + 10 * 60_000, ...completed });
    },
    30_000,
  );

  it.each(databases.eachSupportedId())(
    "stays complete when its first attempt's failure comes late, on %p",
    async databaseId => {
      expect(
        await upgraded(
          databaseId,
          [ev('START', 0), ev('START', 10), ev('COMPLETE', 20)],
          [ev('FAIL', 5)],
        ),
      ).toEqual({ activeTime: T0 + 10 * 60_000, ...completed });
    },
    30_000,
  );
});

function nominal() {
  return {
    _producer: 'https://example.com/test',
    _schemaURL:
      'https://openlineage.io/spec/facets/1-0-1/NominalTimeRunFacet.json',
    nominalStartTime: at(0),
  };
}
