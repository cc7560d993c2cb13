import { createStoreTestDatabases } from '@meshwork/test-utils';
import { migrateUpTo, migrationsDirectory } from '../__testUtils__/migrateUpTo';
import { storedRunRow } from '../__testUtils__/storedRows';
import { LineageReader } from './LineageReader';

const MIGRATION = '20261215000000_run_listing_time.js';

describe(`migration ${MIGRATION}`, () => {
  const databases = createStoreTestDatabases();

  it.each(databases.eachSupportedId())(
    'lists runs stored before as they were listed, by their first event time, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await migrateUpTo(knex, MIGRATION);
      // Times past 2^31, as epoch milliseconds are; two runs of one time.
      const runs = [
        ['a', 1_700_000_000_000],
        ['b', 1_800_000_000_000],
        ['c', 1_700_000_000_000],
      ] as const;
      await knex('lineage_runs').insert(
        runs.map(([runId, time]) =>
          storedRunRow(runId, { first_event_time: time, state_time: time }),
        ),
      );

      await knex.migrate.up({ directory: migrationsDirectory });

      const rows = await knex('lineage_runs')
        .orderBy('run_id')
        .select('listing_time');
      expect(rows.map(row => Number(row.listing_time))).toEqual(
        runs.map(([, time]) => time),
      );
      const { runs: listed } = await new LineageReader(knex).runsOfJob(1, 10);
      expect(listed.map(run => run.runId)).toEqual(['b', 'c', 'a']);
    },
  );
});
