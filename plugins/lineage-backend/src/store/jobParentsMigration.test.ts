import { createStoreTestDatabases } from '@meshwork/test-utils';
import { migrateUpTo, migrationsDirectory } from '../__testUtils__/migrateUpTo';
import { storedJobRow, storedRunRow } from '../__testUtils__/storedRows';

const MIGRATION = '20261209000000_job_parents.js';

/** A stored run of job `jobId`, first seen at `time`. */
const run = (
  runId: string,
  jobId: number,
  time: number,
  parent: { job?: number; run?: string } = {},
) =>
  storedRunRow(runId, {
    job_id: jobId,
    state_time: time,
    first_event_time: time,
    parent_job_id: parent.job ?? null,
    parent_run_id: parent.run ?? null,
  });

describe(`migration ${MIGRATION}`, () => {
  const databases = createStoreTestDatabases();

  it.each(databases.eachSupportedId())(
    'gives each job stored before the parents of its latest parented run, as ingest keeps them, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await migrateUpTo(knex, MIGRATION);
      await knex('lineage_namespaces').insert({
        name: 'airflow',
        created_at: 1,
      });
      // Ids 1 to 5, in order.
      await knex('lineage_jobs').insert(
        ['dag', 'old_dag', 'task', 'by_run', 'alone'].map(name =>
          storedJobRow(name),
        ),
      );
      await knex('lineage_runs').insert([
        run('dag run', 1, 100),
        run('old', 3, 50, { job: 2, run: 'old dag run' }),
        run('latest', 3, 100, { job: 1, run: 'dag run' }),
        run('newer, no parent', 3, 200),
        // At one time, the greater run id.
        run('b tied', 4, 100, { run: 'dag run' }),
        run('a tied', 4, 100, { job: 2 }),
        run('alone', 5, 100),
      ]);

      await knex.migrate.up({ directory: migrationsDirectory });

      const jobs = await knex('lineage_jobs')
        .orderBy('id')
        .select('name', 'parent_job_id', 'parent_run_id');
      expect(jobs).toEqual([
        { name: 'dag', parent_job_id: null, parent_run_id: null },
        { name: 'old_dag', parent_job_id: null, parent_run_id: null },
        { name: 'task', parent_job_id: 1, parent_run_id: 'dag run' },
        { name: 'by_run', parent_job_id: null, parent_run_id: 'dag run' },
        { name: 'alone', parent_job_id: null, parent_run_id: null },
      ]);

      await knex.migrate.down({ directory: migrationsDirectory });
      expect(await knex.schema.hasColumn('lineage_jobs', 'parent_job_id')).toBe(
        false,
      );
    },
  );
});
