import { createStoreTestDatabases } from '@meshwork/test-utils';
import { migrateUpTo, migrationsDirectory } from '../__testUtils__/migrateUpTo';

const MIGRATION = '20261219000000_run_io_lifecycle_state.js';

describe(`migration ${MIGRATION}`, () => {
  const databases = createStoreTestDatabases();

  it.each(databases.eachSupportedId())(
    'keeps the drop or truncate a run stored before reported as the state of its write, no other, and migrates back down, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await migrateUpTo(knex, MIGRATION);
      const row = (runId: string, change: string | null) => ({
        run_id: runId,
        dataset_id: 1,
        direction: 'out',
        event_time: 1_800_000_000_000,
        lifecycle_change: change,
        // Past 2^31, as epoch milliseconds are.
        lifecycle_change_time: change === null ? null : 1_700_000_000_000,
      });
      await knex('lineage_run_io').insert([
        row('a', 'DROP'),
        row('b', 'TRUNCATE'),
        row('c', ''),
        row('d', null),
      ]);

      await knex.migrate.up({ directory: migrationsDirectory });

      const rows = await knex('lineage_run_io')
        .orderBy('run_id')
        .select('lifecycle_state', 'lifecycle_state_time');
      expect(
        rows.map(r => [
          r.lifecycle_state,
          r.lifecycle_state_time === null
            ? null
            : Number(r.lifecycle_state_time),
        ]),
      ).toEqual([
        ['DROP', 1_700_000_000_000],
        ['TRUNCATE', 1_700_000_000_000],
        [null, null],
        [null, null],
      ]);

      await knex.migrate.down({ directory: migrationsDirectory });

      expect(
        await knex.schema.hasColumn('lineage_run_io', 'lifecycle_state'),
      ).toBe(false);
      expect(
        Number((await knex('lineage_run_io').count({ n: '*' }))[0].n),
      ).toBe(4);
    },
  );
});
