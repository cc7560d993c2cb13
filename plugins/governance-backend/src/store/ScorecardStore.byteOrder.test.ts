import {
  createStoreTestDatabases,
  withEnUsCollation,
} from '@meshwork/test-utils';
import { ScorecardStore } from './ScorecardStore';

describe('ScorecardStore list order', () => {
  const databases = createStoreTestDatabases();

  it.each(databases.eachSupportedId())(
    'lists scorecards by entity ref in byte order, whatever the collation, on %p',
    async databaseId => {
      await withEnUsCollation(await databases.init(databaseId), async db => {
        const store = await ScorecardStore.create(db);
        const names = ['alpha', 'ab', 'a.b', 'a-c', 'a_b', 'B'];
        await store.save(
          names.map(name => ({
            entityRef: `dataproduct:default/${name}`,
            domain: 'domain:default/checkout',
            owner: 'group:default/checkout-data',
            score: 100,
            level: 'gold',
            checks: [],
            evaluatedAt: '2026-11-24T00:00:00.000Z',
            sourceHash: name,
          })),
          Date.parse('2026-11-24T00:00:00Z'),
        );

        const listed = await store.list();

        expect(listed.map(card => card.entityRef)).toEqual(
          ['B', 'a-c', 'a.b', 'a_b', 'ab', 'alpha'].map(
            name => `dataproduct:default/${name}`,
          ),
        );
      });
    },
  );
});
