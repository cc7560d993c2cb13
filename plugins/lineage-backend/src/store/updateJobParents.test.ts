import { formatNodeId, parseNodeId } from '@meshwork/plugin-lineage-common';
import {
  createStoreTestDatabases,
  POSTGRES_TEST_DATABASE_ID,
} from '@meshwork/test-utils';
import { Named } from './facetValues';
import { LineageReader } from './LineageReader';
import { OpenLineageEventStore } from './OpenLineageEventStore';
import { updateJobParents } from './updateJobParents';
import { storedJobRow, storedRunRow } from '../__testUtils__/storedRows';
import { validEvent } from '../__testUtils__/validEvent';
import { waitForLockWait } from '../__testUtils__/waitForLockWait';

const RUN = (n: number) =>
  `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

function taskRun(options: {
  runId: string;
  job: string;
  time: string;
  type?: string;
  parent?: unknown;
}) {
  return validEvent({
    eventType: options.type ?? 'COMPLETE',
    eventTime: options.time,
    producer: 'https://example.com/test',
    run: {
      runId: options.runId,
      facets: options.parent === undefined ? {} : { parent: options.parent },
    },
    job: { namespace: 'airflow', name: options.job },
  });
}

const dag = (runId: string, name: string) => ({
  run: { runId },
  job: { namespace: 'airflow', name },
});

/**
 * Each job's parent as the lineage tab reads it, kept by ingest, and as
 * found from the runs (the `asOf` read, long after every event): the two
 * must agree.
 */
async function parentsOf(reader: LineageReader, jobs: string[]) {
  const ids = new Map<number, string>();
  for (const job of jobs) {
    const node = await reader.resolve(parseNodeId(`job:airflow:${job}`)!);
    if (node) ids.set(node.id, job);
  }
  const named = (parents: Map<number, Named>) =>
    Object.fromEntries(
      [...ids].map(([id, job]) => {
        const parent = parents.get(id);
        return [
          job,
          parent ? formatNodeId('job', parent.namespace, parent.name) : null,
        ];
      }),
    );
  const kept = named(await reader.parentJobs([...ids.keys()]));
  const fromRuns = named(
    await reader.parentJobs([...ids.keys()], Date.parse('2100-01-01')),
  );
  expect(kept).toEqual(fromRuns);
  return kept;
}

describe('updateJobParents', () => {
  const databases = createStoreTestDatabases();

  it.each(databases.eachSupportedId())(
    "keeps each job's parent from its latest parented run, whatever order events come in, on %p",
    async databaseId => {
      const knex = await databases.init(databaseId);
      const store = await OpenLineageEventStore.create(knex);
      const reader = new LineageReader(knex);

      // The newer run first, then an older one under another DAG.
      await store.ingest([
        taskRun({
          runId: RUN(2),
          job: 'task',
          time: '2026-12-02T10:00:00Z',
          parent: dag(RUN(102), 'new_dag'),
        }),
      ]);
      await store.ingest([
        taskRun({
          runId: RUN(1),
          job: 'task',
          time: '2026-12-01T10:00:00Z',
          parent: dag(RUN(101), 'old_dag'),
        }),
        // A newer run naming no parent changes nothing.
        taskRun({ runId: RUN(3), job: 'task', time: '2026-12-03T10:00:00Z' }),
      ]);
      expect(await parentsOf(reader, ['task'])).toEqual({
        task: 'job:airflow:new_dag',
      });

      // The newer run's parent facet deleted: the older run's counts.
      await store.ingest([
        taskRun({
          runId: RUN(2),
          job: 'task',
          time: '2026-12-02T10:05:00Z',
          parent: { _producer: 'https://example.com/test', _deleted: true },
        }),
      ]);
      expect(await parentsOf(reader, ['task'])).toEqual({
        task: 'job:airflow:old_dag',
      });

      // The older run's parent facet names another DAG since.
      await store.ingest([
        taskRun({
          runId: RUN(1),
          job: 'task',
          time: '2026-12-01T10:10:00Z',
          parent: dag(RUN(103), 'renamed_dag'),
        }),
      ]);
      expect(await parentsOf(reader, ['task'])).toEqual({
        task: 'job:airflow:renamed_dag',
      });
    },
  );

  it.each(databases.eachSupportedId())(
    'finds a parent named by its run only once that run is stored, and follows a run to its real job, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const store = await OpenLineageEventStore.create(knex);
      const reader = new LineageReader(knex);

      await store.ingest([
        taskRun({
          runId: RUN(1),
          job: 'child',
          time: '2026-12-01T10:05:00Z',
          parent: { run: { runId: RUN(100) } },
        }),
        // Spark names a job `unknown` on START and the real one later.
        taskRun({
          runId: RUN(2),
          job: 'unknown',
          type: 'START',
          time: '2026-12-01T11:00:00Z',
          parent: dag(RUN(100), 'etl_dag'),
        }),
      ]);
      expect(await parentsOf(reader, ['child', 'unknown'])).toEqual({
        child: null,
        unknown: 'job:airflow:etl_dag',
      });

      await store.ingest([
        taskRun({
          runId: RUN(100),
          job: 'etl_dag',
          type: 'START',
          time: '2026-12-01T10:00:00Z',
        }),
        taskRun({
          runId: RUN(2),
          job: 'spark_app.insert',
          time: '2026-12-01T11:10:00Z',
          parent: dag(RUN(100), 'etl_dag'),
        }),
      ]);
      expect(
        await parentsOf(reader, ['child', 'unknown', 'spark_app.insert']),
      ).toEqual({
        child: 'job:airflow:etl_dag',
        unknown: null,
        'spark_app.insert': 'job:airflow:etl_dag',
      });
    },
  );

  // Runs on Postgres only: SQLite has one writer at a time.
  /* eslint-disable jest/no-standalone-expect */
  (databases.supports(POSTGRES_TEST_DATABASE_ID) ? it : it.skip)(
    'of two transactions storing runs of one job at once on Postgres, the later sees both',
    async () => {
      const knex = await databases.init(POSTGRES_TEST_DATABASE_ID);
      await OpenLineageEventStore.create(knex);
      await knex('lineage_namespaces').insert({
        name: 'airflow',
        created_at: 1,
      });
      const [task, newDag, oldDag] = (
        await knex('lineage_jobs')
          .insert(
            ['task', 'new_dag', 'old_dag'].map(name => storedJobRow(name)),
          )
          .returning('id')
      ).map(row => row.id);
      const run = (runId: string, time: number, parent: number) =>
        storedRunRow(runId, {
          job_id: task,
          state_time: time,
          first_event_time: time,
          parent_job_id: parent,
          created_at: time,
          updated_at: time,
        });
      const newer = await knex.transaction();
      const older = await knex.transaction();
      try {
        await newer('lineage_runs').insert(run('newer', 2000, newDag));
        await older('lineage_runs').insert(run('older', 1000, oldDag));
        await updateJobParents(newer, [task]);
        // The older's update waits for the newer's lock on the job.
        const olderUpdated = updateJobParents(older, [task]);
        await waitForLockWait(knex);
        await newer.commit();
        await olderUpdated;
        await older.commit();
      } finally {
        if (!newer.isCompleted()) await newer.rollback();
        if (!older.isCompleted()) await older.rollback();
      }

      expect(
        await knex('lineage_jobs').where('id', task).first('parent_job_id'),
      ).toEqual({ parent_job_id: newDag });
    },
  );
  /* eslint-enable jest/no-standalone-expect */
});
