import { createStoreTestDatabases } from '@meshwork/test-utils';
import { lineageBackendHolding } from './__testUtils__/lineageBackendHolding';

const NS = 'postgres://db.example:5432';
const DAG_RUN = '00000000-0000-4000-8000-00000000d001';
const OLD_DAG_RUN = '00000000-0000-4000-8000-00000000d000';
const V1_DAG_RUN = '00000000-0000-4000-8000-00000000d002';

function event(options: {
  type: string;
  time: string;
  runId: string;
  job: string;
  inputs?: string[];
  outputs?: string[];
  parent?: Record<string, unknown>;
}) {
  return {
    eventType: options.type,
    eventTime: options.time,
    producer: 'https://example.com/test',
    run: {
      runId: options.runId,
      facets: options.parent ? { parent: options.parent } : {},
    },
    job: { namespace: 'airflow', name: options.job },
    inputs: (options.inputs ?? []).map(name => ({ namespace: NS, name })),
    outputs: (options.outputs ?? []).map(name => ({ namespace: NS, name })),
  };
}

/** A `parent` facet naming an Airflow run of `job`. */
const parentRun = (runId: string, job: string) => ({
  run: { runId },
  job: { namespace: 'airflow', name: job },
});

const dagParent = {
  run: { runId: DAG_RUN },
  job: { namespace: 'airflow', name: 'finance_dag' },
};

const events = [
  // The DAG run itself: no inputs or outputs.
  event({
    type: 'START',
    time: '2024-11-26T13:00:00Z',
    runId: DAG_RUN,
    job: 'finance_dag',
  }),
  event({
    type: 'COMPLETE',
    time: '2024-11-26T13:30:00Z',
    runId: DAG_RUN,
    job: 'finance_dag',
  }),
  // An older run of `extract` under another DAG, which the newer wins over.
  event({
    type: 'COMPLETE',
    time: '2024-11-25T13:05:00Z',
    runId: '00000000-0000-4000-8000-000000000001',
    job: 'finance_dag.extract',
    inputs: ['raw.payments'],
    outputs: ['stg.payments'],
    parent: {
      run: { runId: OLD_DAG_RUN },
      job: { namespace: 'airflow', name: 'old_dag' },
    },
  }),
  event({
    type: 'COMPLETE',
    time: '2024-11-26T13:05:00Z',
    runId: '00000000-0000-4000-8000-000000000002',
    job: 'finance_dag.extract',
    inputs: ['raw.payments'],
    outputs: ['stg.payments'],
    parent: dagParent,
  }),
  // A newer run without a parent does not clear it.
  event({
    type: 'COMPLETE',
    time: '2024-11-26T15:05:00Z',
    runId: '00000000-0000-4000-8000-000000000003',
    job: 'finance_dag.extract',
    inputs: ['raw.payments'],
    outputs: ['stg.payments'],
  }),
  // The parent facet names only the run: its stored job is the parent.
  event({
    type: 'COMPLETE',
    time: '2024-11-26T13:20:00Z',
    runId: '00000000-0000-4000-8000-000000000004',
    job: 'finance_dag.load',
    inputs: ['stg.payments'],
    outputs: ['mart.revenue'],
    parent: { run: { runId: DAG_RUN } },
  }),
  // A job with no parented run.
  event({
    type: 'COMPLETE',
    time: '2024-11-26T14:00:00Z',
    runId: '00000000-0000-4000-8000-000000000005',
    job: 'report',
    inputs: ['mart.revenue'],
    outputs: ['report.revenue'],
  }),
];

/** A graph's edges as `source > target`, sorted. */
const edgesOf = (graph: { edges: Array<{ source: string; target: string }> }) =>
  graph.edges.map(e => [e.source, e.target].join(' > ')).sort();

describe('parent jobs in the graph', () => {
  const databases = createStoreTestDatabases();

  it.each(databases.eachSupportedId())(
    'names the parent job of each task job, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const { backend, get } = await lineageBackendHolding(knex, [
        ...events,
        // A task whose parent facet names another job than its parent
        // run's (a DAG renamed since): the facet's job wins.
        event({
          type: 'START',
          time: '2024-11-26T16:00:00Z',
          runId: V1_DAG_RUN,
          job: 'v1_dag',
        }),
        event({
          type: 'COMPLETE',
          time: '2024-11-26T16:05:00Z',
          runId: '00000000-0000-4000-8000-000000000006',
          job: 'renamed_task',
          inputs: ['stg.payments'],
          parent: {
            run: { runId: V1_DAG_RUN },
            job: { namespace: 'airflow', name: 'v2_dag' },
          },
        }),
        // A parent facet naming only the job.
        event({
          type: 'COMPLETE',
          time: '2024-11-26T16:10:00Z',
          runId: '00000000-0000-4000-8000-000000000007',
          job: 'job_only_task',
          inputs: ['stg.payments'],
          parent: { job: { namespace: 'airflow', name: 'job_only_dag' } },
        }),
      ]);
      try {
        const graph = await get(
          `/graph?nodeId=${encodeURIComponent(
            `dataset:${NS}:stg.payments`,
          )}&depth=5`,
        ).expect(200);
        const parents = Object.fromEntries(
          graph.body.nodes.map((n: { id: string; parent?: string }) => [
            n.id,
            n.parent ?? null,
          ]),
        );
        expect(parents).toEqual({
          'job:airflow:finance_dag.extract': 'job:airflow:finance_dag',
          'job:airflow:finance_dag.load': 'job:airflow:finance_dag',
          'job:airflow:report': null,
          'job:airflow:renamed_task': 'job:airflow:v2_dag',
          'job:airflow:job_only_task': 'job:airflow:job_only_dag',
          [`dataset:${NS}:raw.payments`]: null,
          [`dataset:${NS}:stg.payments`]: null,
          [`dataset:${NS}:mart.revenue`]: null,
          [`dataset:${NS}:report.revenue`]: null,
        });
      } finally {
        await backend.stop();
      }
    },
  );

  it.each(databases.eachSupportedId())(
    "names a task's parent in Marquez's graph as stored when another job's node id reads alike, on %p",
    async databaseId => {
      const knex = await databases.init(databaseId);
      const DAG = '00000000-0000-4000-8000-00000000c001';
      const inNamespace = (namespace: string, name: string, runId: string) => ({
        ...event({
          type: 'COMPLETE',
          time: '2024-11-27T13:00:00Z',
          runId,
          job: name,
        }),
        job: { namespace, name },
      });
      // af/p:q and af:p/q are both job:af:p:q; the task's parent is the
      // second.
      const task = inNamespace(
        'af:p',
        'q.task',
        '00000000-0000-4000-8000-00000000c003',
      );
      const { backend, get } = await lineageBackendHolding(knex, [
        inNamespace('af', 'p:q', '00000000-0000-4000-8000-00000000c002'),
        inNamespace('af:p', 'q', DAG),
        {
          ...task,
          run: {
            ...task.run,
            facets: {
              parent: {
                run: { runId: DAG },
                job: { namespace: 'af:p', name: 'q' },
              },
            },
          },
        },
      ]);
      try {
        const { body } = await get(
          `/api/v1/lineage?nodeId=${encodeURIComponent(
            'job:af:p:q.task',
          )}&depth=0`,
        ).expect(200);
        expect(body.graph[0].data).toMatchObject({
          namespace: 'af:p',
          name: 'q.task',
          parentJobName: 'q',
          simpleName: 'task',
        });
      } finally {
        await backend.stop();
      }
    },
  );

  it.each(databases.eachSupportedId())(
    'walks from a task through child jobs that name no dataset to theirs (Airflow running Spark), on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const DAG = '00000000-0000-4000-8000-00000000e001';
      const TASK = '00000000-0000-4000-8000-00000000e002';
      const APP = '00000000-0000-4000-8000-00000000e003';
      const { backend, get } = await lineageBackendHolding(knex, [
        event({
          type: 'START',
          time: '2024-11-27T13:00:00Z',
          runId: DAG,
          job: 'etl',
        }),
        // More sensors than are read through, stored first: they name
        // nothing and run nothing of their own.
        ...Array.from({ length: 20 }, (_, i) =>
          event({
            type: 'COMPLETE',
            time: '2024-11-27T13:01:00Z',
            runId: `00000000-0000-4000-8000-00000000f${String(i).padStart(
              3,
              '0',
            )}`,
            job: `etl.a_sensor_${i}`,
            parent: parentRun(DAG, 'etl'),
          }),
        ),
        event({
          type: 'COMPLETE',
          time: '2024-11-27T13:30:00Z',
          runId: TASK,
          job: 'etl.spark_task',
          parent: parentRun(DAG, 'etl'),
        }),
        // The Spark application and its SQL job, as Spark reports them.
        event({
          type: 'COMPLETE',
          time: '2024-11-27T13:25:00Z',
          runId: APP,
          job: 'orders_app',
          parent: parentRun(TASK, 'etl.spark_task'),
        }),
        event({
          type: 'COMPLETE',
          time: '2024-11-27T13:20:00Z',
          runId: '00000000-0000-4000-8000-00000000e004',
          job: 'orders_app.execute_insert_into_hadoop_fs_relation_command',
          inputs: ['raw.orders'],
          outputs: ['mart.orders'],
          parent: parentRun(APP, 'orders_app'),
        }),
      ]);
      try {
        for (const root of ['etl', 'etl.spark_task']) {
          const graph = (
            await get(
              `/graph?nodeId=${encodeURIComponent(
                `job:airflow:${root}`,
              )}&depth=1`,
            ).expect(200)
          ).body;
          expect(edgesOf(graph)).toEqual([
            `dataset:${NS}:raw.orders > job:airflow:orders_app.execute_insert_into_hadoop_fs_relation_command`,
            `job:airflow:orders_app.execute_insert_into_hadoop_fs_relation_command > dataset:${NS}:mart.orders`,
          ]);
        }
      } finally {
        await backend.stop();
      }
    },
  );

  it.each(databases.eachSupportedId())(
    'says a graph is truncated when more tasks lead to child jobs than are read through, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const DAG = '00000000-0000-4000-8000-00000000e001';
      const id = (prefix: string, i: number) =>
        `00000000-0000-4000-8000-0000000${prefix}${String(i).padStart(4, '0')}`;
      // 17 tasks, each naming nothing and running a Spark application
      // that reads and writes tables of its own.
      const tasks = Array.from({ length: 17 }, (_, i) => [
        event({
          type: 'COMPLETE',
          time: '2024-11-27T13:30:00Z',
          runId: id('a', i),
          job: `etl.task_${i}`,
          parent: parentRun(DAG, 'etl'),
        }),
        event({
          type: 'COMPLETE',
          time: '2024-11-27T13:20:00Z',
          runId: id('b', i),
          job: `spark_${i}`,
          inputs: [`in_${i}`],
          outputs: [`out_${i}`],
          parent: parentRun(id('a', i), `etl.task_${i}`),
        }),
      ]).flat();
      const { backend, get } = await lineageBackendHolding(knex, [
        event({
          type: 'START',
          time: '2024-11-27T13:00:00Z',
          runId: DAG,
          job: 'etl',
        }),
        ...tasks,
      ]);
      try {
        const graph = (
          await get(
            `/graph?nodeId=${encodeURIComponent('job:airflow:etl')}&depth=1`,
          ).expect(200)
        ).body;
        const sparkJobs = graph.nodes.filter((n: { name: string }) =>
          n.name.startsWith('spark_'),
        );
        // The first 16 tasks by id are read through; the 17th is not, and
        // the graph says so.
        expect(sparkJobs).toHaveLength(16);
        expect(graph.truncated).toBe(true);
      } finally {
        await backend.stop();
      }
    },
  );

  it.each(databases.eachSupportedId())(
    "walks a parent job's graph from its tasks, on %p",
    async databaseId => {
      const knex = await databases.init(databaseId);
      const { backend, get } = await lineageBackendHolding(knex, events);
      try {
        const dag = encodeURIComponent('job:airflow:finance_dag');

        const graph = (await get(`/graph?nodeId=${dag}&depth=1`).expect(200))
          .body;
        const nodes = graph.nodes
          .map((n: { id: string; depth: number; parent?: string }) =>
            [n.id, n.depth, n.parent].join(' ').trim(),
          )
          .sort();
        expect(nodes).toEqual([
          `dataset:${NS}:mart.revenue 0`,
          `dataset:${NS}:raw.payments 0`,
          `dataset:${NS}:report.revenue 1`,
          `dataset:${NS}:stg.payments 0`,
          'job:airflow:finance_dag 0',
          'job:airflow:finance_dag.extract 0 job:airflow:finance_dag',
          'job:airflow:finance_dag.load 0 job:airflow:finance_dag',
          'job:airflow:report 1',
        ]);
        expect(edgesOf(graph)).toEqual([
          `dataset:${NS}:mart.revenue > job:airflow:report`,
          `dataset:${NS}:raw.payments > job:airflow:finance_dag.extract`,
          `dataset:${NS}:stg.payments > job:airflow:finance_dag.load`,
          `job:airflow:finance_dag.extract > dataset:${NS}:stg.payments`,
          `job:airflow:finance_dag.load > dataset:${NS}:mart.revenue`,
          `job:airflow:report > dataset:${NS}:report.revenue`,
        ]);
        expect(graph.truncated).toBe(false);

        // As of a time the DAG had run only its first task.
        const asOf = (
          await get(
            `/graph?nodeId=${dag}&depth=1&asOf=2024-11-26T13:10:00Z`,
          ).expect(200)
        ).body;
        expect(asOf.nodes.map((n: { id: string }) => n.id).sort()).toEqual([
          `dataset:${NS}:raw.payments`,
          `dataset:${NS}:stg.payments`,
          'job:airflow:finance_dag',
          'job:airflow:finance_dag.extract',
        ]);

        // Before the DAG's run, its first task ran under an older DAG.
        const before = (
          await get(
            `/graph?nodeId=${encodeURIComponent(
              'job:airflow:old_dag',
            )}&depth=1&asOf=2024-11-26T00:00:00Z`,
          ).expect(200)
        ).body;
        expect(
          before.nodes.find(
            (n: { id: string }) => n.id === 'job:airflow:finance_dag.extract',
          ),
        ).toMatchObject({ depth: 0, parent: 'job:airflow:old_dag' });

        // Its tasks count towards the cap.
        const capped = (
          await get(`/graph?nodeId=${dag}&depth=1&maxNodes=2`).expect(200)
        ).body;
        // The task stored first: the same one every time.
        expect(capped.nodes.map((n: { id: string }) => n.id)).toEqual([
          'job:airflow:finance_dag',
          'job:airflow:finance_dag.extract',
        ]);
        expect(capped.truncated).toBe(true);

        // Marquez's API keeps to the job's own inputs and outputs.
        const marquez = (
          await get(`/api/v1/lineage?nodeId=${dag}&depth=1`).expect(200)
        ).body;
        expect(marquez.graph.map((n: { id: string }) => n.id)).toEqual([
          'job:airflow:finance_dag',
        ]);
      } finally {
        await backend.stop();
      }
    },
  );
});
