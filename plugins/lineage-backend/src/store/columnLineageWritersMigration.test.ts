import { createStoreTestDatabases } from '@meshwork/test-utils';
import { migrateUpTo, migrationsDirectory } from '../__testUtils__/migrateUpTo';
import { storedJobRow } from '../__testUtils__/storedRows';

const MIGRATION = '20261220000000_column_lineage_writers.js';

describe(`migration ${MIGRATION}`, () => {
  const databases = createStoreTestDatabases();

  it.each(databases.eachSupportedId())(
    "keeps each dataset's column lineage as its latest writer's, on %p",
    async databaseId => {
      const knex = await databases.init(databaseId);
      await migrateUpTo(knex, MIGRATION);
      await knex('lineage_namespaces').insert({ name: 'pg', created_at: 1 });
      // Jobs 1 and 2.
      await knex('lineage_jobs').insert([storedJobRow('a'), storedJobRow('b')]);
      const lineage = { fields: { x: { inputFields: [] } } };
      const dataset = (name: string, facets: object) => ({
        namespace: 'pg',
        name,
        facets: JSON.stringify(facets),
        created_at: 1,
      });
      // Datasets 1 to 3, in order.
      await knex('lineage_datasets').insert([
        dataset('written', { columnLineage: lineage }),
        dataset('by_dataset_event', { columnLineage: lineage }),
        dataset('none', { schema: { fields: [] } }),
      ]);
      await knex('lineage_dataset_facet_times').insert(
        [1, 2, 3].map(id => ({
          id,
          facet_times: JSON.stringify({ columnLineage: 100 * id, schema: 1 }),
          updated_at: 1,
        })),
      );
      const io = (jobId: number, direction: string, lastSeen: number) => ({
        dataset_id: 1,
        direction,
        job_id: jobId,
        first_seen: 1,
        last_seen: lastSeen,
        complete_seen: lastSeen,
      });
      await knex('lineage_io').insert([
        io(1, 'out', 50),
        io(2, 'out', 60),
        io(1, 'in', 70),
      ]);

      await knex.migrate.up({ directory: migrationsDirectory });

      const rows = await knex('lineage_column_lineages')
        .orderBy('dataset_id')
        .select();
      expect(
        rows.map(r => ({
          ...r,
          lineage: JSON.parse(r.lineage),
          lineage_time: Number(r.lineage_time),
        })),
      ).toEqual([
        { dataset_id: 1, writer_id: 2, lineage, lineage_time: 100 },
        { dataset_id: 2, writer_id: 0, lineage, lineage_time: 200 },
      ]);

      await knex.migrate.down({ directory: migrationsDirectory });
      expect(await knex.schema.hasTable('lineage_column_lineages')).toBe(false);
    },
  );
});
