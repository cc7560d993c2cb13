import { createStoreTestDatabases } from '@meshwork/test-utils';
import { migrateUpTo, migrationsDirectory } from '../__testUtils__/migrateUpTo';
import { keyOf } from './keyOf';
import { nodeTypes } from './nodeTypes';

const MIGRATION = '20261223000000_node_types.js';
const NS = 'postgres://db:5432';
const KAFKA = 'kafka://broker:9092';

/** Past the first page of ids the migration looks through. */
const FAR_ID = 7001;

describe(`migration ${MIGRATION}`, () => {
  const databases = createStoreTestDatabases();

  it.each(databases.eachSupportedId())(
    'keeps the type the facets of the rows stored before declare, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await migrateUpTo(knex, MIGRATION);
      await knex('lineage_namespaces').insert(
        [NS, KAFKA].map(name => ({ name, created_at: 1 })),
      );
      const row = (id: number, namespace: string, facets: object | string) => ({
        id,
        namespace,
        name: `n${id}`,
        facets: typeof facets === 'string' ? facets : JSON.stringify(facets),
        created_at: 1,
      });
      await knex('lineage_jobs').insert([
        row(1, 'etl', { jobType: { processingType: 'streaming' } }),
        row(2, 'etl', { jobType: { processingType: 'SERVICE' } }),
        row(3, 'etl', { jobType: { processingType: 'BATCH' } }),
        row(4, 'etl', { sql: { query: 'select "jobType"' } }),
        // An unpaired surrogate, which Postgres's JSON parser refuses.
        row(
          5,
          'etl',
          '{"jobType":{"processingType":"STREAMING","x":"\\ud800"}}',
        ),
        row(FAR_ID, 'etl', { jobType: { processingType: 'STREAMING' } }),
      ]);
      await knex('lineage_datasets').insert([
        row(1, NS, { datasetType: { datasetType: 'STREAM' } }),
        row(2, NS, { datasetType: { datasetType: 'TABLE' } }),
        row(3, NS, {}),
        row(4, KAFKA, {}),
        row(FAR_ID, NS, { datasetType: { datasetType: 'stream' } }),
      ]);

      await knex.migrate.up({ directory: migrationsDirectory });

      const stored = async (table: string) =>
        Object.fromEntries(
          (await knex(table).select('id', 'marquez_type')).map(r => [
            r.id,
            r.marquez_type,
          ]),
        );
      expect(await stored('lineage_jobs')).toEqual({
        1: 'STREAM',
        2: 'SERVICE',
        3: null,
        4: null,
        5: 'STREAM',
        [FAR_ID]: 'STREAM',
      });
      expect(await stored('lineage_datasets')).toEqual({
        1: 'STREAM',
        2: null,
        3: null,
        4: null,
        [FAR_ID]: 'STREAM',
      });
      const keys = [
        ...[1, 2, 3, 4, 5, FAR_ID].map(id => keyOf('job', id)),
        ...[1, 2, 3, 4, FAR_ID].map(id => keyOf('dataset', id)),
      ];
      const typed = await nodeTypes(knex, keys);
      expect(keys.map(key => typed.get(key)!.marquezType)).toEqual([
        'STREAM',
        'SERVICE',
        'BATCH',
        'BATCH',
        'STREAM',
        'STREAM',
        'STREAM',
        'DB_TABLE',
        'DB_TABLE',
        'STREAM',
        'STREAM',
      ]);

      await knex.migrate.down({ directory: migrationsDirectory });
      expect(await knex.schema.hasColumn('lineage_jobs', 'marquez_type')).toBe(
        false,
      );
      expect(
        await knex.schema.hasColumn('lineage_datasets', 'marquez_type'),
      ).toBe(false);
    },
  );
});
