import type { Knex } from 'knex';
import { createStoreTestDatabases } from '@meshwork/test-utils';
import { dataProduct, PRODUCT_NAMESPACE } from './__testUtils__/dataProduct';
import { CountedMeasurements } from './__testUtils__/CountedMeasurements';
import { validEvent } from './__testUtils__/validEvent';
import { ProductLineageService } from './service/products/ProductLineageService';
import { OpenLineageEventStore } from './store/OpenLineageEventStore';

const NS = PRODUCT_NAMESPACE;
const NOW = Date.parse('2026-12-01T12:00:00Z');
const HOUR = 3_600_000;

const facet = (fields: object) => ({
  _producer: 'https://example.com/test',
  _schemaURL: 'https://example.com/schema',
  ...fields,
});
const rows = (rowCount: number) => ({
  outputFacets: { outputStatistics: facet({ rowCount }) },
});
const changed = (change: string) => ({
  facets: { lifecycleStateChange: facet({ lifecycleStateChange: change }) },
});

let runs = 0;
/**
 * A completed run of etl/<job> writing mart.<table> `hoursAgo`, reading
 * mart.<read>.
 */
function run(
  table: string,
  job: string,
  hoursAgo: number,
  output = {},
  read: string[] = [],
) {
  return validEvent({
    eventType: 'COMPLETE',
    eventTime: new Date(NOW - hoursAgo * HOUR).toISOString(),
    producer: 'https://example.com/test',
    run: {
      runId: `01936893-9751-7a91-a2a0-${String(++runs).padStart(12, '0')}`,
    },
    job: { namespace: 'etl', name: job },
    inputs: read.map(name => ({ namespace: NS, name: `mart.${name}` })),
    outputs: [{ namespace: NS, name: `mart.${table}`, ...output }],
  });
}

/** The output port of each of `tables`' products, measured at NOW. */
async function portsOf(knex: Knex, tables: string[]) {
  const slos = await new ProductLineageService({
    loadProducts: async () =>
      tables.map(name =>
        dataProduct(name, {
          slos: {
            freshness: { maxDelay: '1d' },
            volume: { minRatio: 0.5, maxRatio: 2 },
          },
        }),
      ),
    measurements: new CountedMeasurements(knex),
    now: () => NOW,
  }).slos();
  return slos.map(slo => slo.outputPorts[0]);
}

describe('lifecycle changes in measured SLOs', () => {
  const databases = createStoreTestDatabases();

  it.each(databases.eachSupportedId())(
    'counts an ALTER as a write only if it counted rows, and a CREATE or a RENAME (into place) as one, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const store = await OpenLineageEventStore.create(knex);
      const tables = ['altered', 'renamed', 'loaded', 'created'];
      for (const table of tables) {
        for (const hoursAgo of [96, 72, 48]) {
          await store.ingest([
            run(table, `${table}_load`, hoursAgo, rows(100)),
          ]);
        }
      }
      await store.ingest([
        run('altered', 'alter', 1, changed('ALTER')),
        run('renamed', 'rename', 1, changed('RENAME')),
        run('loaded', 'alter_and_load', 1, {
          ...changed('ALTER'),
          ...rows(100),
        }),
        run('created', 'create', 1, changed('CREATE')),
      ]);
      const [altered, renamed, loaded, created] = await portsOf(knex, tables);
      for (const port of [altered]) {
        expect({ port: port.name, freshness: port.freshness }).toMatchObject({
          port: port.name,
          freshness: {
            status: 'breached',
            lastSuccessfulWrite: new Date(NOW - 48 * HOUR).toISOString(),
          },
        });
      }
      for (const port of [renamed, loaded, created]) {
        expect({ port: port.name, freshness: port.freshness }).toMatchObject({
          port: port.name,
          freshness: {
            status: 'met',
            lastSuccessfulWrite: new Date(NOW - HOUR).toISOString(),
          },
        });
      }
      // Marquez's lastModifiedAt is of the same writes.
      const idOf = async (table: string) =>
        (
          await knex('lineage_datasets')
            .where({ namespace: NS, name: `mart.${table}` })
            .first('id')
        ).id as number;
      const ids = await Promise.all(tables.map(idOf));
      const written = await new CountedMeasurements(knex).lastSuccessfulWrites(
        ids,
      );
      expect(ids.map(id => written.get(id))).toEqual([
        NOW - 48 * HOUR,
        NOW - HOUR,
        NOW - HOUR,
        NOW - HOUR,
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'takes no row count from before a drop as the latest, when no write since counted rows, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const store = await OpenLineageEventStore.create(knex);
      for (const table of ['recreated', 'reloaded']) {
        for (const hoursAgo of [72, 48, 24]) {
          await store.ingest([
            run(table, `${table}_load`, hoursAgo, rows(100)),
          ]);
        }
        await store.ingest([
          run(table, `${table}_ddl`, 1 / 3, changed('DROP')),
        ]);
      }
      await store.ingest([
        run('recreated', 'recreated_ddl', 1 / 6, changed('CREATE')),
        run('reloaded', 'reloaded_load', 1 / 6, rows(100)),
      ]);
      const [recreated, reloaded] = await portsOf(knex, [
        'recreated',
        'reloaded',
      ]);
      // Created again, empty or of rows nobody counted: written, but of
      // no volume known.
      expect(recreated.freshness).toMatchObject({ status: 'met' });
      expect(recreated.volume).toEqual({
        status: 'unknown',
        band: { minRatio: 0.5, maxRatio: 2 },
        samples: 3,
        uncountedWrite: { endedAt: new Date(NOW - HOUR / 6).toISOString() },
      });
      // Loaded again, its loads before the drop still its history.
      expect(reloaded.volume).toMatchObject({
        status: 'met',
        latestRowCount: 100,
        samples: 4,
      });
    },
  );

  it.each(databases.eachSupportedId())(
    'matches lifecycle states ignoring case, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const store = await OpenLineageEventStore.create(knex);
      for (const hoursAgo of [72, 48, 24]) {
        await store.ingest([run('orders', 'orders_load', hoursAgo, rows(100))]);
      }
      await store.ingest([run('orders', 'orders_drop', 1, changed('drop'))]);
      const [orders] = await portsOf(knex, ['orders']);
      expect(orders.freshness).toMatchObject({
        status: 'breached',
        lastSuccessfulWrite: new Date(NOW - 24 * HOUR).toISOString(),
        dropped: { at: new Date(NOW - HOUR).toISOString() },
      });
      expect(orders.volume).toMatchObject({ status: 'breached' });
    },
  );

  it.each(databases.eachSupportedId())(
    'takes a rename as a drop of the old name, naming the new one, and no drop of what the renaming run read, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const store = await OpenLineageEventStore.create(knex);
      for (const table of ['old_name', 'read']) {
        for (const hoursAgo of [72, 48, 24]) {
          await store.ingest([
            run(table, `${table}_load`, hoursAgo, rows(100)),
          ]);
        }
      }
      const rename = run(
        'new_name',
        'rename',
        1,
        {
          facets: {
            lifecycleStateChange: facet({
              lifecycleStateChange: 'RENAME',
              previousIdentifier: { namespace: NS, name: 'mart.old_name' },
            }),
          },
        },
        ['read'],
      );
      await store.ingest([rename]);
      const [renamed, read] = await portsOf(knex, ['old_name', 'read']);
      const dropped = {
        at: new Date(NOW - HOUR).toISOString(),
        job: { namespace: 'etl', name: 'rename' },
        runId: rename.event.run?.runId,
        renamedTo: { namespace: NS, name: 'mart.new_name' },
      };
      expect(renamed.freshness).toMatchObject({ status: 'breached', dropped });
      expect(renamed.volume).toMatchObject({ status: 'breached', dropped });
      expect(read.freshness).toMatchObject({ status: 'met' });
      expect(read.freshness?.dropped).toBeUndefined();
    },
  );
});
