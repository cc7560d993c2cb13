import { createStoreTestDatabases } from '@meshwork/test-utils';
import { Knex } from 'knex';
import { migrateUpTo, migrationsDirectory } from '../__testUtils__/migrateUpTo';

const MIGRATION = '20261201000000_facet_times_apart.js';

async function rows(knex: Knex, table: string) {
  return (await knex(table).orderBy('id')).map(row =>
    Object.fromEntries(
      Object.entries(row).map(([column, value]) => [
        column,
        column.endsWith('_at') ? Number(value) : value,
      ]),
    ),
  );
}

describe(`migration ${MIGRATION}`, () => {
  const databases = createStoreTestDatabases();

  it.each(databases.eachSupportedId())(
    'moves facet times and update times to tables of their own, and back, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await migrateUpTo(knex, MIGRATION);
      const dataset = {
        id: 1,
        namespace: 'pg',
        name: 'orders',
        facets: '{"schema":{"fields":[]}}',
        facet_times: '{"schema":5}',
        created_at: 1,
        updated_at: 7,
      };
      const job = {
        id: 2,
        namespace: 'etl',
        name: 'daily',
        facets: '{}',
        facet_times: '{}',
        created_at: 2,
        updated_at: 2,
      };
      await knex('lineage_datasets').insert(dataset);
      await knex('lineage_jobs').insert(job);

      await knex.migrate.up({ directory: migrationsDirectory });
      expect(await rows(knex, 'lineage_dataset_facet_times')).toEqual([
        { id: 1, facet_times: '{"schema":5}', updated_at: 7 },
      ]);
      expect(await rows(knex, 'lineage_job_facet_times')).toEqual([
        { id: 2, facet_times: '{}', updated_at: 2 },
      ]);
      const { facet_times: _times, updated_at: _updated, ...kept } = dataset;
      expect(await rows(knex, 'lineage_datasets')).toEqual([kept]);
      // One created after, never given a facet: no facet times row.
      const later = { ...kept, id: 3, name: 'later', created_at: 9 };
      await knex('lineage_datasets').insert(later);

      await knex.migrate.down({ directory: migrationsDirectory });
      expect(await rows(knex, 'lineage_datasets')).toEqual([
        dataset,
        { ...later, facet_times: '{}', updated_at: 9 },
      ]);
      expect(await rows(knex, 'lineage_jobs')).toEqual([job]);
      expect(await knex.schema.hasTable('lineage_dataset_facet_times')).toBe(
        false,
      );
    },
  );
});
