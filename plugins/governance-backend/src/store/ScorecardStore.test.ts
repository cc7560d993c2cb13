import { createStoreTestDatabases } from '@meshwork/test-utils';
import { ScorecardStore, StoredScorecard } from './ScorecardStore';

const HOUR = 60 * 60 * 1000;
const T0 = Date.parse('2026-11-24T00:00:00Z');

const card = (
  name: string,
  score: number,
  level: StoredScorecard['level'],
): StoredScorecard => ({
  entityRef: `dataproduct:default/${name}`,
  domain: 'domain:default/checkout',
  owner: 'group:default/checkout-data',
  score,
  level,
  checks:
    score < 100
      ? [
          {
            id: 'runbook-present',
            title: 'Runbook present',
            category: 'reliability',
            severity: 'warning',
            status: 'fail',
            message: 'No runbook.',
            remediation: 'Add spec.support.runbook.',
          },
        ]
      : [],
  evaluatedAt: new Date(T0).toISOString(),
});

describe('ScorecardStore', () => {
  const databases = createStoreTestDatabases();

  it.each(databases.eachSupportedId())(
    'keeps the latest scorecards, and history when they change or hourly, on %p',
    async databaseId => {
      const store = await ScorecardStore.create(
        await databases.init(databaseId),
      );
      await store.replaceAll(
        [card('orders', 90, 'bronze'), card('carts', 100, 'gold')],
        T0,
      );
      // Unchanged ten minutes later: no new points.
      await store.replaceAll(
        [card('orders', 90, 'bronze'), card('carts', 100, 'gold')],
        T0 + HOUR / 6,
      );
      // Orders fixed; carts gone from the catalog.
      await store.replaceAll([card('orders', 100, 'gold')], T0 + HOUR / 3);
      // Unchanged, but an hour after its last point.
      await store.replaceAll([card('orders', 100, 'gold')], T0 + HOUR * 1.5);

      expect(await store.list()).toEqual([
        expect.objectContaining({
          entityRef: 'dataproduct:default/orders',
          score: 100,
          level: 'gold',
          failing: 0,
          evaluatedAt: new Date(T0 + HOUR * 1.5).toISOString(),
        }),
      ]);
      expect(await store.get('dataproduct:default/carts')).toBeUndefined();
      expect(
        (
          await store.history('dataproduct:default/orders', T0, T0 + 2 * HOUR)
        ).map(point => [point.score, point.level]),
      ).toEqual([
        [90, 'bronze'],
        [100, 'gold'],
        [100, 'gold'],
      ]);
      expect(
        (await store.trend(T0, T0 + 2 * HOUR)).map(point => [
          point.averageScore,
          point.products,
          point.levels.gold,
        ]),
      ).toEqual([
        [95, 2, 1],
        [100, 1, 1],
        [100, 1, 1],
      ]);
      expect(await store.list({ level: 'bronze' })).toEqual([]);
      expect((await store.get('dataproduct:default/orders'))?.checks).toEqual(
        [],
      );
    },
  );
});
