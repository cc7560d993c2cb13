import { mockServices, TestDatabaseId } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createStoreTestDatabases } from '@meshwork/test-utils';
import { ExemptionStore } from '../store/ExemptionStore';
import { ScorecardStore } from '../store/ScorecardStore';
import { detectChanges } from './detectChanges';
import { LineageFindings } from './LineageFindings';
import { ProductScorecards } from './ProductScorecards';

const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const T0 = Date.parse('2026-11-24T00:00:00Z');
const ORDERS = 'dataproduct:default/orders';
const RETURNS = 'dataproduct:default/returns';

const product = (name: string) => ({
  apiVersion: 'meshwork.dev/v1alpha1',
  kind: 'DataProduct',
  metadata: { namespace: 'default', name, etag: `etag-${name}` },
  spec: {
    domain: 'checkout',
    owner: 'group:checkout-data',
    lifecycle: 'production',
    type: 'aggregate',
    outputPorts: [],
  },
});

describe('detectChanges', () => {
  const databases = createStoreTestDatabases();

  /**
   * Stores with a day's grace period, and change detection over a catalog
   * of `products`, lineage measuring them unless `measured` is false; each
   * pass answers the refs it read from the catalog one by one.
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
    const detect = async (names: string[], now: number, measured = true) => {
      const catalog = catalogServiceMock({ entities: names.map(product) });
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
        clock: () => now,
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
      await detect(['returns'], T0, false);
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

      await detect([], T0 + MINUTE, false);
      expect(await store.departures()).toEqual(new Set([RETURNS]));
      await detect([], T0 + HOUR, false);
      expect(await store.departures()).toEqual(new Set([RETURNS]));
      expect((await exemptions.get(granted.id, T0 + HOUR))?.state).toBe(
        'active',
      );

      // Expired: nothing of it is left to keep, or to remove a day later.
      await detect([], T0 + 3 * HOUR, false);
      expect(await store.departures()).toEqual(new Set());
      expect((await exemptions.get(granted.id, T0 + 3 * HOUR))?.state).toBe(
        'expired',
      );
    },
  );
});
