import { mockServices } from '@backstage/backend-test-utils';
import type { Knex } from 'knex';
import type { DataProductEntityV1alpha1 } from '@meshwork/plugin-data-products-common';
import { createStoreTestDatabases } from '@meshwork/test-utils';
import {
  airflowParentFacet,
  dataProduct,
  namingJobs,
  PRODUCT_NAMESPACE,
} from '../../__testUtils__/dataProduct';
import { OpenLineageEventStore } from '../../store/OpenLineageEventStore';
import { CountedMeasurements } from '../../__testUtils__/CountedMeasurements';
import { ProductLineageService } from './ProductLineageService';
import { validEvent } from '../../__testUtils__/validEvent';

const NS = PRODUCT_NAMESPACE;

const product = (name: string) =>
  dataProduct(name, { slos: { freshness: { maxDelay: '1h' } } });

function writeOf(
  name: string,
  time: number,
  eventType = 'COMPLETE',
  runId = '01936893-9751-7a91-a2a0-000000000001',
) {
  return validEvent({
    eventType,
    eventTime: new Date(time).toISOString(),
    producer: 'https://example.com/test',
    run: { runId },
    job: { namespace: 'etl', name: `${name}_daily` },
    outputs: [{ namespace: NS, name: `mart.${name}` }],
  });
}

/** A Flink job whose `jobType` facet says how it processes. */
function flinkJob(
  name: string,
  processingType: 'STREAMING' | 'SERVICE' | 'BATCH',
) {
  return {
    namespace: 'flink',
    name,
    facets: {
      jobType: {
        _producer: 'https://example.com/test',
        _schemaURL:
          'https://openlineage.io/spec/facets/2-0-3/JobTypeJobFacet.json',
        processingType,
        integration: 'FLINK',
        jobType: 'JOB',
      },
    },
  };
}

/** The measured SLOs of `products` at `now`, over what `knex` holds. */
function slosOf(
  knex: Knex,
  products: DataProductEntityV1alpha1[],
  now: number,
) {
  return new ProductLineageService({
    loadProducts: async () => products,
    measurements: new CountedMeasurements(knex),
    now: () => now,
  }).slos();
}

/** An ODCS contract `orders` of one schema object, `orders`, of `properties`. */
const ordersContract = (properties: object[]) => ({
  apiVersion: 'v3.0.2',
  kind: 'DataContract',
  id: 'orders',
  version: '1.0.0',
  status: 'active',
  schema: [{ name: 'orders', properties }],
});

describe('ProductLineageService', () => {
  const databases = createStoreTestDatabases();

  it.each(databases.eachSupportedId())(
    'breaches freshness of a port every run of which failed, once its delay has passed since the first, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const store = await OpenLineageEventStore.create(knex);
      const seen = Date.parse('2026-12-01T09:00:00Z');
      let now = seen + 30 * 60_000;
      // Started hours before it failed: late from the failure, not the start.
      const started = seen - 4 * 3_600_000;
      await store.ingest([writeOf('orders', started, 'START')], started);
      await store.ingest([writeOf('orders', seen, 'FAIL')], seen);
      const freshness = async () => {
        const service = new ProductLineageService({
          loadProducts: async () => [product('orders')],
          measurements: new CountedMeasurements(knex),
          now: () => now,
        });
        const [slo] = await service.slos();
        return slo.outputPorts[0].freshness;
      };
      expect(await freshness()).toMatchObject({ status: 'unknown' });
      now = seen + 2 * 3_600_000;
      // Only read, or only started: nothing to blame yet.
      const read = validEvent({
        eventType: 'COMPLETE',
        eventTime: new Date(seen).toISOString(),
        producer: 'https://example.com/test',
        run: { runId: '01936893-9751-7a91-a2a0-000000000003' },
        job: { namespace: 'etl', name: 'reader' },
        inputs: [{ namespace: NS, name: 'mart.customers' }],
      });
      const customersStarted = validEvent({
        eventType: 'START',
        eventTime: new Date(seen).toISOString(),
        producer: 'https://example.com/test',
        run: { runId: '01936893-9751-7a91-a2a0-000000000004' },
        job: { namespace: 'etl', name: 'customers_daily' },
        outputs: [{ namespace: NS, name: 'mart.customers' }],
      });
      await store.ingest([read, customersStarted], seen);
      const [, customers] = await new ProductLineageService({
        loadProducts: async () => [product('orders'), product('customers')],
        measurements: new CountedMeasurements(knex),
        now: () => now,
      }).slos();
      expect(customers.outputPorts[0].freshness).toMatchObject({
        status: 'unknown',
      });
      expect(await freshness()).toMatchObject({
        status: 'breached',
        firstFailedWrite: new Date(seen).toISOString(),
        attainment: 0.5,
      });
    },
  );

  it.each(databases.eachSupportedId())(
    'measures attainment of a port failing before its first write from the first failure, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const store = await OpenLineageEventStore.create(knex);
      const now = Date.parse('2026-12-01T12:00:00Z');
      const failed = now - 3 * 86_400_000;
      const written = now - 30 * 60_000;
      for (const [n, eventType, time] of [
        [1, 'FAIL', failed],
        [2, 'COMPLETE', written],
      ] as const) {
        await store.ingest(
          [
            validEvent({
              eventType,
              eventTime: new Date(time).toISOString(),
              producer: 'https://example.com/test',
              run: { runId: `01936893-9751-7a91-a2a0-00000000003${n}` },
              job: { namespace: 'etl', name: 'orders_daily' },
              outputs: [{ namespace: NS, name: 'mart.orders' }],
            }),
          ],
          time,
        );
      }
      const [orders] = await slosOf(knex, [product('orders')], now);
      // Fresh the hour after the failure and the half hour since the write.
      expect(orders.outputPorts[0].freshness).toMatchObject({
        status: 'met',
        attainment: Number((1.5 / 72).toFixed(4)),
      });
    },
  );

  it.each(databases.eachSupportedId())(
    'counts no run that dropped or truncated a port as writing it, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const store = await OpenLineageEventStore.create(knex);
      const now = Date.parse('2026-12-01T12:00:00Z');
      const written = now - 3 * 3_600_000;
      await store.ingest([writeOf('orders', written)], written);
      for (const [i, change] of ['DROP', 'TRUNCATE'].entries()) {
        const time = now - (20 - i) * 60_000;
        const emptied = validEvent({
          eventType: 'COMPLETE',
          eventTime: new Date(time).toISOString(),
          producer: 'https://example.com/test',
          run: { runId: `01936893-9751-7a91-a2a0-00000000002${i}` },
          job: { namespace: 'spark', name: `orders_${change.toLowerCase()}` },
          outputs: [
            {
              namespace: NS,
              name: 'mart.orders',
              facets: {
                lifecycleStateChange: {
                  _producer: 'https://example.com/test',
                  _schemaURL:
                    'https://openlineage.io/spec/facets/1-0-1/LifecycleStateChangeDatasetFacet.json',
                  lifecycleStateChange: change,
                },
              },
            },
          ],
        });
        await store.ingest([emptied], time);
      }
      const [orders] = await slosOf(knex, [product('orders')], now);
      expect(orders.outputPorts[0].freshness).toMatchObject({
        status: 'breached',
        lastSuccessfulWrite: new Date(written).toISOString(),
      });
    },
  );

  it.each(databases.eachSupportedId())(
    'counts a run that truncated a port and loaded rows into it as writing it, and one loading none not, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const store = await OpenLineageEventStore.create(knex);
      const now = Date.parse('2026-12-01T12:00:00Z');
      const written = now - 3 * 3_600_000;
      await store.ingest([writeOf('orders', written)], written);
      /** A truncate-and-load run `minutesAgo`, with the rows it counted. */
      const truncateAndLoad = (n: number, minutesAgo: number, rows: number) => {
        const time = now - minutesAgo * 60_000;
        return validEvent({
          eventType: 'COMPLETE',
          eventTime: new Date(time).toISOString(),
          producer: 'https://example.com/test',
          run: { runId: `01936893-9751-7a91-a2a0-00000000004${n}` },
          job: { namespace: 'etl', name: 'orders_reload' },
          outputs: [
            {
              namespace: NS,
              name: 'mart.orders',
              facets: {
                lifecycleStateChange: {
                  _producer: 'https://example.com/test',
                  _schemaURL:
                    'https://openlineage.io/spec/facets/1-0-1/LifecycleStateChangeDatasetFacet.json',
                  lifecycleStateChange: 'TRUNCATE',
                },
              },
              outputFacets: {
                outputStatistics: {
                  _producer: 'https://example.com/test',
                  _schemaURL:
                    'https://openlineage.io/spec/facets/1-0-2/OutputStatisticsOutputDatasetFacet.json',
                  rowCount: rows,
                },
              },
            },
          ],
        });
      };
      const empty = truncateAndLoad(1, 40, 0);
      await store.ingest([empty], now - 40 * 60_000);
      const [truncated] = await slosOf(knex, [product('orders')], now);
      expect(truncated.outputPorts[0].freshness).toMatchObject({
        status: 'breached',
        lastSuccessfulWrite: new Date(written).toISOString(),
      });
      const loaded = now - 20 * 60_000;
      await store.ingest([truncateAndLoad(2, 20, 120)], loaded);
      const [reloaded] = await slosOf(knex, [product('orders')], now);
      expect(reloaded.outputPorts[0].freshness).toMatchObject({
        status: 'met',
        lastSuccessfulWrite: new Date(loaded).toISOString(),
      });
    },
  );

  it.each(databases.eachSupportedId())(
    'breaches freshness and volume of a port dropped after its last write, by a run or a dataset event, until a write makes it live again, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const store = await OpenLineageEventStore.create(knex);
      const now = Date.parse('2026-12-01T12:00:00Z');
      const HOUR = 3_600_000;
      const orders = dataProduct('orders', {
        slos: {
          freshness: { maxDelay: '1d' },
          volume: { minRatio: 0.5, maxRatio: 2 },
        },
      });
      const facet = (schema: string, fields: object) => ({
        _producer: 'https://example.com/test',
        _schemaURL: `https://openlineage.io/spec/facets/${schema}`,
        ...fields,
      });
      const dropFacet = {
        lifecycleStateChange: facet(
          '1-0-1/LifecycleStateChangeDatasetFacet.json',
          { lifecycleStateChange: 'DROP' },
        ),
      };
      let runs = 0;
      /** A run of etl/<job> writing mart.orders, at `hoursAgo`. */
      const run = (
        job: string,
        hoursAgo: number,
        eventTypes: string[],
        output: object,
      ) => {
        const runId = `01936893-9751-7a91-a2a0-${String(++runs).padStart(
          12,
          '0',
        )}`;
        const time = now - hoursAgo * HOUR;
        return eventTypes.map(eventType =>
          validEvent({
            eventType,
            eventTime: new Date(time).toISOString(),
            producer: 'https://example.com/test',
            run: { runId },
            job: { namespace: 'etl', name: job },
            outputs: [{ namespace: NS, name: 'mart.orders', ...output }],
          }),
        );
      };
      const loaded = {
        outputFacets: {
          outputStatistics: facet(
            '1-0-2/OutputStatisticsOutputDatasetFacet.json',
            { rowCount: 1000 },
          ),
        },
      };
      for (const hoursAgo of [72, 48, 24, 1]) {
        await store.ingest(run('orders_load', hoursAgo, ['COMPLETE'], loaded));
      }
      const dropped = now - HOUR / 6;
      await store.ingest(
        run('orders_drop', 1 / 6, ['START', 'COMPLETE'], { facets: dropFacet }),
      );
      const measure = async () => {
        const service = new ProductLineageService({
          loadProducts: async () => [orders],
          measurements: new CountedMeasurements(knex),
          now: () => now,
        });
        const [slo] = await service.slos();
        const [status] = await service.sloStatuses();
        return { port: slo.outputPorts[0], status: status.status };
      };
      const byRun = await measure();
      expect(byRun.port.freshness).toMatchObject({
        status: 'breached',
        lastSuccessfulWrite: new Date(now - HOUR).toISOString(),
        dropped: {
          at: new Date(dropped).toISOString(),
          job: { namespace: 'etl', name: 'orders_drop' },
          runId: '01936893-9751-7a91-a2a0-000000000005',
        },
      });
      expect(byRun.port.volume).toMatchObject({
        status: 'breached',
        dropped: { at: new Date(dropped).toISOString() },
      });
      expect(byRun.status).toBe('breaching');

      // Loaded again, it is live, its loads before the drop still its
      // volume's history: a drop and reload is a full refresh.
      await store.ingest(run('orders_load', 1 / 12, ['COMPLETE'], loaded));
      const reloaded = await measure();
      expect(reloaded.port.freshness).toMatchObject({ status: 'met' });
      expect(reloaded.port.freshness?.dropped).toBeUndefined();
      expect(reloaded.port.volume).toEqual({
        status: 'met',
        latestRowCount: 1000,
        averageRowCount: 1000,
        ratio: 1,
        band: { minRatio: 0.5, maxRatio: 2 },
        samples: 5,
      });
      expect(reloaded.status).toBe('ok');

      // A dataset event dropping it names no job.
      const droppedAgain = now - HOUR / 60;
      await store.ingest([
        validEvent({
          eventTime: new Date(droppedAgain).toISOString(),
          producer: 'https://example.com/test',
          dataset: { namespace: NS, name: 'mart.orders', facets: dropFacet },
        }),
      ]);
      const byEvent = await measure();
      expect(byEvent.port.freshness).toMatchObject({
        status: 'breached',
        dropped: { at: new Date(droppedAgain).toISOString() },
      });
      expect(byEvent.port.freshness?.dropped?.job).toBeUndefined();
      expect(byEvent.port.volume).toMatchObject({ status: 'breached' });
      expect(byEvent.status).toBe('breaching');
    },
  );

  it.each(databases.eachSupportedId())(
    'takes a drop that failed, or one reported before the last write, as no drop, and a truncate since the last write as a load of no rows, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const store = await OpenLineageEventStore.create(knex);
      const now = Date.parse('2026-12-01T12:00:00Z');
      const HOUR = 3_600_000;
      const facet = (fields: object) => ({
        _producer: 'https://example.com/test',
        _schemaURL: 'https://example.com/schema',
        ...fields,
      });
      let runs = 0;
      /** A run of etl/<job> writing mart.<table> at `hoursAgo`. */
      const run = (
        table: string,
        job: string,
        hoursAgo: number,
        eventType: string,
        output: object = {},
      ) =>
        validEvent({
          eventType,
          eventTime: new Date(now - hoursAgo * HOUR).toISOString(),
          producer: 'https://example.com/test',
          run: {
            runId: `01936893-9751-7a91-a2a0-${String(++runs).padStart(
              12,
              '0',
            )}`,
          },
          job: { namespace: 'etl', name: job },
          outputs: [{ namespace: NS, name: `mart.${table}`, ...output }],
        });
      const rows = (rowCount: number) => ({
        outputFacets: { outputStatistics: facet({ rowCount }) },
      });
      const changed = (change: string) => ({
        facets: {
          lifecycleStateChange: facet({ lifecycleStateChange: change }),
        },
      });
      for (const table of ['failed', 'before', 'emptied']) {
        for (const hoursAgo of [48, 24, 2]) {
          await store.ingest([
            run(table, `${table}_load`, hoursAgo, 'COMPLETE', rows(1000)),
          ]);
        }
      }
      await store.ingest([
        run('failed', 'failed_drop', 1, 'FAIL', changed('DROP')),
        run('before', 'before_drop', 3, 'COMPLETE', changed('DROP')),
        run('emptied', 'emptied_truncate', 1, 'COMPLETE', changed('TRUNCATE')),
      ]);
      const slos = await slosOf(
        knex,
        ['failed', 'before', 'emptied'].map(name =>
          dataProduct(name, {
            slos: {
              freshness: { maxDelay: '1d' },
              volume: { minRatio: 0.5, maxRatio: 2 },
            },
          }),
        ),
        now,
      );
      const [failed, before, emptied] = slos.map(slo => slo.outputPorts[0]);
      for (const port of [failed, before]) {
        expect({ port: port.name, freshness: port.freshness }).toMatchObject({
          port: port.name,
          freshness: { status: 'met' },
        });
        expect(port.freshness?.dropped).toBeUndefined();
      }
      expect(failed.volume).toMatchObject({
        status: 'met',
        latestRowCount: 1000,
      });
      // Loaded after the drop, its loads before it still count.
      expect(before.volume).toMatchObject({ status: 'met', samples: 3 });
      expect(emptied.freshness).toMatchObject({ status: 'met' });
      expect(emptied.volume).toMatchObject({
        status: 'breached',
        latestRowCount: 0,
        ratio: 0,
      });
    },
  );

  it.each(databases.eachSupportedId())(
    'keeps the volume history of a port dropped and reloaded each day, and takes a drop reported on START as undone by its run completing with a load, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const store = await OpenLineageEventStore.create(knex);
      const now = Date.parse('2026-12-01T12:00:00Z');
      const HOUR = 3_600_000;
      const MINUTE = 60_000;
      const facet = (fields: object) => ({
        _producer: 'https://example.com/test',
        _schemaURL: 'https://example.com/schema',
        ...fields,
      });
      const dropped = {
        facets: {
          lifecycleStateChange: facet({ lifecycleStateChange: 'DROP' }),
        },
      };
      const loaded = {
        outputFacets: { outputStatistics: facet({ rowCount: 1000 }) },
      };
      let runs = 0;
      /** Events of one run of etl/<job> writing mart.<table>. */
      const run = (
        table: string,
        job: string,
        events: { eventType: string; time: number; output: object }[],
      ) => {
        const runId = `01936893-9751-7a91-a2a0-${String(++runs).padStart(
          12,
          '0',
        )}`;
        return events.map(({ eventType, time, output }) =>
          validEvent({
            eventType,
            eventTime: new Date(time).toISOString(),
            producer: 'https://example.com/test',
            run: { runId },
            job: { namespace: 'etl', name: job },
            outputs: [{ namespace: NS, name: `mart.${table}`, ...output }],
          }),
        );
      };
      for (const daysAgo of [4, 3, 2, 1, 0]) {
        const at = now - daysAgo * 24 * HOUR - HOUR;
        await store.ingest(
          run('refreshed', 'orders_drop', [
            { eventType: 'COMPLETE', time: at, output: dropped },
          ]),
        );
        await store.ingest(
          run('refreshed', 'orders_load', [
            { eventType: 'COMPLETE', time: at + 5 * MINUTE, output: loaded },
          ]),
        );
      }
      for (const hoursAgo of [48, 24]) {
        await store.ingest(
          run('restarted', 'orders_load', [
            {
              eventType: 'COMPLETE',
              time: now - hoursAgo * HOUR,
              output: loaded,
            },
          ]),
        );
      }
      const reloadedAt = now - HOUR;
      await store.ingest(
        run('restarted', 'orders_reload', [
          { eventType: 'START', time: reloadedAt - MINUTE, output: dropped },
          { eventType: 'COMPLETE', time: reloadedAt, output: loaded },
        ]),
      );
      const [refreshed, restarted] = (
        await slosOf(
          knex,
          ['refreshed', 'restarted'].map(name =>
            dataProduct(name, {
              slos: {
                freshness: { maxDelay: '1d' },
                volume: { minRatio: 0.5, maxRatio: 2 },
              },
            }),
          ),
          now,
        )
      ).map(slo => slo.outputPorts[0]);
      expect(refreshed.freshness).toMatchObject({ status: 'met' });
      expect(refreshed.freshness?.dropped).toBeUndefined();
      expect(refreshed.volume).toMatchObject({
        status: 'met',
        latestRowCount: 1000,
        samples: 5,
      });
      expect(restarted.freshness).toMatchObject({
        status: 'met',
        lastSuccessfulWrite: new Date(reloadedAt).toISOString(),
      });
      expect(restarted.freshness?.dropped).toBeUndefined();
      expect(restarted.volume).toMatchObject({
        status: 'met',
        latestRowCount: 1000,
      });
      expect(restarted.volume?.dropped).toBeUndefined();
    },
  );

  it.each(databases.eachSupportedId())(
    'leaves the volume of a port only a running stream writes unjudged, saying so, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const store = await OpenLineageEventStore.create(knex);
      const now = Date.parse('2026-12-01T12:00:00Z');
      const DAY = 86_400_000;
      const runId = '01936893-9751-7a91-a2a0-000000000051';
      const event = (eventType: string, time: number, rowCount?: number) =>
        validEvent({
          eventType,
          eventTime: new Date(time).toISOString(),
          producer: 'https://example.com/test',
          run: { runId },
          job: flinkJob('orders_stream', 'STREAMING'),
          outputs: [
            {
              namespace: NS,
              name: 'mart.orders',
              ...(rowCount === undefined
                ? {}
                : {
                    outputFacets: {
                      outputStatistics: {
                        _producer: 'https://example.com/test',
                        _schemaURL:
                          'https://openlineage.io/spec/facets/1-0-2/OutputStatisticsOutputDatasetFacet.json',
                        rowCount,
                      },
                    },
                  }),
            },
          ],
        });
      await store.ingest([
        event('START', now - 3 * DAY),
        event('RUNNING', now - 2 * DAY, 1_000_000),
        event('RUNNING', now - DAY, 2_000_000),
        event('RUNNING', now - 2 * 60_000, 3_000_000),
      ]);
      const band = { minRatio: 0.5, maxRatio: 2 };
      const [withFreshness, volumeOnly] = await slosOf(
        knex,
        [
          dataProduct('orders', {
            slos: { freshness: { maxDelay: '1d' }, volume: band },
          }),
          dataProduct('orders_volume', {
            outputPorts: [
              {
                name: 'orders',
                type: 'table',
                dataset: { namespace: NS, name: 'mart.orders' },
              },
            ],
            slos: { volume: band },
          }),
        ],
        now,
      );
      for (const slo of [withFreshness, volumeOnly]) {
        expect(slo.outputPorts[0].volume).toEqual({
          status: 'unknown',
          band,
          samples: 0,
          streamed: true,
        });
      }
      expect(withFreshness.outputPorts[0].freshness).toMatchObject({
        status: 'met',
      });
    },
  );

  it.each(databases.eachSupportedId())(
    'measures a port a stream writes from its RUNNING events, after a failed run too, up to the failure of one that wrote, and neither a batch run still going nor a stream failing on start, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const store = await OpenLineageEventStore.create(knex);
      const now = Date.parse('2026-12-01T12:00:00Z');
      /** An event of a Flink job writing mart.<name>, or a batch job's. */
      const event = (
        name: string,
        runId: string,
        eventType: string,
        time: number,
        processingType: 'STREAMING' | 'SERVICE' | 'BATCH' = 'STREAMING',
      ) =>
        validEvent({
          eventType,
          eventTime: new Date(time).toISOString(),
          producer: 'https://example.com/test',
          run: { runId },
          job: flinkJob(`${name}_job`, processingType),
          outputs: [{ namespace: NS, name: `mart.${name}` }],
        });
      const failed = '01936893-9751-7a91-a2a0-000000000011';
      const restarted = '01936893-9751-7a91-a2a0-000000000012';
      const batch = '01936893-9751-7a91-a2a0-000000000013';
      const crashed = '01936893-9751-7a91-a2a0-000000000014';
      const served = '01936893-9751-7a91-a2a0-000000000018';
      const events: Array<
        [string, string, string, number, ('STREAMING' | 'SERVICE' | 'BATCH')?]
      > = [
        ['orders', failed, 'START', now - 6 * 3_600_000],
        ['orders', failed, 'FAIL', now - 4 * 3_600_000],
        ['orders', restarted, 'START', now - 2 * 3_600_000],
        ['orders', restarted, 'RUNNING', now - 20 * 60_000],
        ['customers', batch, 'START', now - 3 * 3_600_000, 'BATCH'],
        ['customers', batch, 'RUNNING', now - 20 * 60_000, 'BATCH'],
        // A service runs without end, as a stream does.
        ['sessions', served, 'START', now - 2 * 3_600_000, 'SERVICE'],
        ['sessions', served, 'RUNNING', now - 20 * 60_000, 'SERVICE'],
        // A stream that wrote for hours, then failed.
        ['payments', crashed, 'START', now - 5 * 3_600_000],
        ['payments', crashed, 'RUNNING', now - 3 * 3_600_000],
        ['payments', crashed, 'RUNNING', now - 90 * 60_000],
        ['payments', crashed, 'FAIL', now - 80 * 60_000],
        // A stream failing on start, over and over.
        ...[3, 2].flatMap(
          (hours, i): Array<[string, string, string, number]> => {
            const runId = `01936893-9751-7a91-a2a0-00000000001${5 + i}`;
            const started = now - hours * 3_600_000;
            return [
              ['shipments', runId, 'START', started],
              ['shipments', runId, 'FAIL', started + 5_000],
            ];
          },
        ),
      ];
      for (const args of events) {
        await store.ingest([event(...args)], args[3]);
      }
      // The same story as payments', its events stored together.
      const refunded = '01936893-9751-7a91-a2a0-000000000017';
      await store.ingest(
        [
          event('refunds', refunded, 'FAIL', now - 80 * 60_000),
          event('refunds', refunded, 'RUNNING', now - 90 * 60_000),
          event('refunds', refunded, 'START', now - 5 * 3_600_000),
        ],
        now - 80 * 60_000,
      );
      const [orders, customers, shipments, payments, refunds, sessions] =
        await slosOf(
          knex,
          [
            'orders',
            'customers',
            'shipments',
            'payments',
            'refunds',
            'sessions',
          ].map(product),
          now,
        );
      // The crashed run counts for nothing but its failure: late from an
      // hour after it to the restart, one hour of four.
      expect(orders.outputPorts[0].freshness).toMatchObject({
        status: 'met',
        lastSuccessfulWrite: new Date(now - 20 * 60_000).toISOString(),
        attainment: 0.75,
      });
      expect(customers.outputPorts[0].freshness).toMatchObject({
        status: 'unknown',
      });
      expect(sessions.outputPorts[0].freshness).toMatchObject({
        status: 'met',
        lastSuccessfulWrite: new Date(now - 20 * 60_000).toISOString(),
      });
      // Written until its last RUNNING event: late half an hour since, not
      // "never written".
      for (const crashedStream of [payments, refunds]) {
        expect(crashedStream.outputPorts[0].freshness).toMatchObject({
          status: 'breached',
          lastSuccessfulWrite: new Date(now - 90 * 60_000).toISOString(),
        });
      }
      expect(shipments.outputPorts[0].freshness).toMatchObject({
        status: 'breached',
        firstFailedWrite: new Date(now - 3 * 3_600_000 + 5_000).toISOString(),
      });
    },
  );

  it.each(databases.eachSupportedId())(
    'measures a stream whose RUNNING checkpoints name no dataset (Flink 2) as writing until its latest, though it started before the window, and a failed one until its last checkpoint, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const store = await OpenLineageEventStore.create(knex);
      const now = Date.parse('2026-12-01T12:00:00Z');
      /** A Flink 2 job writing mart.<name>: only its START names it. */
      const stream = async (name: string, runId: string, ends: number[]) => {
        const event = (eventType: string, time: number, outputs: object[]) =>
          validEvent({
            eventType,
            eventTime: new Date(time).toISOString(),
            producer: 'https://example.com/test',
            run: { runId },
            job: flinkJob(`${name}_job`, 'STREAMING'),
            outputs,
          });
        const started = now - 10 * 24 * 3_600_000;
        await store.ingest(
          [event('START', started, [{ namespace: NS, name: `mart.${name}` }])],
          started,
        );
        for (const minutesAgo of [3 * 24 * 60, 24 * 60, ...ends]) {
          const time = now - minutesAgo * 60_000;
          const eventType = minutesAgo === 90 ? 'FAIL' : 'RUNNING';
          await store.ingest([event(eventType, time, [])], time);
        }
      };
      await stream('clicks', '01936893-9751-7a91-a2a0-000000000021', [10]);
      // Checkpointed two hours ago, failed half an hour later.
      await stream('views', '01936893-9751-7a91-a2a0-000000000022', [120, 90]);
      const [clicks, views] = await slosOf(
        knex,
        [product('clicks'), product('views')],
        now,
      );
      expect(clicks.outputPorts[0].freshness).toMatchObject({
        status: 'met',
        lastSuccessfulWrite: new Date(now - 10 * 60_000).toISOString(),
        attainment: 1,
      });
      expect(views.outputPorts[0].freshness).toMatchObject({
        status: 'breached',
        lastSuccessfulWrite: new Date(now - 120 * 60_000).toISOString(),
      });
    },
  );

  it.each(databases.eachSupportedId())(
    'keeps a stream breached from its last write once silent for longer than the window and delay, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const store = await OpenLineageEventStore.create(knex);
      const day = 24 * 3_600_000;
      const silentSince = Date.parse('2026-12-01T12:00:00Z');
      for (const [eventType, time] of [
        ['START', silentSince - 3 * day],
        ['RUNNING', silentSince - 2 * day],
        ['RUNNING', silentSince],
      ] as const) {
        const event = validEvent({
          eventType,
          eventTime: new Date(time).toISOString(),
          producer: 'https://example.com/test',
          run: { runId: '01936893-9751-7a91-a2a0-000000000041' },
          job: flinkJob('orders_job', 'STREAMING'),
          outputs: [{ namespace: NS, name: 'mart.orders' }],
        });
        await store.ingest([event], time);
      }
      // Silent within the 7-day window, then for longer than it and the delay.
      for (const daysSilent of [6, 8]) {
        const service = new ProductLineageService({
          loadProducts: async () => [product('orders')],
          measurements: new CountedMeasurements(knex),
          now: () => silentSince + daysSilent * day,
        });
        const [orders] = await service.slos();
        expect(orders.outputPorts[0].freshness).toMatchObject({
          status: 'breached',
          lastSuccessfulWrite: new Date(silentSince).toISOString(),
          ageMs: daysSilent * day,
        });
        expect(await service.sloStatuses()).toEqual([
          expect.objectContaining({
            status: 'breaching',
            breaching: ['freshness'],
          }),
        ]);
      }
    },
  );

  it.each(databases.eachSupportedId())(
    "judges schema drift of a port a stream writes on the stream's schema, not on a reader's since, on %p",
    async databaseId => {
      const knex = await databases.init(databaseId);
      const store = await OpenLineageEventStore.create(knex);
      const now = Date.parse('2026-12-01T12:00:00Z');
      const topic = { namespace: 'kafka://broker:9092', name: 'orders' };
      const fields = Array.from({ length: 10 }, (_, i) => ({
        name: `field_${i}`,
        type: 'BIGINT',
      }));
      const withSchema = (reported: typeof fields) => ({
        ...topic,
        facets: { schema: { fields: reported } },
      });
      const ran = (
        runId: string,
        eventType: string,
        time: number,
        job: object,
        io: { inputs?: object[]; outputs?: object[] },
      ) =>
        validEvent({
          eventType,
          eventTime: new Date(time).toISOString(),
          producer: 'https://example.com/test',
          run: { runId },
          job,
          ...io,
        });
      const writer = '01936893-9751-7a91-a2a0-000000000051';
      const streaming = flinkJob('orders_job', 'STREAMING');
      const written = { outputs: [withSchema(fields)] };
      await store.ingest(
        [
          ran(writer, 'START', now - 3 * 3_600_000, streaming, written),
          ran(writer, 'RUNNING', now - 2 * 3_600_000, streaming, written),
          // A consumer since, reporting only the columns it reads.
          ran(
            '01936893-9751-7a91-a2a0-000000000052',
            'COMPLETE',
            now - 3_600_000,
            { namespace: 'etl', name: 'orders_consumer' },
            { inputs: [withSchema(fields.slice(0, 4))] },
          ),
        ],
        now,
      );
      const contract = ordersContract(
        fields.map(f => ({ name: f.name, physicalType: f.type })),
      );
      const orders = dataProduct('orders', {
        outputPorts: [
          { name: 'orders', type: 'topic', dataset: topic, contract },
        ],
      });
      const [slo] = await slosOf(knex, [orders], now);
      expect(slo.outputPorts[0].schema).toEqual({
        status: 'met',
        missingColumns: [],
        typeChanges: [],
        extraColumns: [],
      });
    },
  );

  describe("measures a port's table under all its names", () => {
    const now = Date.parse('2026-12-01T12:00:00Z');
    const files = { namespace: 's3://lake', name: 'warehouse/orders' };
    const ordersTable = { namespace: NS, name: 'mart.orders' };
    /** Spark's write of the table's files, naming the table as a symlink. */
    const sparkWrite = (n: number, time: number) =>
      validEvent({
        eventType: 'COMPLETE',
        eventTime: new Date(time).toISOString(),
        producer: 'https://example.com/test',
        run: { runId: `01936893-9751-7a91-a2a0-0000000007${n}` },
        job: { namespace: 'spark', name: 'orders_files' },
        outputs: [
          {
            ...files,
            facets: {
              symlinks: {
                identifiers: [{ ...ordersTable, type: 'TABLE' }],
              },
            },
            outputFacets: { outputStatistics: { rowCount: 100 } },
          },
        ],
      });
    /** A Great Expectations check of the table by name, half an hour ago. */
    const qualityCheck = (n: number, dataQualityMetrics: object) =>
      validEvent({
        eventType: 'COMPLETE',
        eventTime: new Date(now - 1_800_000).toISOString(),
        producer: 'https://example.com/test',
        run: { runId: `01936893-9751-7a91-a2a0-0000000007${n}` },
        job: { namespace: 'great_expectations', name: 'orders_suite' },
        inputs: [{ ...ordersTable, inputFacets: { dataQualityMetrics } }],
      });
    const orders = dataProduct('orders', {
      slos: {
        freshness: { maxDelay: '1d' },
        volume: { minRatio: 0.5, maxRatio: 2 },
        quality: [{ column: 'customer_id', metric: 'nullRate', max: 0.01 }],
      },
    });

    it.each(databases.eachSupportedId())(
      'judges quality a check reported on the table by name while Spark writes its files, on %p',
      async databaseId => {
        const knex = await databases.init(databaseId);
        const store = await OpenLineageEventStore.create(knex);
        await store.ingest(
          [
            sparkWrite(10, now - 3_600_000),
            qualityCheck(20, {
              rowCount: 100,
              columnMetrics: { customer_id: { nullCount: 50 } },
            }),
          ],
          now,
        );
        const [slo] = await slosOf(knex, [orders], now);
        expect(slo.outputPorts[0]).toMatchObject({
          freshness: { status: 'met' },
          quality: { status: 'breached' },
        });
      },
    );

    it.each(databases.eachSupportedId())(
      "judges a row count rule that names no column by the table's count, on %p",
      async databaseId => {
        const knex = await databases.init(databaseId);
        const store = await OpenLineageEventStore.create(knex);
        await store.ingest([qualityCheck(21, { rowCount: 100 })], now);
        const counted = (min: number) =>
          dataProduct('orders', {
            slos: { quality: [{ metric: 'rowCount', min }] },
          });
        const [short, enough] = await Promise.all(
          [1000, 100].map(async min => {
            const [slo] = await slosOf(knex, [counted(min)], now);
            return slo.outputPorts[0].quality;
          }),
        );
        expect(short).toMatchObject({ status: 'breached' });
        expect(enough).toMatchObject({ status: 'met' });
      },
    );

    it.each(databases.eachSupportedId())(
      'counts writes of its files by path after writes of the table by name, on %p',
      async databaseId => {
        const knex = await databases.init(databaseId);
        const store = await OpenLineageEventStore.create(knex);
        await store.ingest(
          [
            // Created once by a query naming the table.
            validEvent({
              eventType: 'COMPLETE',
              eventTime: new Date(now - 5 * 86_400_000).toISOString(),
              producer: 'https://example.com/test',
              run: { runId: '01936893-9751-7a91-a2a0-000000000730' },
              job: { namespace: 'trino', name: 'create_orders' },
              outputs: [
                {
                  ...ordersTable,
                  outputFacets: { outputStatistics: { rowCount: 100 } },
                },
              ],
            }),
            ...[4, 3, 2, 1].map(day =>
              sparkWrite(40 + day, now - (day - 1) * 86_400_000 - 3_600_000),
            ),
          ],
          now,
        );
        const [slo] = await slosOf(knex, [orders], now);
        expect(slo.outputPorts[0]).toMatchObject({
          freshness: {
            status: 'met',
            lastSuccessfulWrite: new Date(now - 3_600_000).toISOString(),
          },
          volume: { status: 'met', samples: 4 },
        });
      },
    );
  });

  it.each(databases.eachSupportedId())(
    'names a dataset read undeclared once, though two ports of its product serve it, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const store = await OpenLineageEventStore.create(knex);
      const now = Date.parse('2026-12-01T12:00:00Z');
      const ordersTable = { namespace: NS, name: 'mart.orders' };
      const orders = dataProduct('orders', {
        outputPorts: [
          { name: 'orders', type: 'table', dataset: ordersTable },
          { name: 'orders-api', type: 'api', dataset: ordersTable },
        ],
      });
      await store.ingest([
        writeOf('orders', now - 120_000),
        validEvent({
          eventType: 'COMPLETE',
          eventTime: new Date(now - 60_000).toISOString(),
          producer: 'https://example.com/test',
          run: { runId: '01936893-9751-7a91-a2a0-000000000002' },
          job: { namespace: 'etl', name: 'revenue_daily' },
          inputs: [ordersTable],
          outputs: [{ namespace: NS, name: 'mart.revenue' }],
        }),
      ]);
      const service = new ProductLineageService({
        loadProducts: async () => [orders, dataProduct('revenue')],
        measurements: new CountedMeasurements(knex),
        now: () => now,
      });
      const { edges, drift } = await service.graph();
      expect(edges).toEqual([
        expect.objectContaining({
          source: 'dataproduct:default/orders',
          target: 'dataproduct:default/revenue',
          datasets: [ordersTable],
        }),
      ]);
      expect(
        drift.find(d => d.product === 'dataproduct:default/revenue')!
          .undeclaredInputs,
      ).toEqual([
        { product: 'dataproduct:default/orders', dataset: ordersTable },
      ]);
    },
  );

  describe('reads by what each product declares', () => {
    const now = Date.parse('2026-12-01T12:00:00Z');
    let runs = 0;
    /** A completed run of `job` a minute before the one before it. */
    const ran = (
      job: string,
      inputs: Array<{ namespace: string; name: string }>,
      outputs: object[],
    ) => {
      runs++;
      return validEvent({
        eventType: 'COMPLETE',
        eventTime: new Date(now - runs * 60_000).toISOString(),
        producer: 'https://example.com/test',
        run: {
          runId: `01936893-9751-7a91-a2a0-${String(runs).padStart(12, '0')}`,
        },
        job: { namespace: 'etl', name: job },
        inputs,
        outputs,
      });
    };
    const table = (name: string) => ({ namespace: NS, name });
    /** Files Spark reports by path, naming their table as a symlink. */
    const filesOf = (
      files: { namespace: string; name: string },
      tableName: string,
    ) => ({
      ...files,
      facets: {
        symlinks: { identifiers: [{ ...table(tableName), type: 'TABLE' }] },
      },
    });
    async function graphOf(
      knex: Knex,
      events: Array<ReturnType<typeof validEvent>>,
      products: DataProductEntityV1alpha1[],
    ) {
      const store = await OpenLineageEventStore.create(knex);
      await store.ingest(events);
      const { edges, drift } = await new ProductLineageService({
        loadProducts: async () => products,
        measurements: new CountedMeasurements(knex),
        now: () => now,
      }).graph();
      return {
        edges: edges.map(e => `${e.source} > ${e.target}`),
        /** By ref, or by name in the default namespace. */
        driftOf: (name: string) =>
          drift.find(
            d =>
              d.product ===
              (name.includes(':') ? name : `dataproduct:default/${name}`),
          )!,
      };
    }

    it.each(databases.eachSupportedId())(
      'sees a declared input read by its table name while its files are written, on %p',
      async databaseId => {
        const knex = await databases.init(databaseId);
        const files = { namespace: 's3a://lake', name: 'events' };
        const { driftOf } = await graphOf(
          knex,
          [
            ran('events_spark', [], [filesOf(files, 'raw.events')]),
            // A query reads the table by its name.
            ran('b_daily', [table('raw.events')], [table('mart.b')]),
          ],
          [
            dataProduct('b', {
              inputPorts: [{ name: 'events', dataset: table('raw.events') }],
            }),
          ],
        );
        expect(driftOf('b')).toMatchObject({
          observed: true,
          undeclaredInputs: [],
          unseenInputs: [],
        });
      },
    );

    it.each(databases.eachSupportedId())(
      "sees a port declared by its files' path read by its table's name, on %p",
      async databaseId => {
        const knex = await databases.init(databaseId);
        const files = { namespace: 's3a://lake', name: 'warehouse/orders' };
        const { edges, driftOf } = await graphOf(
          knex,
          [
            ran('orders_spark', [], [filesOf(files, 'mart.orders')]),
            ran(
              'revenue_daily',
              [table('mart.orders')],
              [table('mart.revenue')],
            ),
            ran('margin_daily', [table('mart.orders')], [table('mart.margin')]),
          ],
          [
            dataProduct('orders', {
              outputPorts: [{ name: 'orders', type: 'file', dataset: files }],
            }),
            dataProduct('revenue', {
              inputPorts: [
                { name: 'orders', from: 'dataproduct:default/orders#orders' },
              ],
            }),
            dataProduct('margin'),
          ],
        );
        expect(edges.sort()).toEqual([
          'dataproduct:default/orders > dataproduct:default/margin',
          'dataproduct:default/orders > dataproduct:default/revenue',
        ]);
        expect(driftOf('revenue')).toMatchObject({
          undeclaredInputs: [],
          unseenInputs: [],
        });
        expect(driftOf('margin').undeclaredInputs).toEqual([
          { product: 'dataproduct:default/orders', dataset: files },
        ]);
      },
    );

    it.each(
      databases.eachSupportedId().flatMap(([id]) => [
        [id, NS],
        [id, 'postgresql://WAREHOUSE:5432'],
      ]),
    )(
      "labels a table by the port declared by its files' path, their symlink's namespace spelt %p %p",
      async (databaseId, symlinkNamespace) => {
        const knex = await databases.init(databaseId);
        const files = { namespace: 's3a://lake', name: 'warehouse/orders' };
        const store = await OpenLineageEventStore.create(knex);
        await store.ingest([
          ran(
            'orders_spark',
            [],
            [
              {
                ...files,
                facets: {
                  symlinks: {
                    identifiers: [
                      {
                        namespace: symlinkNamespace,
                        name: 'mart.orders',
                        type: 'TABLE',
                      },
                    ],
                  },
                },
              },
            ],
          ),
          ran('revenue_daily', [table('mart.orders')], [table('mart.revenue')]),
        ]);
        const service = new ProductLineageService({
          loadProducts: async () => [
            dataProduct('orders', {
              outputPorts: [{ name: 'orders', type: 'file', dataset: files }],
            }),
          ],
          measurements: new CountedMeasurements(knex),
          now: () => now,
        });
        const owners = await service.datasetOwners([
          table('mart.orders'),
          table('mart.revenue'),
        ]);
        expect(owners.map(o => [o.name, o.product.entityRef, o.port])).toEqual([
          ['mart.orders', 'dataproduct:default/orders', 'orders'],
        ]);
      },
    );

    it.each(databases.eachSupportedId())(
      "names a port's team by its full ref, as the catalog reads a bare spec.owner, on %p",
      async databaseId => {
        const knex = await databases.init(databaseId);
        const service = new ProductLineageService({
          loadProducts: async () => [
            dataProduct('orders', { owner: 'checkout-data' }),
          ],
          measurements: new CountedMeasurements(knex),
        });
        const owners = await service.datasetOwners([table('mart.orders')]);
        expect(owners.map(o => o.product.owner)).toEqual([
          'group:default/checkout-data',
        ]);
      },
    );

    it.each(databases.eachSupportedId())(
      'walks through a staging table another product declares as its input, on %p',
      async databaseId => {
        const knex = await databases.init(databaseId);
        const staging = table('stg.orders_clean');
        const { edges, driftOf } = await graphOf(
          knex,
          [
            ran('orders_daily', [], [table('mart.orders')]),
            ran('clean_job', [table('mart.orders')], [staging]),
            ran('y_daily', [staging], [table('mart.y')]),
            ran('x_daily', [staging], [table('mart.x')]),
          ],
          [
            dataProduct('orders'),
            dataProduct('x', {
              inputPorts: [{ name: 'clean', dataset: staging }],
            }),
            dataProduct('y', {
              inputPorts: [
                { name: 'orders', from: 'dataproduct:default/orders#orders' },
              ],
            }),
          ],
        );
        expect(edges).toEqual([
          'dataproduct:default/orders > dataproduct:default/y',
        ]);
        expect(driftOf('y')).toMatchObject({
          undeclaredInputs: [],
          unseenInputs: [],
        });
        expect(driftOf('x')).toMatchObject({
          undeclaredInputs: [],
          unseenInputs: [],
        });
      },
    );

    it.each(databases.eachSupportedId())(
      "walks on through a staging table another product's job also writes, by its other writers, on %p",
      async databaseId => {
        const knex = await databases.init(databaseId);
        const stage = table('shared.stage');
        const { edges, driftOf } = await graphOf(
          knex,
          [
            ran('c_daily', [], [table('mart.c')]),
            ran('a_daily', [], [table('mart.a'), stage]),
            ran('stage_loader', [table('mart.c')], [stage]),
            ran('b_daily', [stage], [table('mart.b')]),
          ],
          [
            dataProduct('a'),
            dataProduct('c'),
            dataProduct('b', {
              inputPorts: [{ name: 'c', from: 'dataproduct:default/c#c' }],
            }),
          ],
        );
        expect(edges).toEqual([
          'dataproduct:default/c > dataproduct:default/b',
        ]);
        // Reading a's extra table is no finding, as it is not a's port.
        expect(driftOf('b')).toMatchObject({
          undeclaredInputs: [],
          unseenInputs: [],
        });
      },
    );

    it.each(databases.eachSupportedId())(
      "finds nothing of its own behind another product's staging table it reads, on %p",
      async databaseId => {
        const knex = await databases.init(databaseId);
        const stage = table('stg.q_stage');
        const { edges, driftOf } = await graphOf(
          knex,
          [
            ran('r_daily', [], [table('mart.r')]),
            ran('q_daily', [], [table('mart.q'), stage]),
            // q's own loader of its staging table, from r.
            ran('q_stage_loader', [table('mart.r')], [stage]),
            ran('p_daily', [stage], [table('mart.p')]),
          ],
          [dataProduct('r'), dataProduct('q'), dataProduct('p')],
        );
        expect(edges).toEqual([]);
        expect(driftOf('p')).toMatchObject({ undeclaredInputs: [] });
      },
    );

    it.each(databases.eachSupportedId())(
      "walks from a port's table under each of its names, on %p",
      async databaseId => {
        const knex = await databases.init(databaseId);
        const { edges } = await graphOf(
          knex,
          [
            ran('x_daily', [], [table('mart.x')]),
            // Spark writes the files, from x, naming the table.
            ran(
              't_spark',
              [table('mart.x')],
              [
                filesOf(
                  { namespace: 's3a://lake', name: 'warehouse/t' },
                  'mart.t',
                ),
              ],
            ),
            // Created once by a query naming the table.
            ran('create_t', [], [table('mart.t')]),
          ],
          [dataProduct('x'), dataProduct('t')],
        );
        expect(edges).toEqual([
          'dataproduct:default/x > dataproduct:default/t',
        ]);
      },
    );

    it.each(databases.eachSupportedId())(
      "reads an input port's product without a namespace in the reader's, on %p",
      async databaseId => {
        const knex = await databases.init(databaseId);
        const inFinance = (entity: DataProductEntityV1alpha1) => ({
          ...entity,
          metadata: { ...entity.metadata, namespace: 'finance' },
        });
        const { edges, driftOf } = await graphOf(
          knex,
          [
            ran('ledger_daily', [], [table('mart.ledger')]),
            ran('report_daily', [table('mart.ledger')], [table('mart.report')]),
          ],
          [
            inFinance(dataProduct('ledger')),
            inFinance(
              dataProduct('report', {
                inputPorts: [{ name: 'ledger', from: 'ledger#ledger' }],
              }),
            ),
          ],
        );
        expect(edges).toEqual([
          'dataproduct:finance/ledger > dataproduct:finance/report',
        ]);
        expect(driftOf('dataproduct:finance/report')).toMatchObject({
          undeclaredInputs: [],
          unseenInputs: [],
        });
      },
    );

    it.each(databases.eachSupportedId())(
      'takes a product reading its own port as no input though another product declares it too, on %p',
      async databaseId => {
        const knex = await databases.init(databaseId);
        const orders = table('mart.orders');
        const { edges, driftOf } = await graphOf(
          knex,
          [
            ran('orders_daily', [], [orders]),
            ran('orders_rollup', [orders], [table('mart.orders_daily')]),
          ],
          [
            dataProduct('orders'),
            dataProduct('orders-v2', {
              outputPorts: [
                { name: 'orders', type: 'table', dataset: orders },
                {
                  name: 'daily',
                  type: 'table',
                  dataset: table('mart.orders_daily'),
                },
              ],
            }),
          ],
        );
        expect(edges).toEqual([]);
        expect(driftOf('orders-v2').undeclaredInputs).toEqual([]);
      },
    );

    it.each(databases.eachSupportedId())(
      'counts what the jobs a product names read as its reads, on %p',
      async databaseId => {
        const knex = await databases.init(databaseId);
        const audiences = { namespace: 'salesforce://acme', name: 'Audience' };
        const events = [
          ran('orders_daily', [], [table('mart.orders')]),
          ran('segments_daily', [], [table('mart.segments')]),
          // An export: it writes outside the mesh, none of the ports.
          ran(
            'campaigns_sync',
            [table('mart.orders'), table('mart.segments')],
            [audiences],
          ),
        ];
        const products = [dataProduct('orders'), dataProduct('segments')];
        const campaigns = dataProduct('campaigns', {
          inputPorts: [
            { name: 'segments', from: 'dataproduct:default/segments#segments' },
          ],
        });
        const unnamed = await graphOf(knex, events, [...products, campaigns]);
        expect(unnamed.edges).toEqual([
          'dataproduct:default/segments > dataproduct:default/campaigns',
        ]);
        expect(unnamed.driftOf('campaigns').undeclaredInputs).toEqual([]);

        const { edges, driftOf } = await graphOf(
          knex,
          [],
          [
            ...products,
            namingJobs(campaigns, 'other:job,\netl:campaigns_sync'),
          ],
        );
        expect(edges.sort()).toEqual([
          'dataproduct:default/orders > dataproduct:default/campaigns',
          'dataproduct:default/segments > dataproduct:default/campaigns',
        ]);
        expect(driftOf('campaigns').undeclaredInputs).toEqual([
          {
            product: 'dataproduct:default/orders',
            dataset: table('mart.orders'),
          },
        ]);
      },
    );

    it.each(databases.eachSupportedId())(
      "counts the reads of every Spark job under a named DAG's many tasks, on %p",
      async databaseId => {
        const knex = await databases.init(databaseId);
        const runOf = (i: number, kind: number) =>
          `01936893-9751-7a91-a2a0-${String(kind * 1000 + i).padStart(
            12,
            '0',
          )}`;
        const tasks = Array.from({ length: 18 }, (_, i) => i);
        const event = (
          job: string,
          runId: string,
          facets: object,
          inputs: object[],
        ) =>
          validEvent({
            eventType: 'COMPLETE',
            eventTime: new Date(now - 60_000).toISOString(),
            producer: 'https://example.com/test',
            run: { runId, facets },
            job: { namespace: 'airflow', name: job },
            inputs,
            outputs: [],
          });
        const { edges } = await graphOf(
          knex,
          tasks.flatMap(i => [
            // A task submitting a Spark application names no dataset.
            event(
              `exports_dag.submit_${i}`,
              runOf(i, 1),
              airflowParentFacet('exports_dag', runOf(0, 9)),
              [],
            ),
            event(
              `spark_export_${i}`,
              runOf(i, 2),
              airflowParentFacet(`exports_dag.submit_${i}`, runOf(i, 1)),
              [table(`mart.p${i}`)],
            ),
          ]),
          [
            ...tasks.map(i => dataProduct(`p${i}`)),
            namingJobs(dataProduct('campaigns'), 'airflow:exports_dag'),
          ],
        );
        expect(edges).toHaveLength(18);
      },
    );

    it.each(databases.eachSupportedId())(
      "counts the reads of a named DAG's tasks, not those dropped for longer than the read window, on %p",
      async databaseId => {
        const knex = await databases.init(databaseId);
        const task = (
          runId: string,
          minutesAgo: number,
          inputs: Array<{ namespace: string; name: string }>,
        ) =>
          validEvent({
            eventType: 'COMPLETE',
            eventTime: new Date(now - minutesAgo * 60_000).toISOString(),
            producer: 'https://example.com/test',
            run: {
              runId,
              facets: airflowParentFacet(
                'exports_dag',
                '01936893-9751-7a91-a2a0-0000000000d0',
              ),
            },
            job: { namespace: 'airflow', name: 'exports_dag.sync' },
            inputs,
            outputs: [{ namespace: 'salesforce://acme', name: 'Audience' }],
          });
        const { edges, driftOf } = await graphOf(
          knex,
          [
            ran('orders_daily', [], [table('mart.orders')]),
            ran('refunds_daily', [], [table('mart.refunds')]),
            // Read 50 days ago, and no more since.
            task('01936893-9751-7a91-a2a0-0000000000d1', 50 * 24 * 60, [
              table('mart.refunds'),
              table('mart.orders'),
            ]),
            task('01936893-9751-7a91-a2a0-0000000000d2', 30, [
              table('mart.orders'),
            ]),
          ],
          [
            dataProduct('orders'),
            dataProduct('refunds'),
            namingJobs(dataProduct('campaigns'), 'airflow:exports_dag'),
          ],
        );
        expect(edges).toEqual([
          'dataproduct:default/orders > dataproduct:default/campaigns',
        ]);
        expect(driftOf('campaigns').undeclaredInputs).toEqual([
          {
            product: 'dataproduct:default/orders',
            dataset: table('mart.orders'),
          },
        ]);
      },
    );
  });

  it.each(databases.eachSupportedId())(
    'works the graph out once for requests that come while it is, and anew after, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const store = await OpenLineageEventStore.create(knex);
      const now = Date.parse('2026-12-01T12:00:00Z');
      const products = [product('orders'), product('revenue')];
      const measurements = new CountedMeasurements(knex);
      const service = new ProductLineageService({
        loadProducts: async () => products,
        measurements,
        now: () => now,
      });
      await service.graph();
      const readsPerGraph = measurements.datasetIdReads;
      // The on-call finder's cards, each asking for its product's radius.
      const [graph, ...impacts] = await Promise.all([
        service.graph(),
        service.impact('dataproduct:default/orders'),
        service.impact('dataproduct:default/revenue', 'revenue'),
      ]);
      expect(measurements.datasetIdReads).toBe(2 * readsPerGraph);
      expect(graph.edges).toEqual([]);
      expect(impacts.map(i => i.impacted)).toEqual([[], []]);

      await store.ingest([
        writeOf('orders', now - 120_000),
        validEvent({
          eventType: 'COMPLETE',
          eventTime: new Date(now - 60_000).toISOString(),
          producer: 'https://example.com/test',
          run: { runId: '01936893-9751-7a91-a2a0-000000000002' },
          job: { namespace: 'etl', name: 'revenue_daily' },
          inputs: [{ namespace: NS, name: 'mart.orders' }],
          outputs: [{ namespace: NS, name: 'mart.revenue' }],
        }),
      ]);
      const after = await service.impact('dataproduct:default/orders');
      expect(after.impacted.map(i => i.entityRef)).toEqual([
        'dataproduct:default/revenue',
      ]);
      expect(measurements.datasetIdReads).toBe(3 * readsPerGraph);
    },
  );

  it.each(databases.eachSupportedId())(
    'answers the last measurement and measures again in the background past the half minute, a new or edited product at once, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const store = await OpenLineageEventStore.create(knex);
      let now = Date.parse('2026-12-01T12:00:00Z');
      // As the catalog cache serves it: the same list until it is read again.
      let products = [product('orders')];
      const measurements = new CountedMeasurements(knex);
      const logger = mockServices.logger.mock();
      const service = new ProductLineageService({
        loadProducts: async () => products,
        measurements,
        now: () => now,
        logger,
      });
      const observed = async () =>
        (await service.slos()).map(slo => slo.outputPorts[0].observed);

      // The first requests wait for the one measurement they share.
      const [slos, statuses] = await Promise.all([
        service.slos(),
        service.sloStatuses(),
      ]);
      expect(measurements.datasetIdReads).toBe(1);
      expect(slos[0].outputPorts[0].observed).toBe(false);
      expect(statuses).toEqual([
        expect.objectContaining({
          entityRef: 'dataproduct:default/orders',
          status: 'unknown',
        }),
      ]);

      await store.ingest([writeOf('orders', now - 60_000)]);
      now += 29_000;
      expect(await observed()).toEqual([false]);
      await service.refreshed();
      expect(measurements.datasetIdReads).toBe(1);
      // Past the half minute: the last measurement, while the next runs.
      now += 2_000;
      expect(await observed()).toEqual([false]);
      await service.refreshed();
      expect(measurements.datasetIdReads).toBe(2);
      expect(await observed()).toEqual([true]);

      // A product added is measured for the request that finds it, alone.
      products = [...products, product('customers')];
      expect(await observed()).toEqual([true, false]);
      expect(measurements.datasetIdReads).toBe(3);
      // So is one edited: its last measurement is of what it no longer says.
      products = [
        products[0],
        dataProduct('customers', { slos: { freshness: { maxDelay: '2h' } } }),
      ];
      const [, customers] = await service.slos();
      expect(customers.outputPorts[0]).toMatchObject({ observed: false });
      expect(measurements.datasetIdReads).toBe(4);
      // One removed is no longer answered.
      products = [products[0]];
      expect(await observed()).toEqual([true]);
      expect(measurements.datasetIdReads).toBe(4);

      // A failed re-measurement keeps the last answer; the next tries again.
      now += 31_000;
      measurements.failNext = true;
      expect(await observed()).toEqual([true]);
      await service.refreshed();
      expect(measurements.datasetIdReads).toBe(5);
      // No caller sees it fail: the log does.
      expect(logger.warn).toHaveBeenCalledWith(
        expect.stringMatching(
          /^SLO re-measurement stopped at dataproduct:default\/orders.*database down/,
        ),
      );
      expect(await observed()).toEqual([true]);
      await service.refreshed();
      expect(measurements.datasetIdReads).toBe(6);
      // A first measurement that fails fails its request, and is not kept.
      products = [products[0], product('returns')];
      measurements.failNext = true;
      await expect(service.slos()).rejects.toThrow('database down');
      expect(await observed()).toEqual([true, false]);
    },
  );

  it.each(databases.eachSupportedId())(
    'answers the last measurement while the next one runs, one at a time however many ask, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const store = await OpenLineageEventStore.create(knex);
      let now = Date.parse('2026-12-01T12:00:00Z');
      const measurements = new CountedMeasurements(knex);
      const service = new ProductLineageService({
        loadProducts: async () => [product('orders')],
        measurements,
        now: () => now,
      });
      const [before] = await service.slos();
      expect(before.outputPorts[0].observed).toBe(false);
      await store.ingest([writeOf('orders', now - 60_000)]);
      now += 31_000;

      let release = () => {};
      measurements.holdNext = new Promise(resolve => {
        release = resolve;
      });
      // The re-measurement is held: neither request waits for it.
      const [first, second] = await Promise.all([
        service.slos(),
        service.slos(),
      ]);
      expect(await service.slos()).toEqual([before]);
      expect([first, second]).toEqual([[before], [before]]);
      release();
      await service.refreshed();
      expect(measurements.datasetIdReads).toBe(2);
      const [after] = await service.slos();
      expect(after.outputPorts[0].observed).toBe(true);
      expect(after.measuredAt).toBe(new Date(now).toISOString());
    },
  );

  it.each(databases.eachSupportedId())(
    'rests half a minute after a background re-measurement however long it took, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await OpenLineageEventStore.create(knex);
      let now = Date.parse('2026-12-01T12:00:00Z');
      const measurements = new CountedMeasurements(knex);
      const service = new ProductLineageService({
        loadProducts: async () => [product('orders'), product('customers')],
        measurements,
        now: () => now,
      });
      await service.slos();
      expect(measurements.datasetIdReads).toBe(2);
      now += 31_000;
      // The pass measures orders, then takes 40 s over customers.
      let release = () => {};
      measurements.holdRead = 4;
      measurements.holdNext = new Promise(resolve => {
        release = resolve;
      });
      await service.slos();
      while (measurements.datasetIdReads < 4) {
        await new Promise(resolve => setImmediate(resolve));
      }
      now += 40_000;
      release();
      await service.refreshed();
      // Orders was measured 40 s ago, but the pass has only just ended.
      await service.slos();
      await service.refreshed();
      expect(measurements.datasetIdReads).toBe(4);
      now += 31_000;
      await service.slos();
      await service.refreshed();
      expect(measurements.datasetIdReads).toBe(6);
    },
  );

  it.each(databases.eachSupportedId())(
    'measures a product added while the others are measured, without measuring those twice, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await OpenLineageEventStore.create(knex);
      let products = [product('orders')];
      const measurements = new CountedMeasurements(knex);
      const service = new ProductLineageService({
        loadProducts: async () => products,
        measurements,
      });
      let release = () => {};
      measurements.holdNext = new Promise(resolve => {
        release = resolve;
      });
      const first = service.slos();
      // Until the first has read the list and asked for its datasets.
      while (measurements.datasetIdReads === 0) {
        await new Promise(resolve => setImmediate(resolve));
      }
      products = [...products, product('customers')];
      const second = service.slos();
      release();
      expect((await second).map(slo => slo.entityRef)).toEqual([
        'dataproduct:default/orders',
        'dataproduct:default/customers',
      ]);
      expect((await first).map(slo => slo.entityRef)).toEqual([
        'dataproduct:default/orders',
      ]);
      expect((await first)[0]).toBe((await second)[0]);
      expect(measurements.datasetIdReads).toBe(2);
    },
  );

  describe("gives way to the backend's other requests while it measures", () => {
    /**
     * SQLite only: there each query answers through promises alone, while
     * on Postgres the network gives way between queries whatever the code.
     */
    const onSqlite = () =>
      databases.eachSupportedId().filter(([id]) => id === 'SQLITE_3');

    /** A write of `name`'s table by a run of its own. */
    const ownWrite = (name: string, time: number, run: number) =>
      writeOf(
        name,
        time,
        'COMPLETE',
        `01936893-9751-7a91-a2a0-${String(run).padStart(12, '0')}`,
      );

    /** Measurements that call `onRead` as they read a port's writes. */
    class Watched extends CountedMeasurements {
      onRead?: () => void;
      async successfulWrites(
        ...args: Parameters<CountedMeasurements['successfulWrites']>
      ) {
        this.onRead?.();
        return super.successfulWrites(...args);
      }
    }

    /**
     * Whether a callback of the event loop, scheduled once `measure` has
     * read a port's writes, runs before `measure` ends: on SQLite each query
     * answers synchronously, through promises only, so a pass that never
     * gives way holds every other request until it ends.
     */
    async function givesWay(
      measurements: Watched,
      measure: () => Promise<unknown>,
    ) {
      let ended = false;
      let ranBeforeEnd: boolean | undefined;
      measurements.onRead = () => {
        measurements.onRead = undefined;
        setImmediate(() => {
          ranBeforeEnd = !ended;
        });
      };
      await measure();
      ended = true;
      await new Promise(resolve => setImmediate(resolve));
      return ranBeforeEnd;
    }

    const ports = ['a', 'b', 'c'].map(name => ({
      name,
      type: 'table' as const,
      dataset: { namespace: NS, name: `mart.${name}` },
    }));

    it.each(onSqlite())('between products, on %p', async databaseId => {
      const knex = await databases.init(databaseId);
      const store = await OpenLineageEventStore.create(knex);
      const now = Date.parse('2026-12-01T12:00:00Z');
      const names = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
      await store.ingest(
        names.map((name, run) => ownWrite(name, now - 60_000, run)),
      );
      const measurements = new Watched(knex);
      const service = new ProductLineageService({
        loadProducts: async () =>
          names.map(name =>
            dataProduct(name, { slos: { freshness: { maxDelay: '1h' } } }),
          ),
        measurements,
        now: () => now,
      });
      expect(await givesWay(measurements, () => service.slos())).toBe(true);
    });

    it.each(onSqlite())(
      'between the ports of a product, on %p',
      async databaseId => {
        const knex = await databases.init(databaseId);
        const store = await OpenLineageEventStore.create(knex);
        const now = Date.parse('2026-12-01T12:00:00Z');
        await store.ingest(
          ['a', 'b', 'c'].map((name, run) => ownWrite(name, now - 60_000, run)),
        );
        const measurements = new Watched(knex);
        const service = new ProductLineageService({
          loadProducts: async () => [
            dataProduct('orders', {
              outputPorts: ports,
              slos: { freshness: { maxDelay: '1h' } },
            }),
          ],
          measurements,
          now: () => now,
        });
        expect(
          await givesWay(measurements, () =>
            service.slo('dataproduct:default/orders'),
          ),
        ).toBe(true);
      },
    );
  });

  describe('measures what runs report as the product declares it', () => {
    const now = Date.parse('2026-12-01T12:00:00Z');
    const HOUR = 3_600_000;
    const ordersTable = { namespace: NS, name: 'mart.orders' };
    /** A completed run of `job` at `time` writing `outputs`, reading `inputs`. */
    const ranAt = (
      n: number,
      time: number,
      outputs: object[],
      inputs: object[] = [],
      job = 'orders_daily',
    ) =>
      validEvent({
        eventType: 'COMPLETE',
        eventTime: new Date(time).toISOString(),
        producer: 'https://example.com/test',
        run: { runId: `01936893-9751-7a91-a2a0-0000000009${n}` },
        job: { namespace: 'etl', name: job },
        inputs,
        outputs,
      });
    const write = (outputFacets: object) => ({ ...ordersTable, outputFacets });
    async function sloOf(
      knex: Knex,
      events: Array<ReturnType<typeof validEvent>>,
      measured: DataProductEntityV1alpha1,
    ) {
      const store = await OpenLineageEventStore.create(knex);
      await store.ingest(events, now);
      const [slo] = await slosOf(knex, [measured], now);
      return slo.outputPorts[0];
    }

    it.each(databases.eachSupportedId())(
      'names a table lineage saw in another case than the port declares, on %p',
      async databaseId => {
        const knex = await databases.init(databaseId);
        const port = await sloOf(
          knex,
          [ranAt(1, now - HOUR, [{ namespace: NS, name: 'MART.ORDERS' }])],
          dataProduct('orders'),
        );
        expect(port).toMatchObject({
          observed: false,
          message: `No OpenLineage events mention this dataset as declared; lineage has seen ${NS} MART.ORDERS, whose name differs only in case: declare the dataset as producers report it`,
        });
        // An underscore is a letter of the name, not a pattern's wildcard.
        const other = await sloOf(
          knex,
          [ranAt(2, now - HOUR, [{ namespace: NS, name: 'MART.PAYXMENTS' }])],
          dataProduct('pay_ments'),
        );
        expect(other).toMatchObject({
          observed: false,
          message: 'No OpenLineage events mention this dataset yet',
        });
      },
    );

    it.each(databases.eachSupportedId())(
      "judges a quality SLO on a contract column's logical name by its physical name, nested ones too, on %p",
      async databaseId => {
        const knex = await databases.init(databaseId);
        const orders = dataProduct('orders', {
          outputPorts: [
            {
              name: 'orders',
              type: 'table',
              dataset: ordersTable,
              contract: ordersContract([
                {
                  name: 'customerId',
                  physicalName: 'customer_id',
                  physicalType: 'BIGINT',
                },
                {
                  name: 'shipping',
                  physicalName: 'ship_to',
                  logicalType: 'object',
                  properties: [{ name: 'city', physicalName: 'town' }],
                },
              ]),
            },
          ],
          slos: {
            quality: [
              { column: 'customerId', metric: 'nullRate', max: 0.01 },
              { column: 'shipping.city', metric: 'nullRate', max: 0 },
            ],
          },
        });
        const port = await sloOf(
          knex,
          [
            ranAt(1, now - HOUR, [
              write({
                dataQualityMetrics: {
                  rowCount: 100,
                  columnMetrics: {
                    customer_id: { nullCount: 50 },
                    'ship_to.town': { nullCount: 0 },
                  },
                },
              }),
            ]),
          ],
          orders,
        );
        expect(port.quality).toMatchObject({
          status: 'breached',
          rules: [
            { column: 'customer_id', value: 0.5, status: 'breached' },
            { column: 'ship_to.town', value: 0, status: 'met' },
          ],
        });
      },
    );

    it.each(databases.eachSupportedId())(
      'leaves volume unknown when the latest write reported no row count, saying when and what the write before counted, on %p',
      async databaseId => {
        const knex = await databases.init(databaseId);
        const orders = dataProduct('orders', {
          slos: { volume: { minRatio: 0.5, maxRatio: 2 } },
        });
        const port = await sloOf(
          knex,
          [
            ...[4, 3, 2].map(day =>
              ranAt(day, now - day * 24 * HOUR, [
                write({ outputStatistics: { rowCount: 1000 } }),
              ]),
            ),
            ranAt(1, now - HOUR, [ordersTable]),
          ],
          orders,
        );
        expect(port.volume).toEqual({
          status: 'unknown',
          band: { minRatio: 0.5, maxRatio: 2 },
          samples: 3,
          uncountedWrite: {
            endedAt: new Date(now - HOUR).toISOString(),
            rowCountBefore: 1000,
          },
        });
      },
    );

    it.each(databases.eachSupportedId())(
      'measures a null rate over the rows the reporting run wrote when its metrics count none, on %p',
      async databaseId => {
        const knex = await databases.init(databaseId);
        const orders = dataProduct('orders', {
          slos: { quality: [{ column: 'c', metric: 'nullRate', max: 0.01 }] },
        });
        const port = await sloOf(
          knex,
          [
            ranAt(1, now - HOUR, [
              write({
                outputStatistics: { rowCount: 100 },
                dataQualityMetrics: { columnMetrics: { c: { nullCount: 50 } } },
              }),
            ]),
          ],
          orders,
        );
        expect(port.quality).toMatchObject({
          status: 'breached',
          rules: [{ column: 'c', value: 0.5, status: 'breached' }],
        });
      },
    );

    it.each(databases.eachSupportedId())(
      'sees a declared input of its own output table that its job reads back, and finds no drift in one undeclared, on %p',
      async databaseId => {
        const knex = await databases.init(databaseId);
        const store = await OpenLineageEventStore.create(knex);
        // An incremental merge: reads what it wrote before, writes it anew.
        await store.ingest(
          [ranAt(1, now - HOUR, [ordersTable], [ordersTable])],
          now,
        );
        const driftOf = async (reader: DataProductEntityV1alpha1) =>
          (
            await new ProductLineageService({
              loadProducts: async () => [reader],
              measurements: new CountedMeasurements(knex),
              now: () => now,
            }).graph()
          ).drift[0];
        expect(
          await driftOf(
            dataProduct('orders', {
              inputPorts: [{ name: 'prev', dataset: ordersTable }],
            }),
          ),
        ).toMatchObject({
          observed: true,
          unseenInputs: [],
          undeclaredInputs: [],
        });
        expect(await driftOf(dataProduct('orders'))).toMatchObject({
          observed: true,
          unseenInputs: [],
          undeclaredInputs: [],
        });
      },
    );
  });

  describe("finds a port's dataset under any spelling of its namespace", () => {
    const now = Date.parse('2026-12-01T12:00:00Z');
    const HOUR = 3_600_000;
    let runs = 0;
    /** A completed run of etl/`job` `hoursAgo`, reading and writing datasets. */
    const ran = (
      job: string,
      hoursAgo: number,
      inputs: Array<{ namespace: string; name: string }>,
      outputs: Array<{ namespace: string; name: string }>,
    ) => {
      runs++;
      return validEvent({
        eventType: 'COMPLETE',
        eventTime: new Date(now - hoursAgo * HOUR).toISOString(),
        producer: 'https://example.com/test',
        run: {
          runId: `01936893-9751-7a91-a2a0-${String(runs).padStart(12, '0')}`,
        },
        job: { namespace: 'etl', name: job },
        inputs,
        outputs,
      });
    };
    async function serviceOver(
      knex: Knex,
      events: Array<ReturnType<typeof validEvent>>,
      products: DataProductEntityV1alpha1[],
    ) {
      const store = await OpenLineageEventStore.create(knex);
      await store.ingest(events, now);
      return new ProductLineageService({
        loadProducts: async () => products,
        measurements: new CountedMeasurements(knex),
        now: () => now,
      });
    }

    it.each(databases.eachSupportedId())(
      'measures a port whose runs spell its namespace otherwise, but not one of another port or a name in other case, on %p',
      async databaseId => {
        const knex = await databases.init(databaseId);
        const lake = { namespace: 's3://lake', name: 'warehouse/events' };
        const service = await serviceOver(
          knex,
          [
            // Without the default port, as a connection string has it.
            ran(
              'a',
              0.5,
              [],
              [{ namespace: 'postgres://warehouse', name: 'mart.a' }],
            ),
            ran(
              'b',
              0.5,
              [],
              [{ namespace: 'postgresql://warehouse:5432', name: 'mart.b' }],
            ),
            ran(
              'c',
              0.5,
              [],
              [{ namespace: 'postgres://Warehouse:5432', name: 'mart.c' }],
            ),
            // As Spark's Hadoop file system names the bucket.
            ran('events', 0.5, [], [{ ...lake, namespace: 's3a://lake' }]),
            // Another server; a name in other case, which may be another table.
            ran(
              'd',
              0.5,
              [],
              [{ namespace: 'postgres://warehouse:6432', name: 'mart.d' }],
            ),
            ran(
              'e',
              0.5,
              [],
              [{ namespace: 'postgres://warehouse', name: 'MART.E' }],
            ),
          ],
          [
            ...['a', 'b', 'c', 'd', 'e'].map(product),
            dataProduct('events', {
              outputPorts: [{ name: 'events', type: 'file', dataset: lake }],
              slos: { freshness: { maxDelay: '1h' } },
            }),
          ],
        );
        const ports = (await service.slos()).map(slo => slo.outputPorts[0]);
        expect(
          ports.map(p => [p.name, p.observed && p.freshness?.status]),
        ).toEqual([
          ['a', 'met'],
          ['b', 'met'],
          ['c', 'met'],
          ['d', false],
          ['e', false],
          ['events', 'met'],
        ]);
        expect(ports.find(p => p.name === 'd')).toMatchObject({
          observed: false,
          message: 'No OpenLineage events mention this dataset yet',
        });
        expect(ports.find(p => p.name === 'e')).toMatchObject({
          observed: false,
          message: `No OpenLineage events mention this dataset as declared; lineage has seen postgres://warehouse MART.E, whose name differs only in case: declare the dataset as producers report it`,
        });
      },
    );

    it.each(databases.eachSupportedId())(
      'measures a port from its writes under each stored spelling of its namespace, on %p',
      async databaseId => {
        const knex = await databases.init(databaseId);
        const service = await serviceOver(
          knex,
          [
            ran('old_loader', 5, [], [{ namespace: NS, name: 'mart.orders' }]),
            ran(
              'spark_loader',
              0.5,
              [],
              [{ namespace: 'postgresql://warehouse', name: 'mart.orders' }],
            ),
          ],
          [product('orders')],
        );
        const [orders] = await service.slos();
        expect(orders.outputPorts[0].freshness).toMatchObject({
          status: 'met',
          lastSuccessfulWrite: new Date(now - 0.5 * HOUR).toISOString(),
        });
      },
    );

    it.each(databases.eachSupportedId())(
      'sees product lineage, drift, impact and owners through a port read and written under other spellings, on %p',
      async databaseId => {
        const knex = await databases.init(databaseId);
        const service = await serviceOver(
          knex,
          [
            ran(
              'orders',
              3,
              [],
              [{ namespace: 'postgres://warehouse', name: 'mart.orders' }],
            ),
            ran(
              'revenue',
              2,
              [
                {
                  namespace: 'postgresql://warehouse:5432',
                  name: 'mart.orders',
                },
              ],
              [{ namespace: NS, name: 'mart.revenue' }],
            ),
            ran(
              'margin',
              1,
              [{ namespace: 'postgres://WAREHOUSE', name: 'mart.orders' }],
              [{ namespace: NS, name: 'mart.margin' }],
            ),
            // Another server's table of that name is not the port.
            ran(
              'other',
              1,
              [{ namespace: 'postgres://warehouse:6432', name: 'mart.orders' }],
              [{ namespace: NS, name: 'mart.other' }],
            ),
          ],
          [
            dataProduct('orders'),
            dataProduct('revenue', {
              inputPorts: [
                { name: 'orders', from: 'dataproduct:default/orders#orders' },
              ],
            }),
            dataProduct('margin'),
            dataProduct('other'),
          ],
        );
        const { edges, drift } = await service.graph();
        expect(edges.map(e => `${e.source} > ${e.target}`).sort()).toEqual([
          'dataproduct:default/orders > dataproduct:default/margin',
          'dataproduct:default/orders > dataproduct:default/revenue',
        ]);
        const driftOf = (name: string) =>
          drift.find(d => d.product === `dataproduct:default/${name}`)!;
        expect(driftOf('revenue')).toMatchObject({
          undeclaredInputs: [],
          unseenInputs: [],
        });
        expect(driftOf('margin').undeclaredInputs).toEqual([
          {
            product: 'dataproduct:default/orders',
            dataset: { namespace: NS, name: 'mart.orders' },
          },
        ]);
        const { impacted } = await service.impact('dataproduct:default/orders');
        expect(impacted.map(i => i.entityRef).sort()).toEqual([
          'dataproduct:default/margin',
          'dataproduct:default/revenue',
        ]);
        const owners = await service.datasetOwners([
          { namespace: 'postgres://warehouse', name: 'mart.orders' },
          { namespace: 'postgres://warehouse:6432', name: 'mart.orders' },
          { namespace: 'postgres://warehouse', name: 'MART.ORDERS' },
        ]);
        expect(owners.map(o => [o.namespace, o.product.entityRef])).toEqual([
          ['postgres://warehouse', 'dataproduct:default/orders'],
        ]);
      },
    );
  });
});
