import { createStoreTestDatabases } from '@meshwork/test-utils';
import { Knex } from 'knex';
import { migrateUpTo, migrationsDirectory } from '../__testUtils__/migrateUpTo';
import { storedJobRow } from '../__testUtils__/storedRows';
import { validEvent } from '../__testUtils__/validEvent';
import { OpenLineageEventStore } from './OpenLineageEventStore';

const MIGRATION = '20261220000000_column_lineage_writers.js';
const NS = 'pg';
const at = (hour: number) =>
  Date.parse(`2024-11-26T${String(hour).padStart(2, '0')}:00:00Z`);

const lineageOf = (field: string, input: string, inputField: string) => ({
  fields: {
    [field]: {
      inputFields: [{ namespace: NS, name: input, field: inputField }],
    },
  },
});

/** Stores datasets as before the migration, with their facet times. */
async function storeDatasets(
  knex: Knex,
  datasets: Array<{
    name: string;
    facets: object;
    times: Record<string, number>;
  }>,
) {
  await knex('lineage_namespaces').insert({ name: NS, created_at: 1 });
  await knex('lineage_datasets').insert(
    datasets.map(({ name, facets }) => ({
      namespace: NS,
      name,
      facets: JSON.stringify(facets),
      created_at: 1,
    })),
  );
  await knex('lineage_dataset_facet_times').insert(
    datasets.map(({ times }, i) => ({
      id: i + 1,
      facet_times: JSON.stringify(times),
      updated_at: 1,
    })),
  );
}

/** Every column edge, as `out.field <- in.field`, sorted. */
async function columnEdges(knex: Knex): Promise<string[]> {
  const rows = await knex('lineage_column_edges as e')
    .join('lineage_datasets as o', 'o.id', 'e.dataset_id')
    .join('lineage_datasets as i', 'i.id', 'e.input_dataset_id')
    .select('o.name as out', 'e.field', 'i.name as in', 'e.input_field');
  return rows
    .map(r => `${r.out}.${r.field} <- ${r.in}.${r.input_field}`)
    .sort();
}

describe(`migration ${MIGRATION}`, () => {
  const databases = createStoreTestDatabases();

  it.each(databases.eachSupportedId())(
    "keeps each dataset's column lineage, deletion included, as no writer's, on %p",
    async databaseId => {
      const knex = await databases.init(databaseId);
      await migrateUpTo(knex, MIGRATION);
      // Jobs 1 and 2.
      await knex('lineage_jobs').insert([storedJobRow('a'), storedJobRow('b')]);
      const lineage = lineageOf('x', 'src', 'a');
      // Datasets 1 to 4, in order.
      await storeDatasets(knex, [
        {
          name: 'written',
          facets: { columnLineage: lineage },
          times: { columnLineage: 100, schema: 1 },
        },
        {
          name: 'deleted',
          facets: {},
          times: { columnLineage: 200 },
        },
        {
          name: 'none',
          facets: { schema: { fields: [] } },
          times: { schema: 1 },
        },
        { name: 'src', facets: {}, times: {} },
      ]);
      await knex('lineage_dataset_fields').insert([
        { dataset_id: 1, field: 'y', type: null },
        { dataset_id: 1, field: 'x', type: null },
      ]);
      await knex('lineage_io').insert(
        [1, 2].map(jobId => ({
          dataset_id: 1,
          direction: 'out',
          job_id: jobId,
          first_seen: 1,
          last_seen: 50 + jobId,
          complete_seen: 50 + jobId,
        })),
      );

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
        {
          dataset_id: 1,
          writer_id: -1,
          lineage,
          lineage_time: 100,
          columns: '["x","y"]',
          columns_time: null,
        },
        {
          dataset_id: 2,
          writer_id: -1,
          lineage: null,
          lineage_time: 200,
          columns: null,
          columns_time: null,
        },
      ]);

      await knex.migrate.down({ directory: migrationsDirectory });
      expect(await knex.schema.hasTable('lineage_column_lineages')).toBe(false);
    },
  );

  it.each(databases.eachSupportedId())(
    "has a writer's first new column lineage replace the stored one, and no older, on %p",
    async databaseId => {
      const knex = await databases.init(databaseId);
      await migrateUpTo(knex, MIGRATION);
      // Datasets 1 to 3: `out` written by job `a` (its lineage stored, but
      // not who sent it), `gone` whose lineage was deleted, and `src`.
      await storeDatasets(knex, [
        {
          name: 'out',
          facets: { columnLineage: lineageOf('x', 'src', 'a') },
          times: { columnLineage: at(10) },
        },
        { name: 'gone', facets: {}, times: { columnLineage: at(10) } },
        { name: 'src', facets: {}, times: {} },
      ]);
      await knex('lineage_column_edges').insert({
        dataset_id: 1,
        field: 'x',
        input_dataset_id: 3,
        input_field: 'a',
        transformations: '[]',
      });
      await knex.migrate.latest({ directory: migrationsDirectory });
      const store = await OpenLineageEventStore.create(knex);
      const write = (job: string, hour: number, name: string, field: string) =>
        store.ingest([
          validEvent({
            eventType: 'COMPLETE',
            eventTime: new Date(at(hour)).toISOString(),
            producer: 'p',
            job: { namespace: 'etl', name: job },
            outputs: [
              {
                namespace: NS,
                name,
                facets: { columnLineage: lineageOf(field, 'src', 'b') },
              },
            ],
          }),
        ]);

      // The job's new lineage replaces what it sent before.
      await write('a', 11, 'out', 'z');
      expect(await columnEdges(knex)).toEqual(['out.z <- src.b']);
      // Older than the deletion: it stays deleted; newer, it counts.
      await write('b', 9, 'gone', 'z');
      expect(await columnEdges(knex)).toEqual(['out.z <- src.b']);
      await write('b', 11, 'gone', 'z');
      expect(await columnEdges(knex)).toEqual([
        'gone.z <- src.b',
        'out.z <- src.b',
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    "leaves the stored columns out of dataset-level inputs' reach once a writer reports its own, on %p",
    async databaseId => {
      const knex = await databases.init(databaseId);
      await migrateUpTo(knex, MIGRATION);
      // Datasets 1 and 2: `out`, whose columns x and y all read `src.f`,
      // and `src`.
      await storeDatasets(knex, [
        {
          name: 'out',
          facets: {
            columnLineage: {
              ...lineageOf('x', 'src', 'a'),
              dataset: [{ namespace: NS, name: 'src', field: 'f' }],
            },
            schema: { fields: [{ name: 'x' }, { name: 'y' }] },
          },
          times: { columnLineage: at(10), schema: at(10) },
        },
        { name: 'src', facets: {}, times: {} },
      ]);
      await knex('lineage_dataset_fields').insert([
        { dataset_id: 1, field: 'x', type: null },
        { dataset_id: 1, field: 'y', type: null },
      ]);
      await knex.migrate.latest({ directory: migrationsDirectory });
      const store = await OpenLineageEventStore.create(knex);

      // The job writing `out` has dropped y: its dataset-level input
      // reaches x alone.
      await store.ingest([
        validEvent({
          eventType: 'COMPLETE',
          eventTime: new Date(at(11)).toISOString(),
          producer: 'p',
          job: { namespace: 'etl', name: 'a' },
          outputs: [
            {
              namespace: NS,
              name: 'out',
              facets: { schema: { fields: [{ name: 'x', type: 'TEXT' }] } },
            },
          ],
        }),
      ]);
      expect(await columnEdges(knex)).toEqual([
        'out.x <- src.a',
        'out.x <- src.f',
      ]);
    },
  );
});
