import { bucketTrend } from '@meshwork/plugin-governance-common';
import {
  createStoreTestDatabases,
  POSTGRES_TEST_DATABASE_ID,
} from '@meshwork/test-utils';
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
  sourceHash: `${name}-${score}`,
});

describe('ScorecardStore', () => {
  const databases = createStoreTestDatabases();

  it.each(databases.eachSupportedId())(
    "keeps a scorecard's problems until a later one has none, on %p",
    async databaseId => {
      const store = await ScorecardStore.create(
        await databases.init(databaseId),
      );
      const problems = [
        'domain checkout: meshwork.dev/governance-checks: unknown check "runbok-present"',
      ];
      await store.save([{ ...card('orders', 90, 'bronze'), problems }], T0);
      expect((await store.get('dataproduct:default/orders'))?.problems).toEqual(
        problems,
      );
      expect((await store.all())[0].problems).toEqual(problems);
      expect((await store.list())[0].problems).toEqual(problems);

      await store.save([card('orders', 90, 'bronze')], T0 + HOUR);
      expect(await store.get('dataproduct:default/orders')).not.toHaveProperty(
        'problems',
      );
      expect((await store.list())[0]).not.toHaveProperty('problems');
    },
  );

  it.each(databases.eachSupportedId())(
    'keeps the scorecards a full pass could not score, removing only those gone, on %p',
    async databaseId => {
      const store = await ScorecardStore.create(
        await databases.init(databaseId),
      );
      await store.save(
        [
          card('orders', 90, 'bronze'),
          card('returns', 50, 'none'),
          card('carts', 70, 'bronze'),
        ],
        T0,
        { complete: true },
      );
      // Returns had no findings to score with (lineage down); carts is gone.
      await store.save([card('orders', 100, 'gold')], T0 + HOUR, {
        complete: true,
        keep: ['dataproduct:default/returns'],
      });
      expect((await store.list()).map(c => [c.entityRef, c.score])).toEqual([
        ['dataproduct:default/orders', 100],
        ['dataproduct:default/returns', 50],
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'keeps scorecards evaluated while a slower full pass ran, on %p',
    async databaseId => {
      const store = await ScorecardStore.create(
        await databases.init(databaseId),
      );
      await store.save(
        [card('orders', 90, 'bronze'), card('returns', 50, 'none')],
        T0,
        { complete: true },
      );
      // While a full pass that started at T0 + 1 hour runs: orders is
      // exempted and scored again, and carts is registered and scored.
      await store.save(
        [card('orders', 100, 'gold'), card('carts', 100, 'gold')],
        T0 + HOUR + 60_000,
      );
      await store.save(
        [card('orders', 90, 'bronze'), card('returns', 80, 'silver')],
        T0 + HOUR,
        { complete: true },
      );

      expect(
        (await store.list()).map(c => [c.entityRef, c.score, c.evaluatedAt]),
      ).toEqual([
        [
          'dataproduct:default/carts',
          100,
          new Date(T0 + HOUR + 60_000).toISOString(),
        ],
        [
          'dataproduct:default/orders',
          100,
          new Date(T0 + HOUR + 60_000).toISOString(),
        ],
        ['dataproduct:default/returns', 80, new Date(T0 + HOUR).toISOString()],
      ]);
      // The mesh's latest point is the mesh as it is: (100 + 100 + 80) / 3.
      const trend = await store.trend(T0, T0 + 2 * HOUR);
      expect(trend.map(p => [p.evaluatedAt, p.averageScore])).toEqual([
        [new Date(T0).toISOString(), 70],
        [new Date(T0 + HOUR + 60_000).toISOString(), 93],
      ]);
      // A window opening after an evaluation starts with the one in force.
      expect(
        (await store.trend(T0 + HOUR, T0 + 2 * HOUR)).map(p => p.evaluatedAt),
      ).toEqual([
        new Date(T0).toISOString(),
        new Date(T0 + HOUR + 60_000).toISOString(),
      ]);
      expect(
        (
          await store.history('dataproduct:default/orders', T0, T0 + 2 * HOUR)
        ).map(point => [point.evaluatedAt, point.score]),
      ).toEqual([
        [new Date(T0).toISOString(), 90],
        [new Date(T0 + HOUR + 60_000).toISOString(), 100],
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'keeps the latest scorecards, and history when they change or hourly, on %p',
    async databaseId => {
      const store = await ScorecardStore.create(
        await databases.init(databaseId),
      );
      const all = { complete: true };
      await store.save(
        [card('orders', 90, 'bronze'), card('carts', 100, 'gold')],
        T0,
        all,
      );
      // Unchanged ten minutes later, but for a message that says how long
      // ago something was: no new points.
      const reworded = card('orders', 90, 'bronze');
      reworded.checks[0].message = 'Still no runbook, ten minutes on.';
      await store.save(
        [reworded, card('carts', 100, 'gold')],
        T0 + HOUR / 6,
        all,
      );
      // Orders fixed; carts gone from the catalog.
      await store.save([card('orders', 100, 'gold')], T0 + HOUR / 3, all);
      // Unchanged, but an hour after its last point.
      await store.save([card('orders', 100, 'gold')], T0 + HOUR * 1.5, all);

      expect(await store.list()).toEqual([
        {
          entityRef: 'dataproduct:default/orders',
          domain: 'domain:default/checkout',
          owner: 'group:default/checkout-data',
          score: 100,
          level: 'gold',
          failing: 0,
          evaluatedAt: new Date(T0 + HOUR * 1.5).toISOString(),
        },
      ]);
      expect(await store.get('dataproduct:default/carts')).toBeUndefined();
      expect(
        await store.history('dataproduct:default/orders', T0, T0 + 2 * HOUR),
      ).toEqual([
        {
          evaluatedAt: new Date(T0).toISOString(),
          score: 90,
          level: 'bronze',
          failing: 1,
        },
        {
          evaluatedAt: new Date(T0 + HOUR / 3).toISOString(),
          score: 100,
          level: 'gold',
          failing: 0,
        },
        {
          evaluatedAt: new Date(T0 + HOUR * 1.5).toISOString(),
          score: 100,
          level: 'gold',
          failing: 0,
        },
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
      await store.save(
        [
          card('orders', 100, 'gold'),
          {
            ...card('shipments', 70, 'silver'),
            domain: 'domain:default/logistics',
            owner: 'group:default/logistics-data',
          },
        ],
        T0 + HOUR * 2,
        all,
      );
      const refs = async (filter: Parameters<ScorecardStore['list']>[0]) =>
        (await store.list(filter)).map(c => c.entityRef);
      expect(await refs({ domain: 'domain:default/logistics' })).toEqual([
        'dataproduct:default/shipments',
      ]);
      expect(await refs({ owner: 'group:default/checkout-data' })).toEqual([
        'dataproduct:default/orders',
      ]);
      expect(
        await refs({
          domain: 'domain:default/checkout',
          owner: 'group:default/logistics-data',
        }),
      ).toEqual([]);
      expect((await store.get('dataproduct:default/orders'))?.checks).toEqual(
        [],
      );
    },
  );

  // SQLite writes one transaction at a time: only Postgres could interleave.
  // The linter does not see a test chosen at run time as one.
  /* eslint-disable jest/no-standalone-expect */
  (databases.supports(POSTGRES_TEST_DATABASE_ID) ? it : it.skip)(
    'keeps a product removed while a pass that read the catalog before is saving, on Postgres',
    async () => {
      let removalSaved: Promise<unknown> | undefined;
      const store: ScorecardStore = await ScorecardStore.create(
        await databases.init(POSTGRES_TEST_DATABASE_ID),
        {
          // The slow pass, having read the removals, lets change detection
          // save a removal before it writes (waiting a second at most, as a
          // removal taken in turn waits for it).
          onRemove: async refs => {
            if (!refs.includes('dataproduct:default/stale')) return;
            removalSaved = store.save([], T0 + HOUR + 10_000, {
              remove: ['dataproduct:default/returns'],
            });
            await Promise.race([
              removalSaved,
              new Promise(resolve => setTimeout(resolve, 1000)),
            ]);
          },
        },
      );
      await store.save(
        [card('orders', 100, 'gold'), card('returns', 80, 'silver')],
        T0,
      );
      await store.save([card('stale', 50, 'bronze')], T0);
      await store.save(
        [card('orders', 100, 'gold'), card('returns', 80, 'silver')],
        T0 + HOUR,
        { complete: true },
      );
      await removalSaved;
      expect((await store.list()).map(c => c.entityRef)).toEqual([
        'dataproduct:default/orders',
      ]);
    },
  );
  /* eslint-enable jest/no-standalone-expect */

  it.each(databases.eachSupportedId())(
    'forgets removals a day old on a full pass, on %p',
    async databaseId => {
      const db = await databases.init(databaseId);
      const store = await ScorecardStore.create(db);
      await store.save(
        [card('orders', 100, 'gold'), card('returns', 80, 'silver')],
        T0,
      );
      await store.save([], T0 + HOUR, {
        remove: ['dataproduct:default/returns'],
      });
      await store.save([card('orders', 100, 'gold')], T0 + 24 * HOUR, {
        complete: true,
      });
      expect(await db('governance_removals').pluck('entity_ref')).toEqual([
        'dataproduct:default/returns',
      ]);
      await store.save([card('orders', 100, 'gold')], T0 + 25 * HOUR + 1, {
        complete: true,
      });
      expect(await db('governance_removals').pluck('entity_ref')).toEqual([]);
    },
  );

  it.each(databases.eachSupportedId())(
    'keeps a product removed while a slower pass ran removed, until it is scored after the removal, on %p',
    async databaseId => {
      const removed: Array<[string[], number]> = [];
      const store = await ScorecardStore.create(
        await databases.init(databaseId),
        {
          onRemove: async (refs, now) => {
            removed.push([refs, now]);
          },
        },
      );
      await store.save(
        [card('orders', 100, 'gold'), card('returns', 80, 'silver')],
        T0,
        { complete: true },
      );
      // A full pass reads the catalog at T0 + 1 hour; before it saves,
      // change detection removes returns, gone from the catalog since.
      await store.save([], T0 + HOUR + 10_000, {
        remove: ['dataproduct:default/returns'],
      });
      await store.save(
        [card('orders', 100, 'gold'), card('returns', 80, 'silver')],
        T0 + HOUR,
        { complete: true },
      );
      // As does a product scored again for its exemptions just before.
      await store.save([card('returns', 80, 'silver')], T0 + HOUR + 5_000);
      expect((await store.list()).map(c => c.entityRef)).toEqual([
        'dataproduct:default/orders',
      ]);
      // Its history went with it, and the stale passes added none.
      expect(
        await store.history('dataproduct:default/returns', T0, T0 + 2 * HOUR),
      ).toEqual([]);
      // The point of the removal stands.
      expect(
        (await store.trend(T0, T0 + 2 * HOUR)).map(p => [
          p.evaluatedAt,
          p.averageScore,
          p.products,
        ]),
      ).toEqual([
        [new Date(T0).toISOString(), 90, 2],
        [new Date(T0 + HOUR + 10_000).toISOString(), 100, 1],
      ]);
      // Registered again and scored after its removal, it is back.
      await store.save([card('returns', 60, 'bronze')], T0 + 2 * HOUR);
      expect((await store.list()).map(c => [c.entityRef, c.score])).toEqual([
        ['dataproduct:default/orders', 100],
        ['dataproduct:default/returns', 60],
      ]);
      // Removed again by a full pass, and neither pass stale: gone, then back.
      await store.save([card('orders', 100, 'gold')], T0 + 3 * HOUR, {
        complete: true,
      });
      await store.save(
        [card('orders', 100, 'gold'), card('returns', 60, 'bronze')],
        T0 + 4 * HOUR,
        { complete: true },
      );
      expect((await store.list()).map(c => c.entityRef)).toEqual([
        'dataproduct:default/orders',
        'dataproduct:default/returns',
      ]);
      expect(removed).toEqual([
        [['dataproduct:default/returns'], T0 + HOUR + 10_000],
        [['dataproduct:default/returns'], T0 + 3 * HOUR],
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    "starts a product's history anew once it left the catalog, keeping the mesh's trend, on %p",
    async databaseId => {
      const store = await ScorecardStore.create(
        await databases.init(databaseId),
      );
      const pointsOf = async (name: string) =>
        (
          await store.history(`dataproduct:default/${name}`, T0, T0 + 9 * HOUR)
        ).map(point => [point.evaluatedAt, point.score]);
      await store.save(
        [card('orders', 60, 'bronze'), card('carts', 100, 'gold')],
        T0,
        { complete: true },
      );
      await store.save([card('orders', 70, 'bronze')], T0 + HOUR);
      // Removed by change detection, then by a full pass.
      await store.save([], T0 + 2 * HOUR, {
        remove: ['dataproduct:default/orders'],
      });
      await store.save([], T0 + 3 * HOUR, { complete: true });
      expect(await pointsOf('orders')).toEqual([]);
      expect(await pointsOf('carts')).toEqual([]);

      // Products of those names registered later have only their own.
      await store.save(
        [card('orders', 90, 'bronze'), card('carts', 80, 'silver')],
        T0 + 4 * HOUR,
        { complete: true },
      );
      expect(await pointsOf('orders')).toEqual([
        [new Date(T0 + 4 * HOUR).toISOString(), 90],
      ]);
      expect(await pointsOf('carts')).toEqual([
        [new Date(T0 + 4 * HOUR).toISOString(), 80],
      ]);
      // The mesh's past is the mesh's, whatever left it.
      expect(
        (await store.trend(T0, T0 + 9 * HOUR)).map(p => [
          p.evaluatedAt,
          p.averageScore,
          p.products,
        ]),
      ).toEqual([
        [new Date(T0).toISOString(), 80, 2],
        [new Date(T0 + HOUR).toISOString(), 85, 2],
        [new Date(T0 + 2 * HOUR).toISOString(), 100, 1],
        [new Date(T0 + 3 * HOUR).toISOString(), 0, 0],
        [new Date(T0 + 4 * HOUR).toISOString(), 85, 2],
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'counts a grace period from the first read that found a product missing, whatever order passes save in, on %p',
    async databaseId => {
      const removed: string[][] = [];
      const store = await ScorecardStore.create(
        await databases.init(databaseId),
        {
          onRemove: async refs => {
            removed.push(refs);
          },
          removalGracePeriodMs: 24 * HOUR,
        },
      );
      const returns = 'dataproduct:default/returns';
      await store.save([card('returns', 80, 'silver')], T0);
      // Missing as read at T0 + 1 h; a slower pass that read it present
      // before then saves after: the product stays missing since T0 + 1 h.
      await store.save([], T0 + HOUR, { remove: [returns] });
      await store.save([card('returns', 80, 'silver')], T0 + HOUR - 1);
      expect(await store.departures()).toEqual(new Set([returns]));
      // A pass that read it missing later does not restart the period.
      await store.save([], T0 + 2 * HOUR, { remove: [returns] });
      await store.save([], T0 + 25 * HOUR - 1, { remove: [returns] });
      expect(removed).toEqual([]);
      expect(await store.list()).toEqual([]);
      expect(await store.sourceHashes()).toEqual(
        new Map([[returns, 'returns-80']]),
      );
      expect(
        await store.save([], T0 + 25 * HOUR, { remove: [returns] }),
      ).toEqual({ missing: [], removed: [returns] });
      expect(removed).toEqual([[returns]]);
      expect(await store.sourceHashes()).toEqual(new Map());
    },
  );

  it.each(databases.eachSupportedId())(
    'answers no history for a missing product, its scorecard hidden, and its history again once it is back, on %p',
    async databaseId => {
      const store = await ScorecardStore.create(
        await databases.init(databaseId),
        { removalGracePeriodMs: 24 * HOUR },
      );
      const returns = 'dataproduct:default/returns';
      await store.save([card('returns', 80, 'silver')], T0);
      const history = await store.history(returns, T0, T0 + HOUR);
      expect(history.map(point => point.score)).toEqual([80]);

      await store.save([], T0 + HOUR, { remove: [returns] });
      expect(await store.get(returns)).toBeUndefined();
      expect(await store.history(returns, T0, T0 + HOUR)).toEqual([]);

      await store.save([], T0 + 2 * HOUR, { present: [returns] });
      expect(await store.get(returns)).toBeDefined();
      expect(await store.history(returns, T0, T0 + HOUR)).toEqual(history);
    },
  );

  it.each(databases.eachSupportedId())(
    'forgets a settled departure, unless the product was scored since, on %p',
    async databaseId => {
      const store = await ScorecardStore.create(
        await databases.init(databaseId),
        { removalGracePeriodMs: 24 * HOUR },
      );
      const [orders, returns] = [
        'dataproduct:default/orders',
        'dataproduct:default/returns',
      ];
      // Never scored, missing for its exemptions: see detectChanges.
      await store.save([], T0, { remove: [orders, returns] });
      await store.save([card('returns', 80, 'silver')], T0 - 1);
      expect(await store.departures()).toEqual(new Set([orders, returns]));

      // A slower pass scored it, as read before it went missing: it has a
      // scorecard to keep.
      await store.save([], T0 + HOUR, { settled: [orders, returns] });
      expect(await store.departures()).toEqual(new Set([returns]));
      expect(await store.sourceHashes()).toEqual(
        new Map([[returns, 'returns-80']]),
      );
    },
  );

  it.each(databases.eachSupportedId())(
    'removes a missing product at once without a grace period, as missing for none, on %p',
    async databaseId => {
      const store = await ScorecardStore.create(
        await databases.init(databaseId),
      );
      await store.save([card('returns', 80, 'silver')], T0);
      expect(
        await store.save([], T0 + HOUR, {
          remove: ['dataproduct:default/returns'],
        }),
      ).toEqual({ missing: [], removed: ['dataproduct:default/returns'] });
      expect(await store.departures()).toEqual(new Set());
    },
  );

  it.each(databases.eachSupportedId())(
    'updates some products and removes others, keeping their fingerprints, on %p',
    async databaseId => {
      const store = await ScorecardStore.create(
        await databases.init(databaseId),
      );
      await store.save(
        [
          card('orders', 90, 'bronze'),
          card('carts', 100, 'gold'),
          card('returns', 100, 'gold'),
        ],
        T0,
        { complete: true },
      );
      // A partial save leaves the products it does not name.
      await store.save([card('orders', 100, 'gold')], T0 + 60_000, {
        remove: ['dataproduct:default/carts'],
      });
      expect(await store.sourceHashes()).toEqual(
        new Map([
          ['dataproduct:default/orders', 'orders-100'],
          ['dataproduct:default/returns', 'returns-100'],
        ]),
      );
      expect((await store.list()).map(c => [c.entityRef, c.level])).toEqual([
        ['dataproduct:default/orders', 'gold'],
        ['dataproduct:default/returns', 'gold'],
      ]);
      const trend = await store.trend(T0, T0 + HOUR);
      expect(trend[trend.length - 1]).toMatchObject({
        averageScore: 100,
        products: 2,
        levels: { none: 0, bronze: 0, silver: 0, gold: 2 },
      });
    },
  );

  it.each(databases.eachSupportedId())(
    'adds no trend point for a pass before any product was scored, on %p',
    async databaseId => {
      const db = await databases.init(databaseId);
      const store = await ScorecardStore.create(db);
      // The first pass at start-up, before the catalog has read anything.
      await store.save([], T0, { complete: true });
      expect(await db('governance_trend')).toEqual([]);
      expect(await store.trend(T0 - HOUR, T0 + HOUR)).toEqual([]);
    },
  );

  it.each(databases.eachSupportedId())(
    'ends the trend with one point of no products when every product is removed, on %p',
    async databaseId => {
      const db = await databases.init(databaseId);
      const store = await ScorecardStore.create(db);
      await store.save(
        [card('orders', 100, 'gold'), card('returns', 80, 'silver')],
        T0,
        { complete: true },
      );
      await store.save([], T0 + HOUR / 2, {
        remove: ['dataproduct:default/orders', 'dataproduct:default/returns'],
      });
      // Passes of the empty mesh after it, hourly too, store no more.
      await store.save([], T0 + HOUR, { complete: true });
      await store.save([], T0 + 3 * HOUR, { complete: true });
      const pointsOf = async (from: number, to: number) =>
        (await store.trend(from, to)).map(point => [
          point.evaluatedAt,
          point.products,
        ]);
      expect(await pointsOf(T0 - HOUR, T0 + 4 * HOUR)).toEqual([
        [new Date(T0).toISOString(), 2],
        [new Date(T0 + HOUR / 2).toISOString(), 0],
      ]);
      // A window opening later finds the mesh empty, not the score before.
      expect(await pointsOf(T0 + 2 * HOUR, T0 + 4 * HOUR)).toEqual([
        [new Date(T0 + HOUR / 2).toISOString(), 0],
      ]);
      await store.save([card('orders', 90, 'bronze')], T0 + 4 * HOUR, {
        complete: true,
      });
      expect(await pointsOf(T0 + 2 * HOUR, T0 + 5 * HOUR)).toEqual([
        [new Date(T0 + HOUR / 2).toISOString(), 0],
        [new Date(T0 + 4 * HOUR).toISOString(), 1],
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'ends the trend saying the mesh is empty when every product leaves exactly at midnight, on %p',
    async databaseId => {
      const store = await ScorecardStore.create(
        await databases.init(databaseId),
      );
      await store.save([card('orders', 100, 'gold')], T0 - HOUR / 2, {
        complete: true,
      });
      // T0 is midnight: the mesh is empty from the first instant of a day.
      await store.save([], T0, { complete: true });
      const from = T0 - 2 * HOUR;
      const to = T0 + 2 * HOUR;
      for (const by of ['day', 'hour'] as const) {
        const points = bucketTrend(await store.trend(from, to), by, to, from);
        expect(points[points.length - 1]).toMatchObject({
          averageScore: 100,
          products: 0,
          evaluatedAt: new Date(T0).toISOString(),
        });
      }
    },
  );
});
