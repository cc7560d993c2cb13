import { mockServices, TestDatabaseId } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createStoreTestDatabases } from '@meshwork/test-utils';
import { dataProduct } from '../__testUtils__/dataProduct';
import { ExemptionStore } from '../store/ExemptionStore';
import { ScorecardStore } from '../store/ScorecardStore';
import { detectChanges } from './detectChanges';
import { LineageFindings } from './LineageFindings';
import { ProductScorecards } from './ProductScorecards';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const T0 = Date.parse('2026-11-24T00:00:00Z');
const ORDERS = 'dataproduct:default/orders';
const RETURNS = 'dataproduct:default/returns';

describe('detectChanges', () => {
  const databases = createStoreTestDatabases();

  /**
   * Stores with a day's grace period, and change detection over a catalog
   * of the products `names`, lineage measuring them unless `measured` is
   * false, its paged reads missing those not `listed`, at the times `clock`
   * gives (or always `now`); each pass answers the refs it read from the
   * catalog one by one.
   */
  async function setUp(databaseId: TestDatabaseId) {
    const db = await databases.init(databaseId);
    const exemptions = await ExemptionStore.create(db);
    const store = await ScorecardStore.create(db, {
      onRemove: (refs, now, tx) =>
        exemptions.revokeOfRemovedProducts(refs, now, tx),
      removalGracePeriodMs: DAY,
    });
    const auth = mockServices.auth();
    const logger = mockServices.logger.mock();
    const detect = async (
      names: string[],
      now: number | (() => number),
      { measured = true, listed = names } = {},
    ) => {
      const catalog = catalogServiceMock({
        entities: names.map(name => dataProduct(name)),
      });
      const queryEntities = catalog.queryEntities.bind(catalog);
      jest
        .spyOn(catalog, 'queryEntities')
        .mockImplementation(async (request, options) => {
          const page = await queryEntities(request, options);
          return {
            ...page,
            items: page.items.filter(
              e => e.kind !== 'DataProduct' || listed.includes(e.metadata.name),
            ),
          };
        });
      const read: string[] = [];
      const getEntitiesByRefs = catalog.getEntitiesByRefs.bind(catalog);
      jest
        .spyOn(catalog, 'getEntitiesByRefs')
        .mockImplementation(async (request, options) => {
          read.push(...request.entityRefs);
          return getEntitiesByRefs(request, options);
        });
      // Lineage, another backend, answering with no findings.
      const lineage = {
        answering: true,
        of: async (refs: string[]) =>
          new Map(measured ? refs.map(ref => [ref, {}]) : []),
      } as unknown as LineageFindings;
      await detectChanges({
        scorecards: new ProductScorecards({
          catalog,
          auth,
          policies: [],
          exemptions,
          lineage,
          logger,
        }),
        store,
        logger,
        onDepartures: () => {},
        clock: typeof now === 'number' ? () => now : now,
      });
      return read;
    };
    return { store, exemptions, detect };
  }

  it.each(databases.eachSupportedId())(
    'reads a missing product by its ref when it goes missing and when its removal is due, not on every pass between, on %p',
    async databaseId => {
      const { store, detect } = await setUp(databaseId);
      await detect(['orders', 'returns'], T0);
      expect([...(await store.sourceHashes()).keys()].sort()).toEqual([
        ORDERS,
        RETURNS,
      ]);

      // A paged read that misses a product is confirmed by its ref.
      expect(await detect(['orders'], T0 + MINUTE)).toEqual([RETURNS]);
      expect(await store.departures()).toEqual(new Set([RETURNS]));
      // Its return would show in the list.
      expect(await detect(['orders'], T0 + 2 * MINUTE)).toEqual([]);
      expect(await detect(['orders'], T0 + HOUR)).toEqual([]);
      expect(await store.departures()).toEqual(new Set([RETURNS]));

      expect(await detect(['orders'], T0 + MINUTE + DAY)).toEqual([RETURNS]);
      expect([...(await store.sourceHashes()).keys()]).toEqual([ORDERS]);
      expect(await store.departures()).toEqual(new Set());
    },
  );

  it.each(databases.eachSupportedId())(
    'keeps a missing product never scored for its exemptions, and forgets it once they end, on %p',
    async databaseId => {
      const { store, exemptions, detect } = await setUp(databaseId);
      // Lineage never measured it: never scored.
      await detect(['returns'], T0, { measured: false });
      const granted = await exemptions.add(
        {
          entityRef: RETURNS,
          checkId: 'runbook-present',
          justification: 'Runbook being written',
          approver: 'user:default/fiona.walsh',
          expiresAt: T0 + 2 * HOUR,
        },
        'user:default/amelia.hughes',
        () => T0,
        T0,
      );
      expect(await store.sourceHashes()).toEqual(new Map());

      await detect([], T0 + MINUTE, { measured: false });
      expect(await store.departures()).toEqual(new Set([RETURNS]));
      await detect([], T0 + HOUR, { measured: false });
      expect(await store.departures()).toEqual(new Set([RETURNS]));
      expect((await exemptions.get(granted.id, T0 + HOUR))?.state).toBe(
        'active',
      );

      // Expired: nothing of it is left to keep, or to remove a day later.
      await detect([], T0 + 3 * HOUR, { measured: false });
      expect(await store.departures()).toEqual(new Set());
      expect((await exemptions.get(granted.id, T0 + 3 * HOUR))?.state).toBe(
        'expired',
      );
    },
  );

  it.each(databases.eachSupportedId())(
    'keeps a missing product not read by its ref, as still within the grace period when the pass began, though due by when it saves, on %p',
    async databaseId => {
      const { store, detect } = await setUp(databaseId);
      await detect(['orders', 'returns'], T0);
      expect(await detect(['orders'], T0 + SECOND)).toEqual([RETURNS]);

      // Back in the catalog, but a paged read misses it, on a pass that
      // begins a millisecond before its removal is due and saves after.
      const times = [T0 + SECOND + DAY - 1, T0 + SECOND + DAY + 500];
      const clock = () => times.shift() ?? T0 + SECOND + DAY + 500;
      expect(
        await detect(['orders', 'returns'], clock, { listed: ['orders'] }),
      ).toEqual([]);
      expect([...(await store.sourceHashes()).keys()].sort()).toEqual([
        ORDERS,
        RETURNS,
      ]);
      expect(await store.departures()).toEqual(new Set([RETURNS]));

      // The next pass reads it by its ref, now its removal is due: present.
      expect(
        await detect(['orders', 'returns'], T0 + SECOND + DAY + SECOND, {
          listed: ['orders'],
        }),
      ).toEqual([RETURNS]);
      expect([...(await store.sourceHashes()).keys()].sort()).toEqual([
        ORDERS,
        RETURNS,
      ]);
      expect(await store.departures()).toEqual(new Set());
    },
  );
});
