import { createStoreTestDatabases } from '@meshwork/test-utils';
import { Knex } from 'knex';
import { OpenLineageEventStore } from './OpenLineageEventStore';
import { validEvent } from '../__testUtils__/validEvent';

const NS = 'postgres://db.example:5432';
const filter = [{ type: 'INDIRECT', subtype: 'FILTER' }];

type Dataset = { name: string; facets?: Record<string, unknown> };

/** A run event of `job` at `hour` (10 → 10:00Z), reading and writing. */
function runEvent(
  job: string,
  hour: number,
  { inputs = [], outputs = [] }: { inputs?: Dataset[]; outputs?: Dataset[] },
) {
  const id = `${job}-${hour}`.padEnd(12, '0').slice(0, 12);
  return validEvent({
    eventType: 'COMPLETE',
    eventTime: `2024-11-26T${String(hour).padStart(2, '0')}:00:00Z`,
    producer: 'p',
    run: {
      runId: `01936893-9751-7a91-a2a0-${Buffer.from(id)
        .toString('hex')
        .slice(0, 12)}`,
    },
    job: { namespace: 'etl', name: job },
    inputs: inputs.map(d => ({ namespace: NS, ...d })),
    outputs: outputs.map(d => ({ namespace: NS, ...d })),
  });
}

const fieldsFrom = (
  entries: Record<string, Array<[string, string]>>,
  dataset?: Array<[string, string]>,
) => ({
  fields: Object.fromEntries(
    Object.entries(entries).map(([field, inputs]) => [
      field,
      {
        inputFields: inputs.map(([name, input]) => ({
          namespace: NS,
          name,
          field: input,
        })),
      },
    ]),
  ),
  ...(dataset && {
    dataset: dataset.map(([name, field]) => ({
      namespace: NS,
      name,
      field,
      transformations: filter,
    })),
  }),
});

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

describe('column lineage by writer', () => {
  const databases = createStoreTestDatabases();

  async function storeOn(databaseId: Parameters<typeof databases.init>[0]) {
    const knex = await databases.init(databaseId);
    const store = await OpenLineageEventStore.create(knex);
    return { knex, store };
  }

  it.each(databases.eachSupportedId())(
    'takes no column lineage from a reader, on %p',
    async databaseId => {
      const { knex, store } = await storeOn(databaseId);
      await store.ingest([
        runEvent('writer', 10, {
          inputs: [{ name: 'src' }],
          outputs: [
            {
              name: 'mid',
              facets: { columnLineage: fieldsFrom({ x: [['src', 'a']] }) },
            },
          ],
        }),
      ]);
      await store.ingest([
        runEvent('reader', 11, {
          inputs: [
            {
              name: 'mid',
              facets: { columnLineage: fieldsFrom({ x: [['other', 'q']] }) },
            },
          ],
        }),
        runEvent('deleter', 12, {
          inputs: [
            { name: 'mid', facets: { columnLineage: { _deleted: true } } },
          ],
        }),
      ]);
      expect(await columnEdges(knex)).toEqual(['mid.x <- src.a']);
    },
  );

  it.each(databases.eachSupportedId())(
    "spreads dataset-level inputs over the writer's columns, not a reader's pruned schema, on %p",
    async databaseId => {
      const { knex, store } = await storeOn(databaseId);
      const schema = (...names: string[]) => ({
        fields: names.map(name => ({ name, type: 'TEXT' })),
      });
      await store.ingest([
        runEvent('writer', 10, {
          inputs: [{ name: 'src' }],
          outputs: [
            {
              name: 'out',
              facets: {
                schema: schema('a', 'b', 'c'),
                columnLineage: fieldsFrom({}, [['src', 'k']]),
              },
            },
          ],
        }),
      ]);
      await store.ingest([
        runEvent('reader', 11, {
          inputs: [{ name: 'out', facets: { schema: schema('a') } }],
        }),
      ]);
      expect(await columnEdges(knex)).toEqual([
        'out.a <- src.k',
        'out.b <- src.k',
        'out.c <- src.k',
      ]);
      // The writer's new schema still reaches every column it names, a
      // later reader's in the same batch notwithstanding.
      await store.ingest([
        runEvent('writer', 12, {
          outputs: [{ name: 'out', facets: { schema: schema('a', 'b', 'd') } }],
        }),
        runEvent('reader', 13, {
          inputs: [{ name: 'out', facets: { schema: schema('a') } }],
        }),
      ]);
      expect(await columnEdges(knex)).toEqual([
        'out.a <- src.k',
        'out.b <- src.k',
        'out.d <- src.k',
      ]);
    },
  );
});
