import { parseOpenLineageEvent } from '@meshwork/plugin-lineage-common';
import { DataProductEntityV1alpha1 } from '@meshwork/plugin-data-products-common';
import { createStoreTestDatabases } from '@meshwork/test-utils';
import { OpenLineageEventStore } from '../../store/OpenLineageEventStore';
import { ProductMeasurements } from '../../store/ProductMeasurements';
import { ProductLineageService } from './ProductLineageService';

const NS = 'postgres://warehouse:5432';

const orders: DataProductEntityV1alpha1 = {
  apiVersion: 'meshwork.dev/v1alpha1',
  kind: 'DataProduct',
  metadata: { name: 'orders', namespace: 'default' },
  spec: {
    domain: 'sales',
    owner: 'group:default/sales',
    lifecycle: 'production',
    type: 'aggregate',
    tier: 1,
    version: '1.0.0',
    outputPorts: [
      {
        name: 'orders',
        type: 'table',
        dataset: { namespace: NS, name: 'mart.orders' },
      },
    ],
    slos: { freshness: { maxDelay: '1h' } },
  },
};

function writeOfOrders(time: number) {
  const result = parseOpenLineageEvent({
    eventType: 'COMPLETE',
    eventTime: new Date(time).toISOString(),
    producer: 'https://example.com/test',
    run: { runId: '01936893-9751-7a91-a2a0-000000000001' },
    job: { namespace: 'etl', name: 'orders_daily' },
    outputs: [{ namespace: NS, name: 'mart.orders' }],
  });
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result;
}

describe('ProductLineageService', () => {
  const databases = createStoreTestDatabases();

  it.each(databases.eachSupportedId())(
    'measures every product once per half minute, however many ask, and again after a failure, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const store = await OpenLineageEventStore.create(knex);
      let now = Date.parse('2026-12-01T12:00:00Z');
      let loads = 0;
      let catalogDown = false;
      const service = new ProductLineageService({
        loadProducts: async () => {
          loads += 1;
          if (catalogDown) throw new Error('catalog down');
          return [orders];
        },
        measurements: new ProductMeasurements(knex),
        now: () => now,
      });
      const observed = async () =>
        (await service.slos())[0].outputPorts[0].observed;

      const [slos, statuses] = await Promise.all([
        service.slos(),
        service.sloStatuses(),
      ]);
      expect(loads).toBe(1);
      expect(slos[0].outputPorts[0].observed).toBe(false);
      expect(statuses).toEqual([
        expect.objectContaining({
          entityRef: 'dataproduct:default/orders',
          status: 'unknown',
        }),
      ]);

      await store.ingest([writeOfOrders(now - 60_000)]);
      now += 29_000;
      expect(await observed()).toBe(false);
      expect(loads).toBe(1);
      now += 2_000;
      expect(await observed()).toBe(true);
      expect(loads).toBe(2);

      now += 31_000;
      catalogDown = true;
      await expect(service.slos()).rejects.toThrow('catalog down');
      catalogDown = false;
      expect(await observed()).toBe(true);
      expect(loads).toBe(4);
    },
  );
});
