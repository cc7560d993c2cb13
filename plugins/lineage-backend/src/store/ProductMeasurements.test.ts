import { createStoreTestDatabases } from '@meshwork/test-utils';
import { airflowParentFacet } from '../__testUtils__/dataProduct';
import { validEvent } from '../__testUtils__/validEvent';
import { OpenLineageEventStore } from './OpenLineageEventStore';
import { namedKey } from './facetValues';
import { ProductMeasurements } from './ProductMeasurements';
import { readWindowOf } from './ReadWindow';

/** Names that quoting, JSON or a tuple list could get wrong. */
const stored = [
  { namespace: 'postgres://warehouse:5432', name: 'analytics.orders' },
  { namespace: 'postgres://warehouse:5432', name: `it's "quoted" \\ too` },
  { namespace: 'snowflake://acme', name: 'MARTS.CAFÉ_ÜBER' },
];

/** A completed run of job etl/load writing `output`. */
const loadWrote = (runId: string, eventTime: string, output: object) =>
  validEvent({
    eventType: 'COMPLETE',
    eventTime,
    producer: 'https://example.com/test',
    run: { runId },
    job: { namespace: 'etl', name: 'load' },
    outputs: [output],
  });

/**
 * An event of a run of Flink job flink/orders (a stream, by its `jobType`
 * facet) writing the first stored dataset, reporting `fields` if given.
 */
const streamWrote = (
  runId: string,
  eventTime: string,
  eventType: string,
  fields?: object[],
) =>
  validEvent({
    eventType,
    eventTime,
    producer: 'https://example.com/test',
    run: { runId },
    job: {
      namespace: 'flink',
      name: 'orders',
      facets: {
        jobType: {
          _producer: 'https://example.com/test',
          _schemaURL:
            'https://openlineage.io/spec/facets/2-0-3/JobTypeJobFacet.json',
          processingType: 'STREAMING',
          integration: 'FLINK',
          jobType: 'JOB',
        },
      },
    },
    outputs: [
      { ...stored[0], ...(fields ? { facets: { schema: { fields } } } : {}) },
    ],
  });

let checkRuns = 0;

/**
 * A completed run of job checks/`job` reading the first stored dataset,
 * reporting on it in `inputFacets` (a suite of checks, run as a job of its
 * own).
 */
const checkRead = (job: string, eventTime: string, inputFacets: object) =>
  validEvent({
    eventType: 'COMPLETE',
    eventTime,
    producer: 'https://example.com/test',
    run: {
      runId: `01936893-9751-7a91-a2a0-${String(++checkRuns).padStart(12, '0')}`,
    },
    job: { namespace: 'checks', name: job },
    inputs: [{ ...stored[0], inputFacets }],
  });

/** A struct column `levels` deep, each level named after its depth. */
function structs(levels: number): object {
  let column: object = { name: `level${levels - 1}`, type: 'TEXT' };
  for (let level = levels - 2; level >= 0; level--) {
    column = { name: `level${level}`, type: 'STRUCT', fields: [column] };
  }
  return column;
}

const SOME_TIME = '2026-12-01T12:00:00Z';

const DAY = 86_400_000;

/** The clock's bound on event times in these tests. */
const SEEN_BY = Date.parse('2026-12-02T12:00:00Z');

describe('ProductMeasurements', () => {
  const databases = createStoreTestDatabases();

  it.each(databases.eachSupportedId())(
    'gives every name a dataset has, more than a call takes arguments, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const store = await OpenLineageEventStore.create(knex);
      const [dataset] = stored;
      await store.ingest([
        loadWrote('01936893-9751-7a91-a2a0-000000000009', SOME_TIME, dataset),
      ]);
      const { id } = await knex('lineage_datasets').where(dataset).first('id');
      const count = 150_000;
      await knex.batchInsert(
        'lineage_symlinks',
        Array.from({ length: count }, (_, i) => ({
          dataset_id: id,
          namespace: 'hive://metastore',
          name: `alias_${i}`,
          type: 'TABLE',
        })),
        // SQLite takes at most 500 rows to an insert.
        400,
      );

      const names = await new ProductMeasurements(knex).symlinkNames([dataset]);
      expect(names.get(namedKey(dataset))?.names).toHaveLength(count);
    },
    60_000,
  );

  it.each(databases.eachSupportedId())(
    'gives the ids of the datasets stored among many asked for, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const store = await OpenLineageEventStore.create(knex);
      await store.ingest([
        validEvent({
          eventType: 'COMPLETE',
          eventTime: '2026-12-01T12:00:00Z',
          producer: 'https://example.com/test',
          run: { runId: '01936893-9751-7a91-a2a0-000000000001' },
          job: { namespace: 'etl', name: 'load' },
          outputs: stored,
        }),
      ]);
      const asked = [
        ...stored,
        // Not stored: another case, another namespace, none at all.
        { namespace: 'postgres://warehouse:5432', name: 'ANALYTICS.ORDERS' },
        { namespace: 'postgres://other:5432', name: 'analytics.orders' },
        ...Array.from({ length: 700 }, (_, i) => ({
          namespace: 'postgres://warehouse:5432',
          name: `missing_${i}`,
        })),
        // Nothing stored holds a NUL; asking must not fail.
        { namespace: 'postgres://warehouse:5432', name: 'bad\u0000name' },
        // Asked twice.
        stored[0],
      ];

      const ids = await new ProductMeasurements(knex).datasetIds(asked);

      expect([...ids.keys()].sort()).toEqual(stored.map(namedKey).sort());
      const rows = await knex('lineage_datasets').select(
        'id',
        'namespace',
        'name',
      );
      for (const row of rows) {
        expect(ids.get(namedKey(row))).toBe(row.id);
      }
      expect(await new ProductMeasurements(knex).datasetIds([])).toEqual(
        new Map(),
      );
    },
  );

  it.each(databases.eachSupportedId())(
    'finds a dataset under each spelling of its namespace, as written first, by its name only as written, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const store = await OpenLineageEventStore.create(knex);
      const orders = (namespace: string, name = 'analytics.orders') => ({
        namespace,
        name,
      });
      const declared = orders('postgres://warehouse:5432');
      const spellings = [
        orders('postgres://warehouse'),
        orders('postgresql://Warehouse:5432'),
      ];
      const others = [
        orders('postgres://warehouse:6432'),
        orders('postgres://warehouse', 'ANALYTICS.ORDERS'),
      ];
      const lake = { namespace: 's3://lake', name: 'events' };
      await store.ingest([
        // A query reads the table as declared; its loaders write it as
        // their connection strings spell it.
        validEvent({
          eventType: 'COMPLETE',
          eventTime: '2026-12-01T11:00:00Z',
          producer: 'https://example.com/test',
          run: { runId: '01936893-9751-7a91-a2a0-000000000001' },
          job: { namespace: 'bi', name: 'report' },
          inputs: [declared],
        }),
        loadWrote('01936893-9751-7a91-a2a0-000000000002', SOME_TIME, {
          ...lake,
          namespace: 's3a://lake',
        }),
        ...[...spellings, ...others].map((output, i) =>
          loadWrote(
            `01936893-9751-7a91-a2a0-00000000001${i}`,
            SOME_TIME,
            output,
          ),
        ),
      ]);
      const rows = await knex('lineage_datasets').select(
        'id',
        'namespace',
        'name',
      );
      const idOf = (dataset: { namespace: string; name: string }) =>
        Number(rows.find(row => namedKey(row) === namedKey(dataset))!.id);
      const measurements = new ProductMeasurements(knex);

      const named = await measurements.namedDatasetIds([declared, lake]);
      const [asWritten, ...otherwise] = named.get(namedKey(declared))!;
      expect(asWritten).toBe(idOf(declared));
      expect(otherwise.sort()).toEqual(spellings.map(idOf).sort());
      expect(named.get(namedKey(lake))).toEqual([
        idOf({ ...lake, namespace: 's3a://lake' }),
      ]);
      // Of the spellings, one a job writes; its table's writes are read
      // from all of them.
      const id = (await measurements.datasetIds([declared])).get(
        namedKey(declared),
      )!;
      expect(spellings.map(idOf)).toContain(id);
      expect((await measurements.sameTableIds([id])).get(id)!.sort()).toEqual(
        [declared, ...spellings].map(idOf).sort(),
      );
      expect(
        await measurements.namedDatasetIds([
          orders('postgres://warehouse:5432', 'Analytics.Orders'),
          orders('mysql://warehouse:5432'),
        ]),
      ).toEqual(new Map());
    },
  );

  it.each(databases.eachSupportedId())(
    'dates a successful write no later than it was received, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const store = await OpenLineageEventStore.create(knex);
      const received = Date.parse('2026-12-01T12:00:00Z');
      const write = (runId: string, eventTime: string) =>
        loadWrote(runId, eventTime, stored[0]);
      await store.ingest(
        [
          write('01936893-9751-7a91-a2a0-000000000002', '2026-12-01T11:00:00Z'),
          // Ten hours ahead: a producer's local time sent without an offset.
          write('01936893-9751-7a91-a2a0-000000000003', '2026-12-01T22:00:00Z'),
        ],
        received,
      );
      const [id] = (
        await new ProductMeasurements(knex).datasetIds([stored[0]])
      ).values();
      const writes = await new ProductMeasurements(knex).successfulWrites(
        [id],
        0,
      );
      expect(writes.map(w => new Date(w.time).toISOString())).toEqual([
        '2026-12-01T11:00:00.000Z',
        '2026-12-01T12:00:00.000Z',
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'counts a run writing a table under two names once, with the row count either reported, newest first, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const store = await OpenLineageEventStore.create(knex);
      const files = { namespace: 's3://lake', name: 'warehouse/orders' };
      // Each run names the files, and the table with its row count.
      const wrote = (n: number) =>
        validEvent({
          eventType: 'COMPLETE',
          eventTime: `2026-12-0${n}T12:00:00Z`,
          producer: 'https://example.com/test',
          run: { runId: `01936893-9751-7a91-a2a0-00000000005${n}` },
          job: { namespace: 'spark', name: 'orders' },
          outputs: [
            files,
            {
              ...stored[0],
              outputFacets: { outputStatistics: { rowCount: n * 100 } },
            },
          ],
        });
      await store.ingest(
        [1, 2, 3].map(wrote),
        Date.parse('2026-12-04T00:00:00Z'),
      );
      const measurements = new ProductMeasurements(knex);
      const ids = [
        ...(await measurements.namedDatasetIds([files, stored[0]])).values(),
      ].flat();
      expect(ids).toHaveLength(2);
      for (const order of [ids, [...ids].reverse()]) {
        const writes = await measurements.successfulWrites(order, 0, {
          newest: 2,
        });
        expect(writes.map(w => w.rowCount)).toEqual([200, 300]);
        expect(
          (await measurements.successfulWrites(order, 0)).map(w => w.rowCount),
        ).toEqual([100, 200, 300]);
      }
    },
  );

  it.each(databases.eachSupportedId())(
    'dates a run writing a table under two names by its latest write under either, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const store = await OpenLineageEventStore.create(knex);
      const files = { namespace: 's3://lake', name: 'warehouse/orders' };
      const event = (
        runId: string,
        eventType: string,
        minute: number,
        output: object,
      ) =>
        validEvent({
          eventType,
          eventTime: `2026-12-01T12:${minute}:00Z`,
          producer: 'https://example.com/test',
          run: { runId: `01936893-9751-7a91-a2a0-0000000006${runId}` },
          job: { namespace: 'spark', name: 'orders' },
          outputs: [output],
        });
      await store.ingest(
        [
          // Its table's rows at 12:50, then its files at 12:59.
          event('01', 'RUNNING', 50, {
            ...stored[0],
            outputFacets: { outputStatistics: { rowCount: 5 } },
          }),
          event('01', 'COMPLETE', 59, files),
          event('02', 'COMPLETE', 53, stored[0]),
          event('03', 'COMPLETE', 56, files),
        ],
        Date.parse('2026-12-02T00:00:00Z'),
      );
      const measurements = new ProductMeasurements(knex);
      const ids = [
        ...(await measurements.namedDatasetIds([files, stored[0]])).values(),
      ].flat();
      const newest = await measurements.successfulWrites(ids, 0, {
        newest: 2,
      });
      expect(newest.map(w => [w.runId.slice(-2), w.rowCount])).toEqual([
        ['03', undefined],
        ['01', 5],
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'gives of the datasets one table name is a symlink of the last written, else the last named so, else the first, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const store = await OpenLineageEventStore.create(knex);
      /** Job etl/read reading `paths`, each a symlink of table `table`. */
      const read = (
        runId: string,
        eventTime: string,
        table: string,
        paths: string[],
      ) =>
        validEvent({
          eventType: 'COMPLETE',
          eventTime,
          producer: 'https://example.com/test',
          run: { runId },
          job: { namespace: 'etl', name: 'read' },
          inputs: paths.map(name => ({
            namespace: 'file',
            name,
            facets: {
              symlinks: {
                identifiers: [
                  { namespace: 'hive', name: table, type: 'TABLE' },
                ],
              },
            },
          })),
        });
      await store.ingest([
        // Read only: /a/1 named the table first, /a/2 since.
        read(
          '01936893-9751-7a91-a2a0-000000000011',
          '2026-12-01T10:00:00Z',
          'a',
          ['/a/1', '/a/2'],
        ),
        read(
          '01936893-9751-7a91-a2a0-000000000012',
          '2026-12-01T11:00:00Z',
          'a',
          ['/a/2'],
        ),
        // Named by one event: a tie.
        read(
          '01936893-9751-7a91-a2a0-000000000013',
          '2026-12-01T10:00:00Z',
          'b',
          ['/b/2', '/b/1'],
        ),
      ]);
      const id = async (name: string) =>
        (
          await knex('lineage_datasets')
            .where({ namespace: 'file', name })
            .first('id')
        ).id;
      const ids = await new ProductMeasurements(knex).datasetIds([
        { namespace: 'hive', name: 'a' },
        { namespace: 'hive', name: 'b' },
        // Asked twice.
        { namespace: 'hive', name: 'a' },
      ]);
      expect(ids).toEqual(
        new Map([
          [namedKey({ namespace: 'hive', name: 'a' }), await id('/a/2')],
          [
            namedKey({ namespace: 'hive', name: 'b' }),
            Math.min(await id('/b/1'), await id('/b/2')),
          ],
        ]),
      );
    },
  );

  it.each(databases.eachSupportedId())(
    'gives for a table name no job writes the written files naming it in their symlinks facet, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const store = await OpenLineageEventStore.create(knex);
      const table = { namespace: 'hive://ms:9083', name: 'db.orders' };
      const unread = { namespace: 'hive://ms:9083', name: 'db.refunds' };
      await store.ingest([
        // A query reads the tables by name.
        validEvent({
          eventType: 'COMPLETE',
          eventTime: '2026-12-01T09:00:00Z',
          producer: 'https://example.com/test',
          run: { runId: '01936893-9751-7a91-a2a0-000000000021' },
          job: { namespace: 'trino', name: 'report' },
          inputs: [table, unread],
        }),
        // Spark writes the orders table's files, by path.
        loadWrote(
          '01936893-9751-7a91-a2a0-000000000022',
          '2026-12-01T10:00:00Z',
          {
            namespace: 's3a://lake',
            name: 'orders',
            facets: {
              symlinks: {
                identifiers: [{ ...table, type: 'TABLE' }],
              },
            },
          },
        ),
        // Files naming the refunds table are only read.
        validEvent({
          eventType: 'COMPLETE',
          eventTime: '2026-12-01T09:00:00Z',
          producer: 'https://example.com/test',
          run: { runId: '01936893-9751-7a91-a2a0-000000000023' },
          job: { namespace: 'etl', name: 'read' },
          inputs: [
            {
              namespace: 's3a://lake',
              name: 'refunds',
              facets: {
                symlinks: { identifiers: [{ ...unread, type: 'TABLE' }] },
              },
            },
          ],
        }),
      ]);
      const id = async (dataset: { namespace: string; name: string }) =>
        (await knex('lineage_datasets').where(dataset).first('id')).id;
      const ids = await new ProductMeasurements(knex).datasetIds([
        table,
        unread,
      ]);
      expect(ids).toEqual(
        new Map([
          [
            namedKey(table),
            await id({ namespace: 's3a://lake', name: 'orders' }),
          ],
          [namedKey(unread), await id(unread)],
        ]),
      );
    },
  );

  it.each(databases.eachSupportedId())(
    "gives of a stream's runs before a time the latest that wrote, past more runs failing on start than are read at once, on %p",
    async databaseId => {
      const knex = await databases.init(databaseId);
      const store = await OpenLineageEventStore.create(knex);
      const runId = (n: number) =>
        `01936893-9751-7a91-a2a0-${String(n).padStart(12, '0')}`;
      const streamed = (n: number, eventType: string, time: number) =>
        streamWrote(runId(n), new Date(time).toISOString(), eventType);
      const wrote = Date.parse('2026-11-01T00:00:00Z');
      const silent = Date.parse('2026-11-05T00:00:00Z');
      const restarted = Date.parse('2026-11-25T00:00:00Z');
      const failingFrom = Date.parse('2026-11-10T00:00:00Z');
      await store.ingest(
        [
          streamed(1, 'START', wrote),
          streamed(1, 'RUNNING', silent),
          // Redeployed, failing on start every minute for an hour.
          ...Array.from({ length: 60 }, (_, i) => {
            const started = failingFrom + i * 60_000;
            return [
              streamed(100 + i, 'START', started),
              streamed(100 + i, 'FAIL', started + 5_000),
            ];
          }).flat(),
          streamed(2, 'START', restarted),
          streamed(2, 'RUNNING', restarted + 3_600_000),
        ],
        SEEN_BY,
      );
      const measurements = new ProductMeasurements(knex);
      const id = (await measurements.datasetIds([stored[0]])).get(
        namedKey(stored[0]),
      )!;
      const writes = await measurements.streamingWrites(
        [id],
        Date.parse('2026-11-20T00:00:00Z'),
      );
      expect(writes).toEqual([
        { from: wrote, to: silent },
        { from: restarted, to: restarted + 3_600_000 },
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'gives the columns the latest successful write reported, nested ones too, once each, passing over writes that reported none, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const store = await OpenLineageEventStore.create(knex);
      const write = (
        runId: string,
        eventTime: string,
        dataset: (typeof stored)[number],
        fields: object[],
      ) =>
        loadWrote(runId, eventTime, {
          ...dataset,
          facets: { schema: { fields } },
        });
      await store.ingest([
        write(
          '01936893-9751-7a91-a2a0-000000000004',
          '2026-12-01T10:00:00Z',
          stored[0],
          [
            { name: 'id', type: 'BIGINT' },
            { name: 'id', type: 'TEXT' },
            { type: 'TEXT' },
            {
              name: 'address',
              type: 'STRUCT',
              fields: [
                { name: 'city', type: 'TEXT' },
                { name: 'city', type: 'VARCHAR' },
              ],
            },
          ],
        ),
        write(
          '01936893-9751-7a91-a2a0-000000000005',
          '2026-12-01T11:00:00Z',
          stored[0],
          [],
        ),
        write(
          '01936893-9751-7a91-a2a0-000000000006',
          '2026-12-01T11:00:00Z',
          stored[1],
          [],
        ),
        write(
          '01936893-9751-7a91-a2a0-000000000007',
          '2026-12-01T11:00:00Z',
          stored[2],
          [structs(20)],
        ),
      ]);
      const measurements = new ProductMeasurements(knex);
      const ids = await measurements.datasetIds(stored.slice(0, 2));
      expect(
        await measurements.writtenSchema(
          [ids.get(namedKey(stored[0]))!],
          SEEN_BY,
        ),
      ).toEqual([
        { name: 'id', type: 'TEXT' },
        {
          name: 'address',
          type: 'STRUCT',
          fields: [{ name: 'city', type: 'VARCHAR' }],
        },
      ]);
      expect(
        await measurements.writtenSchema(
          [ids.get(namedKey(stored[1]))!],
          SEEN_BY,
        ),
      ).toBeUndefined();
      // Nested without end as a producer may: 16 levels are read.
      const [deep] = (await measurements.writtenSchema(
        [
          (
            await measurements.datasetIds([stored[2]])
          ).get(namedKey(stored[2]))!,
        ],
        SEEN_BY,
      ))!;
      const names: string[] = [];
      for (let column: any = deep; column; column = column.fields?.[0]) {
        names.push(column.name);
      }
      expect(names).toEqual(Array.from({ length: 16 }, (_, i) => `level${i}`));
    },
  );

  it.each(databases.eachSupportedId())(
    "gives the columns a stream's run still going reported writing, not those of a batch run still going or a stream's run that failed, on %p",
    async databaseId => {
      const knex = await databases.init(databaseId);
      const store = await OpenLineageEventStore.create(knex);
      const columns = [
        { name: 'id', type: 'BIGINT' },
        { name: 'amount', type: 'DECIMAL(12,2)' },
      ];
      await store.ingest([
        streamWrote(
          '01936893-9751-7a91-a2a0-000000000041',
          '2026-12-01T10:00:00Z',
          'RUNNING',
          columns,
        ),
        // Its output is not there until it completes.
        validEvent({
          eventType: 'RUNNING',
          eventTime: '2026-12-01T11:00:00Z',
          producer: 'https://example.com/test',
          run: { runId: '01936893-9751-7a91-a2a0-000000000042' },
          job: { namespace: 'etl', name: 'load' },
          outputs: [
            {
              ...stored[0],
              facets: { schema: { fields: [{ name: 'id', type: 'TEXT' }] } },
            },
          ],
        }),
        // A redeploy with new columns that failed on start wrote nothing.
        streamWrote(
          '01936893-9751-7a91-a2a0-000000000043',
          '2026-12-01T12:00:00Z',
          'START',
          [{ name: 'amount_cents', type: 'BIGINT' }],
        ),
        streamWrote(
          '01936893-9751-7a91-a2a0-000000000043',
          '2026-12-01T12:00:05Z',
          'FAIL',
        ),
      ]);
      const measurements = new ProductMeasurements(knex);
      const id = (await measurements.datasetIds([stored[0]])).get(
        namedKey(stored[0]),
      )!;
      expect(await measurements.writtenSchema([id], SEEN_BY)).toEqual(columns);
    },
  );

  it.each(databases.eachSupportedId())(
    "gives the columns a stream reported before it failed, and a completed write's past many runs that never completed, on %p",
    async databaseId => {
      const knex = await databases.init(databaseId);
      const store = await OpenLineageEventStore.create(knex);
      const columns = [{ name: 'id', type: 'BIGINT' }];
      // A stream that wrote for a day, then failed (Flink 2 reports a
      // cancelled job so).
      await store.ingest([
        streamWrote(
          '01936893-9751-7a91-a2a0-000000000051',
          '2026-12-01T10:00:00Z',
          'START',
          columns,
        ),
        streamWrote(
          '01936893-9751-7a91-a2a0-000000000051',
          '2026-12-01T11:00:00Z',
          'RUNNING',
        ),
        streamWrote(
          '01936893-9751-7a91-a2a0-000000000051',
          '2026-12-02T10:00:00Z',
          'FAIL',
        ),
      ]);
      const measurements = new ProductMeasurements(knex);
      const [streamed] = (await measurements.datasetIds([stored[0]])).values();
      expect(await measurements.writtenSchema([streamed], SEEN_BY)).toEqual(
        columns,
      );

      // A batch job's completed write, then more runs still going (never
      // completed) than a page holds, each reporting other columns.
      const completed = [{ name: 'order_id', type: 'BIGINT' }];
      await store.ingest([
        loadWrote(
          '01936893-9751-7a91-a2a0-000000000060',
          '2026-12-01T09:00:00Z',
          {
            ...stored[1],
            facets: { schema: { fields: completed } },
          },
        ),
        ...Array.from({ length: 45 }, (_, i) =>
          validEvent({
            eventType: 'RUNNING',
            eventTime: new Date(
              Date.parse('2026-12-01T10:00:00Z') + i * 60_000,
            ).toISOString(),
            producer: 'https://example.com/test',
            run: {
              runId: `01936893-9751-7a91-a2a0-${String(100 + i).padStart(
                12,
                '0',
              )}`,
            },
            job: { namespace: 'etl', name: 'load' },
            outputs: [
              {
                ...stored[1],
                facets: {
                  schema: { fields: [{ name: `c${i}`, type: 'TEXT' }] },
                },
              },
            ],
          }),
        ),
      ]);
      const [loaded] = (await measurements.datasetIds([stored[1]])).values();
      expect(await measurements.writtenSchema([loaded], SEEN_BY)).toEqual(
        completed,
      );
    },
  );

  it.each(databases.eachSupportedId())(
    "reads Great Expectations' assertions facet as data-quality assertions, on %p",
    async databaseId => {
      const knex = await databases.init(databaseId);
      const store = await OpenLineageEventStore.create(knex);
      // As its OpenLineage action sends a checkpoint's results.
      await store.ingest([
        validEvent({
          eventType: 'COMPLETE',
          eventTime: '2026-12-02T08:00:00Z',
          producer:
            'https://github.com/OpenLineage/OpenLineage/tree/1.20.0/integration/common',
          run: { runId: '01936893-9751-7a91-a2a0-000000000031' },
          job: { namespace: 'great_expectations', name: 'orders_suite' },
          inputs: [
            {
              ...stored[0],
              inputFacets: {
                dataQualityMetrics: { rowCount: 10, columnMetrics: {} },
                greatExpectations_assertions: {
                  _producer: 'https://example.com/test',
                  _schemaURL: 'https://example.com/ge-assertions.json',
                  assertions: [
                    {
                      expectationType: 'expect_column_values_to_not_be_null',
                      success: false,
                      column: 'customer_id',
                    },
                    {
                      expectationType: 'expect_column_values_to_be_unique',
                      success: true,
                      columnId: 'id',
                    },
                    {
                      expectationType: 'expect_table_row_count_to_be_between',
                      success: true,
                    },
                    // Two of one type on one column: both count.
                    {
                      expectationType: 'expect_column_values_to_match_regex',
                      success: true,
                      column: 'email',
                    },
                    {
                      expectationType: 'expect_column_values_to_match_regex',
                      success: false,
                      column: 'email',
                    },
                    // No type: kept, for measureQuality to name.
                    { success: false, column: 'email' },
                  ],
                },
              },
            },
          ],
        }),
      ]);
      const measurements = new ProductMeasurements(knex);
      const id = (await measurements.datasetIds([stored[0]])).get(
        namedKey(stored[0]),
      )!;
      const quality = await measurements.latestQuality(
        [id],
        SEEN_BY,
        Date.parse('2026-11-25T12:00:00Z'),
      );
      expect(quality?.assertions).toEqual({
        assertions: [
          {
            assertion: 'expect_column_values_to_not_be_null',
            success: false,
            column: 'customer_id',
          },
          {
            assertion: 'expect_column_values_to_be_unique',
            success: true,
            column: 'id',
          },
          { assertion: 'expect_table_row_count_to_be_between', success: true },
          {
            assertion: 'expect_column_values_to_match_regex',
            success: true,
            column: 'email',
          },
          {
            assertion: 'expect_column_values_to_match_regex',
            success: false,
            column: 'email',
          },
          { success: false, column: 'email' },
        ],
      });
    },
  );

  it.each(databases.eachSupportedId())(
    "takes each checking job's newest assertions together, not only the newest job's, on %p",
    async databaseId => {
      const knex = await databases.init(databaseId);
      const store = await OpenLineageEventStore.create(knex);
      const checked = (
        suite: string,
        eventTime: string,
        assertions: Array<{ assertion: string; success: boolean }>,
      ) =>
        checkRead(suite, eventTime, {
          dataQualityAssertions: {
            assertions: assertions.map(a => ({ ...a, column: 'id' })),
          },
        });
      await store.ingest([
        checked('not_null_suite', '2026-12-02T08:00:00Z', [
          { assertion: 'not_null', success: true },
        ]),
        checked('not_null_suite', '2026-12-02T09:00:00Z', [
          { assertion: 'not_null', success: false },
        ]),
        checked('unique_suite', '2026-12-02T10:00:00Z', [
          { assertion: 'unique', success: true },
        ]),
        // Before the window: judges nothing.
        checked('retired_suite', '2026-11-01T10:00:00Z', [
          { assertion: 'in_range', success: false },
        ]),
      ]);
      const measurements = new ProductMeasurements(knex);
      const id = (await measurements.datasetIds([stored[0]])).get(
        namedKey(stored[0]),
      )!;
      const since = Date.parse('2026-11-25T12:00:00Z');
      const quality = await measurements.latestQuality([id], SEEN_BY, since);
      expect(quality?.assertionsTime).toBe(Date.parse('2026-12-02T10:00:00Z'));
      expect(quality?.assertions).toEqual({
        assertions: [
          { assertion: 'unique', success: true, column: 'id' },
          { assertion: 'not_null', success: false, column: 'id' },
        ],
      });
      // Nothing in the window: the newest report, however old.
      const stale = await measurements.latestQuality(
        [id],
        Date.parse('2026-11-02T00:00:00Z'),
        Date.parse('2026-11-01T12:00:00Z'),
      );
      expect(stale?.assertions).toEqual({
        assertions: [{ assertion: 'in_range', success: false, column: 'id' }],
      });
    },
  );

  it.each(databases.eachSupportedId())(
    "takes each checking job's newest metrics of each column, with the rows they were measured over, on %p",
    async databaseId => {
      const knex = await databases.init(databaseId);
      const store = await OpenLineageEventStore.create(knex);
      const measuredBy = (
        job: string,
        eventTime: string,
        rowCount: number,
        columnMetrics: Record<string, object>,
      ) =>
        checkRead(job, eventTime, {
          dataQualityMetrics: { rowCount, columnMetrics },
        });
      await store.ingest([
        measuredBy('daily_profile', '2026-12-01T06:00:00Z', 10_000, {
          customer_id: { nullCount: 900 },
        }),
        // Of a column another job measured since: the newer counts, in
        // whatever case each engine names it.
        measuredBy('daily_profile', '2026-12-02T06:00:00Z', 10_000, {
          customer_id: { nullCount: 600 },
          ORDER_ID: { nullCount: 50 },
        }),
        // Hourly, of the latest rows only.
        measuredBy('hourly_profile', '2026-12-02T09:00:00Z', 500, {
          order_id: { nullCount: 0 },
        }),
        checkRead('sampler', '2026-12-02T08:00:00Z', {
          dataQualityMetrics: {
            columnMetrics: JSON.parse('{"__proto__": {"nullCount": 2}}'),
          },
        }),
        measuredBy('hourly_profile', '2026-12-02T10:00:00Z', 400, {
          order_id: { nullCount: 1 },
        }),
      ]);
      const measurements = new ProductMeasurements(knex);
      const id = (await measurements.datasetIds([stored[0]])).get(
        namedKey(stored[0]),
      )!;
      const since = Date.parse('2026-11-25T12:00:00Z');
      const quality = await measurements.latestQuality([id], SEEN_BY, since);
      expect(quality?.metricsTime).toBe(Date.parse('2026-12-02T10:00:00Z'));
      expect(quality?.metrics).toEqual({
        rowCount: 400,
        columnMetrics: {
          order_id: { nullCount: 1, reportRowCounts: { nullCount: 400 } },
          customer_id: {
            nullCount: 600,
            reportRowCounts: { nullCount: 10_000 },
          },
          ['__proto__']: { nullCount: 2, reportRowCounts: { nullCount: null } },
        },
      });
      expect(Object.keys(quality?.metrics.columnMetrics)).toContain(
        '__proto__',
      );
    },
  );

  it.each(databases.eachSupportedId())(
    'leaves out a schema and a quality report dated ahead of the clock, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const store = await OpenLineageEventStore.create(knex);
      const report = (runId: string, eventTime: string, column: string) =>
        loadWrote(runId, eventTime, {
          ...stored[0],
          facets: {
            schema: { fields: [{ name: column, type: 'TEXT' }] },
            dataQualityMetrics: {
              rowCount: 10,
              columnMetrics: { [column]: { nullCount: 0 } },
            },
          },
        });
      await store.ingest(
        [
          report(
            '01936893-9751-7a91-a2a0-000000000011',
            '2026-12-02T10:00:00Z',
            'now',
          ),
          // A backfill whose producer's clock is decades ahead.
          report(
            '01936893-9751-7a91-a2a0-000000000012',
            '2062-01-01T00:00:00Z',
            'ahead',
          ),
        ],
        Date.parse('2026-12-02T11:00:00Z'),
      );
      const measurements = new ProductMeasurements(knex);
      const id = (await measurements.datasetIds([stored[0]])).get(
        namedKey(stored[0]),
      )!;
      expect(await measurements.writtenSchema([id], SEEN_BY)).toEqual([
        { name: 'now', type: 'TEXT' },
      ]);
      // Ahead of the clock it was received by, it did not replace the facet.
      expect(await measurements.currentSchema(id, SEEN_BY)).toEqual([
        { name: 'now', type: 'TEXT' },
      ]);
      const quality = await measurements.latestQuality([id], SEEN_BY);
      expect(quality?.time).toBe(Date.parse('2026-12-02T10:00:00Z'));
      expect(Object.keys(quality?.metrics.columnMetrics)).toEqual(['now']);
    },
  );

  it.each(databases.eachSupportedId())(
    'stores the rows and bytes a run read of an input, which is no write, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const store = await OpenLineageEventStore.create(knex);
      const [source, target] = stored;
      await store.ingest([
        validEvent({
          eventType: 'COMPLETE',
          eventTime: SOME_TIME,
          producer: 'https://example.com/test',
          run: { runId: '01936893-9751-7a91-a2a0-000000000021' },
          job: { namespace: 'etl', name: 'load' },
          inputs: [
            {
              ...source,
              inputFacets: {
                inputStatistics: { rowCount: 500, size: 2048, fileCount: 3 },
              },
            },
          ],
          outputs: [
            {
              ...target,
              outputFacets: { outputStatistics: { rowCount: 480, size: 1024 } },
            },
          ],
        }),
      ]);
      const measurements = new ProductMeasurements(knex);
      const ids = await measurements.namedDatasetIds([source, target]);
      const [sourceId] = ids.get(namedKey(source))!;
      const [targetId] = ids.get(namedKey(target))!;
      const io = await knex('lineage_run_io')
        .orderBy('direction')
        .select('dataset_id', 'direction', 'row_count', 'byte_count');
      expect(
        io.map(row => ({
          dataset: Number(row.dataset_id),
          direction: row.direction,
          rows: Number(row.row_count),
          bytes: Number(row.byte_count),
        })),
      ).toEqual([
        { dataset: sourceId, direction: 'in', rows: 500, bytes: 2048 },
        { dataset: targetId, direction: 'out', rows: 480, bytes: 1024 },
      ]);
      expect(await measurements.successfulWrites([sourceId], 0)).toEqual([]);
      expect(
        (await measurements.successfulWrites([targetId], 0)).map(
          w => w.rowCount,
        ),
      ).toEqual([480]);
    },
  );

  it.each(databases.eachSupportedId())(
    'takes a schema, lifecycle change or column lineage marked _deleted as gone from a write, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const store = await OpenLineageEventStore.create(knex);
      const deleted = {
        _producer: 'https://example.com/test',
        _schemaURL: 'https://example.com/schema',
        _deleted: true,
      };
      const [withoutSchema, read, notDropped] = stored;
      await store.ingest([
        loadWrote('01936893-9751-7a91-a2a0-000000000022', SOME_TIME, {
          ...withoutSchema,
          facets: {
            schema: { ...deleted, fields: [{ name: 'id', type: 'BIGINT' }] },
            columnLineage: {
              ...deleted,
              fields: { id: { inputFields: [{ ...read, field: 'id' }] } },
            },
          },
        }),
        loadWrote('01936893-9751-7a91-a2a0-000000000023', SOME_TIME, {
          ...notDropped,
          facets: {
            lifecycleStateChange: { ...deleted, lifecycleStateChange: 'DROP' },
          },
        }),
      ]);
      const measurements = new ProductMeasurements(knex);
      const ids = await measurements.namedDatasetIds(stored);
      expect(
        await measurements.writtenSchema(
          [ids.get(namedKey(withoutSchema))![0]],
          SEEN_BY,
        ),
      ).toBeUndefined();
      // Its dropping undone, the run wrote the dataset.
      expect(
        await measurements.successfulWrites(
          [ids.get(namedKey(notDropped))![0]],
          0,
        ),
      ).toHaveLength(1);
      // The lineage gone, the dataset it read is named by nothing.
      expect(ids.has(namedKey(read))).toBe(false);
    },
  );

  it.each(databases.eachSupportedId())(
    'counts no write, nor what it reported, of a run that dropped its output or truncated it loading no rows, whichever of its events said so and in any order, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const store = await OpenLineageEventStore.create(knex);
      const now = Date.parse(SOME_TIME);
      const NS = 'postgres://warehouse:5432';
      const ago = (minutes: number) => now - minutes * 60_000;
      const facet = (fields: object) => ({
        _producer: 'https://example.com/test',
        _schemaURL: 'https://example.com/schema',
        ...fields,
      });
      const changed = (change: string) => ({
        lifecycleStateChange: facet({ lifecycleStateChange: change }),
      });
      let runs = 0;
      /** An event of a run of etl/<table> writing mart.<table>. */
      const ofRun = (
        table: string,
        run: number,
        eventType: string,
        minutesAgo: number,
        output: object = {},
      ) =>
        validEvent({
          eventType,
          eventTime: new Date(ago(minutesAgo)).toISOString(),
          producer: 'https://example.com/test',
          run: {
            runId: `01936893-9751-7a91-a2a0-${String(run).padStart(12, '0')}`,
          },
          job: { namespace: 'etl', name: table },
          inputs: [{ namespace: NS, name: 'raw.orders' }],
          outputs: [{ namespace: NS, name: `mart.${table}`, ...output }],
        });
      /** A run's START naming its output as given, and its end so. */
      const run = (
        table: string,
        start: object,
        end: object,
        endType = 'COMPLETE',
      ) => {
        const n = ++runs;
        return [
          ofRun(table, n, 'START', 12, start),
          ofRun(table, n, endType, 10, end),
        ];
      };
      const tables = [
        'dropped',
        'dropped_first',
        'emptied',
        'reloaded',
        'undone',
        'drop_failed',
      ];
      for (const table of tables) {
        await store.ingest([
          ofRun(table, ++runs, 'COMPLETE', 180, {
            facets: { schema: facet({ fields: [{ name: 'id' }] }) },
            inputFacets: { dataQualityMetrics: facet({ rowCount: 100 }) },
          }),
        ]);
      }
      // What the dropping run reported on start describes no data.
      await store.ingest(
        run(
          'dropped',
          {
            facets: { schema: facet({ fields: [{ name: 'gone' }] }) },
            inputFacets: { dataQualityMetrics: facet({ rowCount: 5 }) },
          },
          { facets: changed('DROP') },
        ),
      );
      const [start, drop] = run(
        'dropped_first',
        {},
        { facets: changed('DROP') },
      );
      await store.ingest([drop]);
      await store.ingest([start]);
      await store.ingest(run('emptied', {}, { facets: changed('TRUNCATE') }));
      // A truncate-and-load run counting its rows on completion wrote.
      await store.ingest(
        run(
          'reloaded',
          { facets: changed('TRUNCATE') },
          { outputFacets: { outputStatistics: facet({ rowCount: 120 }) } },
        ),
      );
      // Its dropping marked deleted, the run wrote.
      await store.ingest(
        run(
          'undone',
          { facets: changed('DROP') },
          { facets: { lifecycleStateChange: facet({ _deleted: true }) } },
        ),
      );
      // A drop that failed did not fail to write.
      await store.ingest(
        run('drop_failed', {}, { facets: changed('DROP') }, 'FAIL'),
      );
      const measurements = new ProductMeasurements(knex);
      const ids = await measurements.namedDatasetIds(
        tables.map(table => ({ namespace: NS, name: `mart.${table}` })),
      );
      const idOf = (table: string) =>
        ids.get(namedKey({ namespace: NS, name: `mart.${table}` }))![0];
      const writes = async (table: string) =>
        (await measurements.successfulWrites([idOf(table)], 0)).map(
          write => write.time,
        );
      for (const table of ['dropped', 'dropped_first', 'emptied']) {
        expect({ table, writes: await writes(table) }).toEqual({
          table,
          writes: [ago(180)],
        });
      }
      for (const table of ['reloaded', 'undone']) {
        expect({ table, writes: await writes(table) }).toEqual({
          table,
          writes: [ago(180), ago(10)],
        });
      }
      expect(
        await measurements.lastSuccessfulWrites(
          ['dropped', 'reloaded'].map(idOf),
        ),
      ).toEqual(
        new Map([
          [idOf('dropped'), ago(180)],
          [idOf('reloaded'), ago(10)],
        ]),
      );
      expect(
        await measurements.writtenSchema([idOf('dropped')], SEEN_BY),
      ).toEqual([{ name: 'id' }]);
      expect(
        await measurements.latestQuality([idOf('dropped')], SEEN_BY),
      ).toMatchObject({ metricsTime: ago(180) });
      expect(
        await measurements.firstFailedWrite([idOf('drop_failed')]),
      ).toBeUndefined();
    },
  );

  it.each(databases.eachSupportedId())(
    "counts a writer's reads and tables beside its port from its whole runs while later ones' lineage is incomplete, on %p",
    async databaseId => {
      const knex = await databases.init(databaseId);
      const store = await OpenLineageEventStore.create(knex);
      const now = Date.parse(SOME_TIME);
      const NS = 'postgres://warehouse:5432';
      let runs = 0;
      /** A run of etl/build `daysAgo`, with its `extractionError` facet if given. */
      const build = (
        daysAgo: number,
        inputs: string[],
        outputs: string[],
        extractionError?: object,
      ) =>
        validEvent({
          eventType: 'COMPLETE',
          eventTime: new Date(now - daysAgo * DAY).toISOString(),
          producer: 'https://example.com/test',
          run: {
            runId: `01936893-9751-7a91-a2a0-${String(++runs).padStart(
              12,
              '0',
            )}`,
            facets: extractionError ? { extractionError } : {},
          },
          job: { namespace: 'etl', name: 'build' },
          inputs: inputs.map(name => ({ namespace: NS, name })),
          outputs: outputs.map(name => ({ namespace: NS, name })),
        });
      await store.ingest([
        build(60, ['raw', 'rates'], ['port', 'side']),
        // 50 days later, more than the window: 1 statement of 2 not parsed.
        build(10, ['raw'], ['port'], { totalTasks: 2, failedTasks: 1 }),
      ]);
      const measurements = new ProductMeasurements(knex);
      const ids = await measurements.namedDatasetIds(
        ['raw', 'rates', 'port', 'side'].map(name => ({ namespace: NS, name })),
      );
      const [raw, rates, port, side] = ['raw', 'rates', 'port', 'side'].map(
        name => ids.get(namedKey({ namespace: NS, name }))![0],
      );
      const window = readWindowOf(45, now);
      const read = async () => ({
        inputs: await measurements.inputsOfWriters([port], window),
        beside: await measurements.portsWrittenBeside([side], [port], window),
      });

      expect(await read()).toEqual({
        inputs: new Map([[port, new Set([raw, rates])]]),
        beside: new Map([[side, new Set([port])]]),
      });

      // A whole run without them, 55 days after they were last seen.
      await store.ingest([build(5, ['raw'], ['port'])]);
      expect(await read()).toEqual({
        inputs: new Map([[port, new Set([raw])]]),
        beside: new Map(),
      });
    },
  );

  it.each(databases.eachSupportedId())(
    "reads what a named job's family read within the window of its newest whole run, on %p",
    async databaseId => {
      const knex = await databases.init(databaseId);
      const store = await OpenLineageEventStore.create(knex);
      const now = Date.parse(SOME_TIME);
      const NS = 'postgres://warehouse:5432';
      let runs = 0;
      /** A task of the silent DAG airflow/exports `daysAgo`, reading `inputs`. */
      const task = (
        name: string,
        daysAgo: number,
        inputs: string[],
        extractionError?: object,
      ) =>
        validEvent({
          eventType: 'COMPLETE',
          eventTime: new Date(now - daysAgo * DAY).toISOString(),
          producer: 'https://example.com/test',
          run: {
            runId: `01936893-9751-7a91-a2a0-${String(++runs).padStart(
              12,
              '0',
            )}`,
            facets: {
              ...airflowParentFacet(
                'exports',
                '01936893-9751-7a91-a2a0-0000000000ff',
              ),
              ...(extractionError ? { extractionError } : {}),
            },
          },
          job: { namespace: 'airflow', name },
          inputs: inputs.map(table => ({ namespace: NS, name: table })),
          outputs: [{ namespace: 'braze://eu', name: 'cohort' }],
        });
      await store.ingest([
        // A task dropped from the DAG 120 days ago: 60 days before its
        // newest whole run, past the window.
        task('exports.sync_v1', 120, ['refunds']),
        task('exports.sync_v2', 60, ['raw', 'rates']),
        // 1 statement of 2 not parsed: it has not shown rates unread.
        task('exports.sync_v2', 10, ['raw', 'fresh'], {
          totalTasks: 2,
          failedTasks: 1,
        }),
      ]);
      const measurements = new ProductMeasurements(knex);
      const ids = await measurements.namedDatasetIds(
        ['refunds', 'raw', 'rates', 'fresh'].map(name => ({
          namespace: NS,
          name,
        })),
      );
      const [raw, rates, fresh] = ['raw', 'rates', 'fresh'].map(
        name => ids.get(namedKey({ namespace: NS, name }))![0],
      );
      const dag = { namespace: 'airflow', name: 'exports' };
      expect(
        await measurements.inputsOfNamedJobs(
          [dag, { namespace: 'airflow', name: 'never_ran' }],
          readWindowOf(45, now),
        ),
      ).toEqual(new Map([[namedKey(dag), new Set([raw, rates, fresh])]]));
    },
  );
});
