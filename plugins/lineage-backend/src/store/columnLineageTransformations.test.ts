import { createStoreTestDatabases } from '@meshwork/test-utils';
import { OpenLineageEventStore } from './OpenLineageEventStore';
import { validEvent } from '../__testUtils__/validEvent';

const NS = 'postgres://db.example:5432';
const filter = { type: 'INDIRECT', subtype: 'FILTER' };
const input = (field: string, extra: Record<string, unknown> = {}) => ({
  namespace: NS,
  name: 'src',
  field,
  ...extra,
});

describe('column lineage transformations', () => {
  const databases = createStoreTestDatabases();

  it.each(databases.eachSupportedId())(
    'keeps a deprecated type and description beside listed transformations, and makes unlisted dataset-level inputs INDIRECT, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const store = await OpenLineageEventStore.create(knex);
      await store.ingest([
        validEvent({
          eventTime: '2024-11-26T13:00:00Z',
          producer: 'p',
          dataset: {
            namespace: NS,
            name: 'out',
            facets: {
              columnLineage: {
                fields: {
                  both: {
                    inputFields: [input('a', { transformations: [filter] })],
                    transformationType: 'IDENTITY',
                    transformationDescription: 'copied',
                  },
                  untyped: {
                    inputFields: [input('b')],
                    transformationType: '',
                    transformationDescription: 'lower(b)',
                  },
                },
                dataset: [input('k')],
              },
            },
          },
        }),
      ]);
      const rows = await knex('lineage_column_edges')
        .orderBy(['field', 'input_field'])
        .select('field', 'input_field', 'transformations');
      expect(
        rows.map(r => [r.field, r.input_field, JSON.parse(r.transformations)]),
      ).toEqual([
        [
          'both',
          'a',
          [
            {
              ...filter,
              transformationType: 'IDENTITY',
              transformationDescription: 'copied',
            },
          ],
        ],
        ['both', 'k', [{ type: 'INDIRECT' }]],
        ['untyped', 'b', [{ type: '', description: 'lower(b)' }]],
        ['untyped', 'k', [{ type: 'INDIRECT' }]],
      ]);
    },
  );
});
