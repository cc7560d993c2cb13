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

/** A run event of `job` at `hour` writing `out` with these facets. */
const writesOut = (job: string, hour: number, facets: Dataset['facets']) =>
  runEvent(job, hour, { outputs: [{ name: 'out', facets }] });

/** A run event of `job` at `hour` reading `out` with these facets. */
const readsOut = (job: string, hour: number, facets: Dataset['facets']) =>
  runEvent(job, hour, { inputs: [{ name: 'out', facets }] });

/** A `schema` facet of these columns. */
const schema = (...names: string[]) => ({
  fields: names.map(name => ({ name, type: 'TEXT' })),
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
      await store.ingest([readsOut('reader', 11, { schema: schema('a') })]);
      expect(await columnEdges(knex)).toEqual([
        'out.a <- src.k',
        'out.b <- src.k',
        'out.c <- src.k',
      ]);
      // The writer's new schema still reaches every column it names, a
      // later reader's in the same batch notwithstanding.
      await store.ingest([
        writesOut('writer', 12, { schema: schema('a', 'b', 'd') }),
        readsOut('reader', 13, { schema: schema('a') }),
      ]);
      expect(await columnEdges(knex)).toEqual([
        'out.a <- src.k',
        'out.b <- src.k',
        'out.d <- src.k',
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    "keeps each writer's column lineage of a dataset, newest per writer, on %p",
    async databaseId => {
      const { knex, store } = await storeOn(databaseId);
      const write = (
        job: string,
        hour: number,
        columnLineage: Record<string, unknown>,
      ) => store.ingest([writesOut(job, hour, { columnLineage })]);
      await write(
        'a',
        10,
        fieldsFrom({ x: [['src', 'a']], y: [['src', 'b']] }),
      );
      await write('b', 12, fieldsFrom({ z: [['src2', 'c']] }));
      expect(await columnEdges(knex)).toEqual([
        'out.x <- src.a',
        'out.y <- src.b',
        'out.z <- src2.c',
      ]);
      // A job dropping a column from its facet drops its edge alone; an
      // older event of it, arriving late, changes nothing.
      await write('a', 13, fieldsFrom({ x: [['src', 'a']] }));
      await write('a', 11, fieldsFrom({ w: [['src', 'old']] }));
      expect(await columnEdges(knex)).toEqual([
        'out.x <- src.a',
        'out.z <- src2.c',
      ]);
      // A dataset event is a writer of its own; a writer's deletion
      // removes its edges only, and outlasts an older event.
      await store.ingest([
        validEvent({
          eventTime: '2024-11-26T14:00:00Z',
          producer: 'p',
          dataset: {
            namespace: NS,
            name: 'out',
            facets: { columnLineage: fieldsFrom({ v: [['src3', 'd']] }) },
          },
        }),
      ]);
      await write('b', 15, { _deleted: true });
      await write('b', 14, fieldsFrom({ z: [['src2', 'c']] }));
      expect(await columnEdges(knex)).toEqual([
        'out.v <- src3.d',
        'out.x <- src.a',
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    "spreads each writer's dataset-level inputs over the columns, keeping the other writers', on %p",
    async databaseId => {
      const { knex, store } = await storeOn(databaseId);
      await store.ingest([
        writesOut('a', 10, {
          schema: schema('x', 'z'),
          columnLineage: fieldsFrom({}, [['src', 'k']]),
        }),
        writesOut('b', 11, {
          columnLineage: fieldsFrom({ z: [['src2', 'c']] }),
        }),
      ]);
      expect(await columnEdges(knex)).toEqual([
        'out.x <- src.k',
        'out.z <- src.k',
        'out.z <- src2.c',
      ]);
      // A writer's new column gets the other writer's dataset-level inputs.
      await store.ingest([
        writesOut('b', 12, { schema: schema('x', 'z', 'n') }),
      ]);
      expect(await columnEdges(knex)).toEqual([
        'out.n <- src.k',
        'out.x <- src.k',
        'out.z <- src.k',
        'out.z <- src2.c',
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    "spreads dataset-level inputs over the writers' columns when a later write sends no schema, on %p",
    async databaseId => {
      const { knex, store } = await storeOn(databaseId);
      await store.ingest([
        writesOut('w', 10, {
          schema: schema('a', 'b', 'c'),
          columnLineage: fieldsFrom({ a: [['src', 'v']] }, [['src', 'k']]),
        }),
      ]);
      await store.ingest([readsOut('r', 11, { schema: schema('a') })]);
      // Another writer's lineage, with no schema, rebuilds the edges.
      await store.ingest([
        writesOut('w2', 12, {
          columnLineage: fieldsFrom({ d: [['src', 'v']] }),
        }),
      ]);
      const expected = [
        'out.a <- src.k',
        'out.a <- src.v',
        'out.b <- src.k',
        'out.c <- src.k',
        'out.d <- src.v',
      ];
      expect(await columnEdges(knex)).toEqual(expected);
      // So does the writer's own new lineage, with no schema either.
      await store.ingest([
        writesOut('w', 13, {
          columnLineage: fieldsFrom({ a: [['src', 'u']] }, [['src', 'k']]),
        }),
      ]);
      expect(await columnEdges(knex)).toEqual(
        expected.map(e => e.replace('out.a <- src.v', 'out.a <- src.u')),
      );
    },
  );

  it.each(databases.eachSupportedId())(
    "counts a writer's schema older than a reader's, on %p",
    async databaseId => {
      const { knex, store } = await storeOn(databaseId);
      await store.ingest([
        writesOut('w', 10, { columnLineage: fieldsFrom({}, [['src', 'k']]) }),
        readsOut('r', 12, { schema: schema('a') }),
      ]);
      // The writer's schema arrives late, older than the reader's.
      await store.ingest([writesOut('w', 11, { schema: schema('a', 'b') })]);
      expect(await columnEdges(knex)).toEqual([
        'out.a <- src.k',
        'out.b <- src.k',
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    "sends a writer's unchanged facets' times alone, and keeps the later time, on %p",
    async databaseId => {
      const { knex, store } = await storeOn(databaseId);
      const write = (hour: number, input: string) =>
        store.ingest([
          writesOut('w', hour, {
            schema: schema('x'),
            columnLineage: fieldsFrom({ x: [['src', input]] }),
          }),
        ]);
      await write(10, 'marker');
      const sent: string[] = [];
      const record = (query: { sql: string; bindings?: unknown[] }) => {
        if (query.sql.includes('lineage_column_lineages')) {
          sent.push(query.sql + JSON.stringify(query.bindings ?? []));
        }
      };
      knex.on('query', record);
      await write(12, 'marker');
      knex.off('query', record);
      // Postgres gets no text (SQLite, in this process, runs the upsert
      // as a prepared statement that knex does not report).
      expect(
        sent.filter(q => q.includes('marker') || q.includes('"x"')),
      ).toEqual([]);
      const [row] = await knex('lineage_column_lineages').select();
      expect([row.lineage, row.columns, Number(row.lineage_time)]).toEqual([
        JSON.stringify(fieldsFrom({ x: [['src', 'marker']] })),
        '["x"]',
        Date.parse('2024-11-26T12:00:00Z'),
      ]);
      // An older event arriving late changes nothing.
      await write(11, 'older');
      expect(await columnEdges(knex)).toEqual(['out.x <- src.marker']);
    },
  );
});
