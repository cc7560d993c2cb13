import { createStoreTestDatabases } from '@meshwork/test-utils';
import { migrateUpTo, migrationsDirectory } from '../__testUtils__/migrateUpTo';
import { storedJobRow, storedRunRow } from '../__testUtils__/storedRows';

const MIGRATION = '20261213000000_run_root_jobs.js';

/** A stored run's row, its `parent` facet as given. */
const run = (runId: string, parent?: unknown) =>
  storedRunRow(runId, {
    facets: JSON.stringify(parent === undefined ? {} : { parent }),
  });

/** A `parent` facet naming a task's run, under the root job given. */
const underRoot = (root: unknown, more = {}) => ({
  run: { runId: '00000000-0000-4000-8000-000000000001' },
  job: { namespace: 'airflow', name: 'dag.task' },
  root,
  ...more,
});

const rootJob = (namespace: unknown, name: unknown) => ({
  run: { runId: '00000000-0000-4000-8000-000000000002' },
  job: { namespace, name },
});

describe(`migration ${MIGRATION}`, () => {
  const databases = createStoreTestDatabases();

  it.each(databases.eachSupportedId())(
    'gives runs stored before the root job their parent facet names, as ingest does, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await migrateUpTo(knex, MIGRATION);
      await knex('lineage_namespaces').insert({
        name: 'airflow',
        created_at: 1,
      });
      // Ids 1 and 2, in order.
      await knex('lineage_jobs').insert([
        storedJobRow('spark_app'),
        storedJobRow('known_dag'),
      ]);
      await knex('lineage_runs').insert([
        run('known', underRoot(rootJob('airflow', 'known_dag'))),
        run('silent', underRoot(rootJob('composer', 'silent_dag'))),
        run(
          'deleted',
          underRoot(rootJob('airflow', 'gone_dag'), { _deleted: true }),
        ),
        run('root run only', underRoot({ run: { runId: 'r' } })),
        run('root not an object', underRoot('airflow/a_dag')),
        run('long name', underRoot(rootJob('airflow', 'x'.repeat(1501)))),
        run('lone surrogate', underRoot(rootJob('airflow', 'a\ud800'))),
        run('parent only', underRoot(undefined)),
        run('root without parent job', { root: rootJob('airflow', 'odd_dag') }),
        run('no parent'),
      ]);

      await knex.migrate.up({ directory: migrationsDirectory });

      const jobs = new Map(
        (await knex('lineage_jobs').select('id', 'namespace', 'name')).map(
          row => [row.id, `${row.namespace}/${row.name}`],
        ),
      );
      const runs = await knex('lineage_runs').select('run_id', 'root_job_id');
      expect(
        Object.fromEntries(
          runs.map(row => [row.run_id, jobs.get(row.root_job_id) ?? null]),
        ),
      ).toEqual({
        known: 'airflow/known_dag',
        silent: 'composer/silent_dag',
        deleted: null,
        'root run only': null,
        'root not an object': null,
        'long name': null,
        'lone surrogate': null,
        'parent only': null,
        'root without parent job': 'airflow/odd_dag',
        'no parent': null,
      });
      expect([...jobs.values()].sort()).toEqual([
        'airflow/known_dag',
        'airflow/odd_dag',
        'airflow/spark_app',
        'composer/silent_dag',
      ]);
      expect(
        (await knex('lineage_namespaces').orderBy('name')).map(n => n.name),
      ).toEqual(['airflow', 'composer']);
    },
  );
});
