import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { parseNodeId } from '@meshwork/plugin-lineage-common';
import { createStoreTestDatabases } from '@meshwork/test-utils';
import { Knex } from 'knex';
import { dataProduct } from '../__testUtils__/dataProduct';
import { lineageBackendHolding } from '../__testUtils__/lineageBackendHolding';
import { validEvent } from '../__testUtils__/validEvent';
import { namedKey } from './facetValues';
import { LineageReader } from './LineageReader';
import { OpenLineageEventStore } from './OpenLineageEventStore';
import { ProductMeasurements } from './ProductMeasurements';
import { symlinkAliases, symlinkedDatasetIds } from './symlinkedDatasetIds';

type Named = { namespace: string; name: string };

let runs = 0;

/**
 * A completed run of job etl/`job` at `eventTime`, writing `output` (files
 * by path) that a `symlinks` facet names as each of `tables`, and reading
 * `inputs`.
 */
function wrote(
  job: string,
  eventTime: string,
  output: Named,
  tables: Named[],
  inputs: Named[] = [],
) {
  return {
    eventType: 'COMPLETE',
    eventTime,
    producer: 'https://example.com/test',
    run: {
      runId: `01936893-9751-7a91-a2a0-${String(++runs).padStart(12, '0')}`,
    },
    job: { namespace: 'etl', name: job },
    inputs,
    outputs: [
      {
        ...output,
        facets: {
          symlinks: {
            identifiers: tables.map(table => ({ ...table, type: 'TABLE' })),
          },
        },
      },
    ],
  };
}

/** The stored datasets' ids, by `namespace\0name`. */
async function storedIds(knex: Knex): Promise<Map<string, number>> {
  const rows = await knex('lineage_datasets').select('id', 'namespace', 'name');
  return new Map(rows.map(row => [namedKey(row), Number(row.id)]));
}

const hiveTable = { namespace: 'hive://metastore:9083', name: 'mart.m1' };
const hiveFiles = { namespace: 's3://bucket', name: '/warehouse/m1' };
const pgTable = { namespace: 'postgres://warehouse:5432', name: 'mart.m2' };
const pgFiles = { namespace: 's3://bucket', name: '/warehouse/m2' };

describe('symlinkedDatasetIds', () => {
  const databases = createStoreTestDatabases();

  it.each(databases.eachSupportedId())(
    'finds the files a symlink names under another spelling of the namespace, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const store = await OpenLineageEventStore.create(knex);
      const otherTable = { namespace: 'postgres://warehouse:6432', name: 'x' };
      const otherFiles = { namespace: 's3://bucket', name: '/warehouse/x' };
      await store.ingest(
        [
          wrote('m1', '2026-12-01T10:00:00Z', hiveFiles, [
            { ...hiveTable, namespace: 'hive://METASTORE:9083' },
          ]),
          wrote('m2', '2026-12-01T10:00:00Z', pgFiles, [
            { ...pgTable, namespace: 'postgresql://WAREHOUSE' },
          ]),
          // Another port, and a name in another case, are other tables.
          wrote('x', '2026-12-01T10:00:00Z', otherFiles, [
            otherTable,
            { ...pgTable, name: 'MART.M2' },
          ]),
        ].map(validEvent),
      );
      const ids = await storedIds(knex);

      const linked = await symlinkedDatasetIds(knex, [
        hiveTable,
        pgTable,
        { ...otherTable, namespace: 'postgres://warehouse' },
        { ...pgTable, name: 'mart.M2' },
      ]);

      expect(linked).toEqual(
        new Map([
          [namedKey(hiveTable), ids.get(namedKey(hiveFiles))],
          [namedKey(pgTable), ids.get(namedKey(pgFiles))],
        ]),
      );
    },
  );

  it.each(databases.eachSupportedId())(
    'opens the files of a node id a symlink spells otherwise, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const store = await OpenLineageEventStore.create(knex);
      await store.ingest([
        validEvent(
          wrote('m1', '2026-12-01T10:00:00Z', hiveFiles, [
            { ...hiveTable, namespace: 'hive://METASTORE:9083' },
          ]),
        ),
      ]);

      const node = await new LineageReader(knex).resolve(
        parseNodeId(`dataset:${hiveTable.namespace}:${hiveTable.name}`)!,
      );

      expect(node).toMatchObject({ type: 'dataset', ...hiveFiles });
    },
  );

  it.each(databases.eachSupportedId())(
    'of files naming one table under several spellings, picks the last written, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const store = await OpenLineageEventStore.create(knex);
      const moved = { namespace: 's3://bucket', name: '/warehouse/m2-v2' };
      await store.ingest(
        [
          // The old path names the table as the port spells it; the new one,
          // written since, as a connection string spells it.
          wrote('old', '2026-12-01T10:00:00Z', pgFiles, [pgTable]),
          wrote('new', '2026-12-01T11:00:00Z', moved, [
            { ...pgTable, namespace: 'postgresql://warehouse' },
          ]),
        ].map(validEvent),
      );
      const ids = await storedIds(knex);

      const linked = await symlinkedDatasetIds(knex, [pgTable]);

      expect(linked.get(namedKey(pgTable))).toBe(ids.get(namedKey(moved)));
    },
  );
});

describe('symlinkAliases', () => {
  const databases = createStoreTestDatabases();

  it.each(databases.eachSupportedId())(
    'joins a table and its files under any spelling of its namespace, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const store = await OpenLineageEventStore.create(knex);
      await store.ingest(
        [
          // Spark writes the files, naming the table with its host in
          // capitals; a quality check reads the table by name.
          wrote('m1', '2026-12-01T10:00:00Z', hiveFiles, [
            { ...hiveTable, namespace: 'hive://METASTORE:9083' },
          ]),
          wrote(
            'check',
            '2026-12-01T11:00:00Z',
            { name: 'ok', namespace: 'x' },
            [],
            [hiveTable],
          ),
        ].map(validEvent),
      );
      const ids = await storedIds(knex);
      const files = ids.get(namedKey(hiveFiles))!;
      const table = ids.get(namedKey(hiveTable))!;

      const aliases = await symlinkAliases(knex, [files, table]);

      expect(aliases).toEqual(
        new Map([
          [files, [files, table]],
          [table, [table, files]],
        ]),
      );
    },
  );
});

describe('SLOs of a port known by a symlink', () => {
  const databases = createStoreTestDatabases();

  it.each(databases.eachSupportedId())(
    'count writes of files a symlink names under another spelling of the port namespace, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const now = Date.now();
      const written = new Date(now - 10 * 60_000).toISOString();
      const port = (table: Named) => ({
        outputPorts: [{ name: 'p', type: 'table' as const, dataset: table }],
        slos: {
          freshness: { maxDelay: '1h', objective: '90%', window: '10h' },
        },
      });
      const { backend, get } = await lineageBackendHolding(
        knex,
        [
          wrote('m1', written, hiveFiles, [
            { ...hiveTable, namespace: 'hive://METASTORE:9083' },
          ]),
          wrote('m2', written, pgFiles, [
            { ...pgTable, namespace: 'postgresql://WAREHOUSE' },
          ]),
        ],
        {
          features: [
            catalogServiceMock.factory({
              entities: [
                dataProduct('m1', port(hiveTable)),
                dataProduct('m2', port(pgTable)),
              ],
            }),
          ],
        },
      );
      try {
        for (const product of ['m1', 'm2']) {
          const slo = await get(
            `/entities/dataproduct/default/${product}/slo`,
          ).expect(200);
          expect(slo.body.outputPorts[0]).toMatchObject({
            observed: true,
            freshness: { status: 'met', lastSuccessfulWrite: written },
          });
        }
      } finally {
        await backend.stop();
      }
    },
  );
});

describe('ProductMeasurements over symlinks', () => {
  const databases = createStoreTestDatabases();

  it.each(databases.eachSupportedId())(
    'reads a port declared by its files from the table a query names in another spelling, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const store = await OpenLineageEventStore.create(knex);
      await store.ingest(
        [
          wrote('m2', '2026-12-01T10:00:00Z', pgFiles, [
            { ...pgTable, namespace: 'postgresql://WAREHOUSE' },
          ]),
          wrote(
            'other',
            '2026-12-01T11:00:00Z',
            { namespace: 'x', name: 'y' },
            [],
            [{ ...pgTable, namespace: 'postgres://warehouse' }],
          ),
        ].map(validEvent),
      );
      const ids = await storedIds(knex);
      const measurements = new ProductMeasurements(knex);

      const id = (await measurements.datasetIds([pgTable])).get(
        namedKey(pgTable),
      )!;

      expect(id).toBe(ids.get(namedKey(pgFiles)));
      expect((await measurements.sameTableIds([id])).get(id)).toEqual([
        id,
        ids.get(namedKey({ ...pgTable, namespace: 'postgres://warehouse' })),
      ]);
    },
  );
});
