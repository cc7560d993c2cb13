import { createStoreTestDatabases } from '@meshwork/test-utils';
import { migrateUpTo, migrationsDirectory } from '../__testUtils__/migrateUpTo';

const MIGRATION = '20261214000000_io_complete_seen.js';

describe(`migration ${MIGRATION}`, () => {
  const databases = createStoreTestDatabases();

  it.each(databases.eachSupportedId())(
    'counts every edge stored before as last seen whole when it was last seen, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await migrateUpTo(knex, MIGRATION);
      // Times past 2^31, as epoch milliseconds are.
      await knex('lineage_io').insert([
        {
          dataset_id: 1,
          direction: 'in',
          job_id: 1,
          first_seen: 1,
          last_seen: 1_700_000_000_000,
        },
        {
          dataset_id: 2,
          direction: 'out',
          job_id: 1,
          first_seen: 1,
          last_seen: 1_800_000_000_000,
        },
      ]);

      await knex.migrate.up({ directory: migrationsDirectory });

      const rows = await knex('lineage_io')
        .orderBy('dataset_id')
        .select('complete_seen');
      expect(rows.map(row => Number(row.complete_seen))).toEqual([
        1_700_000_000_000, 1_800_000_000_000,
      ]);
    },
  );
});
