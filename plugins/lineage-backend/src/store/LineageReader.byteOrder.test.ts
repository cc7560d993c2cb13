import {
  createStoreTestDatabases,
  withEnUsCollation,
} from '@meshwork/test-utils';
import { LineageReader } from './LineageReader';
import { OpenLineageEventStore } from './OpenLineageEventStore';
import { validEvent } from '../__testUtils__/validEvent';

const NS = 'postgres://db.example:5432';

const runId = (i: number) =>
  `01936893-9751-7a91-a2a0-${String(i).padStart(12, '0')}`;

function run(
  i: number,
  job: string,
  outputs: Array<{ name: string; fields?: string[] }> = [],
) {
  return validEvent({
    eventType: 'COMPLETE',
    eventTime: '2026-12-01T10:00:00Z',
    producer: 'https://example.com/test',
    run: { runId: runId(i) },
    job: { namespace: 'etl', name: job },
    inputs: [],
    outputs: outputs.map(({ name, fields }) => ({
      namespace: NS,
      name,
      ...(fields && {
        facets: {
          schema: {
            fields: fields.map(field => ({ name: field, type: 'TEXT' })),
          },
        },
      }),
    })),
  });
}

describe('LineageReader search order', () => {
  const databases = createStoreTestDatabases();

  it.each(databases.eachSupportedId())(
    'breaks ties before the limit in byte order, whatever the collation, on %p',
    async databaseId => {
      await withEnUsCollation(await databases.init(databaseId), async db => {
        const store = await OpenLineageEventStore.create(db);
        const reader = new LineageReader(db);
        await store.ingest([
          run(1, 'joborders', [{ name: 'one', fields: ['a_b', 'b_a'] }]),
          run(2, 'jobOrders', [{ name: 'two', fields: ['A_b'] }]),
          run(3, 'jobORDERS', [{ name: 'three', fields: ['a-_b'] }]),
        ]);

        const jobs = await reader.search('job', 'orders', 1);
        const columns = await reader.search('column', '_', 3);

        expect({
          jobs: jobs.map(job => job.name),
          columns: columns.flatMap(column =>
            'field' in column ? [column.field] : [],
          ),
        }).toEqual({ jobs: ['jobORDERS'], columns: ['A_b', 'a-_b', 'a_b'] });
      });
    },
  );

  it.each(databases.eachSupportedId())(
    'looks at the names first in byte order when more than the cap match, whatever the collation, on %p',
    async databaseId => {
      await withEnUsCollation(await databases.init(databaseId), async db => {
        const store = await OpenLineageEventStore.create(db);
        const reader = new LineageReader(db);
        // More names than searchWrites looks at (MAX_WRITE_SEARCH_CANDIDATES)
        // that en-US sorts before the job writing the table and bytes after.
        await store.ingest([
          ...Array.from({ length: 201 }, (_, i) =>
            run(100 + i, `aorders_${String(i).padStart(3, '0')}`),
          ),
          run(1, 'XORDERS', [{ name: 'mart' }]),
        ]);
        const mart = await reader.datasetByName(NS, 'mart');

        const { items } = await reader.searchWrites('job', 'orders', {
          limit: 10,
          outputsIn: [mart!.id],
        });

        expect(items.map(item => item.name)).toEqual(['XORDERS']);
      });
    },
  );
});
