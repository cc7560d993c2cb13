import { createStoreTestDatabases } from '@meshwork/test-utils';
import { migrateUpTo, migrationsDirectory } from '../__testUtils__/migrateUpTo';
import { storedJobRow, storedRunRow } from '../__testUtils__/storedRows';

const MIGRATION = '20261203000000_backfill_run_parent_jobs.js';

/** A stored run's row, its `parent` facet as given. */
const run = (runId: string, parent?: unknown, parentJobId?: number) =>
  storedRunRow(runId, {
    parent_job_id: parentJobId ?? null,
    facets: JSON.stringify(parent === undefined ? {} : { parent }),
  });

const parentJob = (namespace: unknown, name: unknown, more = {}) => ({
  run: { runId: '00000000-0000-4000-8000-000000000001' },
  job: { namespace, name },
  ...more,
});

const TASK_JOB = storedJobRow('task');

describe(`migration ${MIGRATION}`, () => {
  const databases = createStoreTestDatabases();

  it.each(databases.eachSupportedId())(
    'gives runs stored before the parent job their facet names, as ingest does, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await migrateUpTo(knex, MIGRATION);
      await knex('lineage_namespaces').insert({
        name: 'airflow',
        created_at: 1,
      });
      // Ids 1 and 2, in order.
      await knex('lineage_jobs').insert([
        TASK_JOB,
        { ...TASK_JOB, name: 'known_dag' },
      ]);
      await knex('lineage_runs').insert([
        run('known', parentJob('airflow', 'known_dag')),
        run('silent', parentJob('airflow', 'silent_dag')),
        run('silent again', parentJob('airflow', 'silent_dag')),
        run('elsewhere', parentJob('composer', 'other_dag')),
        run(
          'not deleted',
          parentJob('airflow', 'odd_dag', { _deleted: 'true' }),
        ),
        run('deleted', parentJob('airflow', 'gone_dag', { _deleted: true })),
        run('run only', {
          run: { runId: '00000000-0000-4000-8000-000000000002' },
        }),
        run('long name', parentJob('airflow', 'x'.repeat(1501))),
        // 751 characters, 1,502 bytes.
        run('long in bytes', parentJob('airflow', 'é'.repeat(751))),
        run('a number', parentJob('airflow', 7)),
        run('empty', parentJob('airflow', '')),
        run('no parent'),
        // Text the ingest check refuses, stored by older versions.
        run('nul', parentJob('airflow', 'a\u0000b')),
        run('lone surrogate', parentJob('airflow', 'a\ud800')),
        run(
          'surrogate beside',
          parentJob('airflow', 'beside_dag', { note: 'a\ud800' }),
        ),
        run('long namespace', parentJob('n'.repeat(1001), 'a_dag')),
        run('job list', { job: ['airflow', 'a_dag'] }),
        run('not an object', 'airflow/a_dag'),
        run('already set', parentJob('airflow', 'silent_dag'), 2),
      ]);

      await knex.migrate.up({ directory: migrationsDirectory });

      const jobs = new Map(
        (await knex('lineage_jobs').select('id', 'namespace', 'name')).map(
          row => [row.id, `${row.namespace}/${row.name}`],
        ),
      );
      const runs = await knex('lineage_runs')
        .orderBy('run_id')
        .select('run_id', 'parent_job_id');
      expect(
        Object.fromEntries(
          runs.map(row => [row.run_id, jobs.get(row.parent_job_id) ?? null]),
        ),
      ).toEqual({
        'a number': null,
        'already set': 'airflow/known_dag',
        deleted: null,
        elsewhere: 'composer/other_dag',
        empty: null,
        known: 'airflow/known_dag',
        'long in bytes': null,
        'long name': null,
        'no parent': null,
        'not an object': null,
        nul: null,
        'lone surrogate': null,
        'surrogate beside': 'airflow/beside_dag',
        'long namespace': null,
        'job list': null,
        'not deleted': 'airflow/odd_dag',
        'run only': null,
        silent: 'airflow/silent_dag',
        'silent again': 'airflow/silent_dag',
      });
      expect([...jobs.values()].sort()).toEqual([
        'airflow/beside_dag',
        'airflow/known_dag',
        'airflow/odd_dag',
        'airflow/silent_dag',
        'airflow/task',
        'composer/other_dag',
      ]);
      expect(
        (await knex('lineage_namespaces').orderBy('name')).map(n => n.name),
      ).toEqual(['airflow', 'composer']);
    },
  );

  it.each(databases.eachSupportedId())(
    'backfills more runs than it reads or inserts at a time, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await migrateUpTo(knex, MIGRATION);
      await knex('lineage_jobs').insert(TASK_JOB);
      const runs = Array.from({ length: 2500 }, (_, i) =>
        run(`run ${i}`, parentJob('airflow', `dag_${i % 700}`)),
      );
      for (let i = 0; i < runs.length; i += 100) {
        await knex('lineage_runs').insert(runs.slice(i, i + 100));
      }

      await knex.migrate.up({ directory: migrationsDirectory });

      const [{ runs: backfilled, jobs }] = await knex('lineage_runs')
        .whereNotNull('parent_job_id')
        .select(
          knex.raw('count(*) as runs'),
          knex.raw('count(distinct parent_job_id) as jobs'),
        );
      expect([Number(backfilled), Number(jobs)]).toEqual([2500, 700]);
    },
  );
});
