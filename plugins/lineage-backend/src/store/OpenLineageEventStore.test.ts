import {
  parseNodeId,
  ParsedOpenLineageEvent,
} from '@meshwork/plugin-lineage-common';
import {
  createStoreTestDatabases,
  POSTGRES_TEST_DATABASE_ID,
} from '@meshwork/test-utils';
import { createHash } from 'crypto';
import { Knex } from 'knex';
import { LineageReader } from './LineageReader';
import { lastLifecycleStates } from './lastLifecycleStates';
import { IngestResult, OpenLineageEventStore } from './OpenLineageEventStore';
import { refuseInserts } from '../__testUtils__/refuseInserts';
import { validEvent } from '../__testUtils__/validEvent';
import { waitForLockWait } from '../__testUtils__/waitForLockWait';

const RUN = '01936893-9751-7a91-a2a0-a51101a3970c';
const NS = 'postgres://db.example:5432';

/**
 * Runs `ingest` while another replica's transaction has stored `stored`
 * and created its run as `run`, and commits that transaction 300 ms later.
 * The run's job exists already, committed by an earlier run.
 */
async function ingestWhileAnotherReplicaStores(
  knex: Knex,
  store: OpenLineageEventStore,
  stored: ParsedOpenLineageEvent,
  run: Record<string, unknown>,
  ingest: () => Promise<IngestResult>,
): Promise<IngestResult> {
  await store.ingest([
    validEvent({
      ...stored.event,
      run: { runId: '01936893-9751-7a91-a2a0-000000000001' },
    }),
  ]);
  const job = await knex('lineage_jobs').first('id');
  const other = await knex.transaction();
  const payload = JSON.stringify(stored.event);
  const time = stored.eventTimeMs;
  await other('lineage_events').insert({
    event_hash: createHash('sha256').update(payload).digest('hex'),
    kind: 'run',
    event_type: stored.event.eventType,
    event_time: time,
    received_at: time,
    run_id: RUN,
    payload,
  });
  await other('lineage_runs').insert({
    run_id: RUN,
    job_id: job.id,
    state: stored.event.eventType,
    state_time: time,
    first_event_time: time,
    facets: '{}',
    facet_times: '{}',
    created_at: time,
    updated_at: time,
    ...run,
  });
  const result = ingest();
  await new Promise(resolve => setTimeout(resolve, 300));
  await other.commit();
  return result;
}

const event = (
  eventType: string,
  eventTime: string,
  extra: Record<string, unknown> = {},
) => ({
  eventType,
  eventTime,
  producer: 'https://example.com/test',
  run: { runId: RUN, facets: {} },
  job: { namespace: 'etl', name: 'orders_daily' },
  inputs: [{ namespace: NS, name: 'raw.orders' }],
  outputs: [
    {
      namespace: NS,
      name: 'mart.orders',
      facets: {
        schema: {
          fields: [
            { name: 'id', type: 'BIGINT' },
            { name: 'amount', type: 'DECIMAL' },
          ],
        },
        columnLineage: {
          fields: {
            amount: {
              inputFields: [
                {
                  namespace: NS,
                  name: 'raw.orders',
                  field: 'total',
                  transformations: [
                    { type: 'DIRECT', subtype: 'TRANSFORMATION' },
                  ],
                },
              ],
            },
          },
        },
      },
      outputFacets: { outputStatistics: { rowCount: 1200, size: 4096 } },
    },
  ],
  ...extra,
});

/**
 * How Postgres compressed the stored payload and facets, and the method it
 * should have used; nothing on SQLite, which does not compress.
 */
async function storedCompression(knex: Knex) {
  if (knex.client.config.client !== 'pg') {
    return { expected: null, payload: null, facets: null };
  }
  const { rows: offered } = await knex.raw(
    "select 1 from pg_settings where name = 'default_toast_compression' and 'lz4' = any(enumvals)",
  );
  const { rows } = await knex.raw(
    `select (select pg_column_compression(payload) from lineage_events) as payload,
            (select pg_column_compression(facets) from lineage_datasets) as facets`,
  );
  return { expected: offered.length > 0 ? 'lz4' : 'pglz', ...rows[0] };
}

/** The fillfactor of each lineage table that sets one (Postgres only). */
async function fillfactors(knex: Knex): Promise<Record<string, string>> {
  if (knex.client.config.client !== 'pg') return {};
  const { rows } = await knex.raw(
    "select relname, option_value from pg_class, pg_options_to_table(reloptions) where relname like 'lineage\\_%' and option_name = 'fillfactor'",
  );
  return Object.fromEntries(
    rows.map((r: { relname: string; option_value: string }) => [
      r.relname,
      r.option_value,
    ]),
  );
}

/** From now on, records each update of a `lineage_datasets` row. */
async function countDatasetRowUpdates(knex: Knex) {
  await knex.schema.createTable('dataset_row_updates', table => {
    table.integer('id');
  });
  if (knex.client.config.client === 'pg') {
    await knex.raw(
      `create function record_dataset_row_update() returns trigger language plpgsql as $$
         begin insert into dataset_row_updates values (new.id); return new; end $$`,
    );
    await knex.raw(
      'create trigger record_update after update on lineage_datasets for each row execute function record_dataset_row_update()',
    );
  } else {
    await knex.raw(
      'create trigger record_update after update on lineage_datasets begin insert into dataset_row_updates values (new.id); end',
    );
  }
}

/** A column of raw.orders, as column lineage names an input. */
const ordersField = (field: string, transformations: unknown[]) => ({
  namespace: NS,
  name: 'raw.orders',
  field,
  transformations,
});

/** An event of mart.counts, a dataset counting raw.orders, with `facets`. */
const countsEvent = (eventTime: string, facets: object) =>
  validEvent({
    eventTime,
    producer: 'p',
    dataset: { namespace: NS, name: 'mart.counts', facets },
  });

/** An event of a run of etl/`job` writing `output`, reading `inputs` if given. */
function writeEvent(write: {
  runId: string;
  job: string;
  eventType: string;
  eventTime: string;
  inputs?: Array<{ namespace: string; name: string }>;
  output: { namespace: string; name: string; facets: object };
}) {
  return validEvent({
    eventType: write.eventType,
    eventTime: write.eventTime,
    producer: 'https://example.com/test',
    run: { runId: write.runId },
    job: { namespace: 'etl', name: write.job },
    ...(write.inputs ? { inputs: write.inputs } : {}),
    outputs: [write.output],
  });
}

/** An output's `lifecycleStateChange` facet reporting `change`, if any. */
const lifecycleFacet = (change?: string) =>
  change ? { lifecycleStateChange: { lifecycleStateChange: change } } : {};

/** Each run's input and output rows' `column`, by the run id's last character. */
async function runIoColumn(knex: Knex, column: string) {
  const rows = await knex('lineage_run_io')
    .orderBy(['run_id', 'direction'])
    .select('run_id', 'direction', column);
  return rows.map(row => [row.run_id.slice(-1), row.direction, row[column]]);
}

describe('OpenLineageEventStore', () => {
  const databases = createStoreTestDatabases();

  async function storeOn(databaseId: Parameters<typeof databases.init>[0]) {
    const knex = await databases.init(databaseId);
    const store = await OpenLineageEventStore.create(knex);
    return { knex, store, reader: new LineageReader(knex) };
  }

  it.each(databases.eachSupportedId())(
    'makes inputs that shape the whole dataset inputs of each of its fields, on %p',
    async databaseId => {
      const { store, reader } = await storeOn(databaseId);
      const filter = [{ type: 'INDIRECT', subtype: 'FILTER' }];
      const identity = [{ type: 'DIRECT', subtype: 'IDENTITY' }];
      await store.ingest([
        validEvent({
          eventType: 'COMPLETE',
          eventTime: '2024-11-26T13:00:00Z',
          producer: 'p',
          run: { runId: RUN },
          job: { namespace: 'etl', name: 'eu_orders' },
          inputs: [
            { namespace: NS, name: 'raw.orders' },
            { namespace: NS, name: 'raw.customers' },
          ],
          outputs: [
            {
              namespace: NS,
              name: 'mart.eu_orders',
              facets: {
                columnLineage: {
                  fields: {
                    id: {
                      inputFields: [
                        { namespace: NS, name: 'raw.orders', field: 'id' },
                      ],
                    },
                    amount: {
                      inputFields: [
                        {
                          namespace: NS,
                          name: 'raw.orders',
                          field: 'total',
                          transformations: identity,
                        },
                      ],
                    },
                  },
                  dataset: [
                    {
                      namespace: NS,
                      name: 'raw.customers',
                      field: 'region',
                      transformations: filter,
                    },
                    {
                      namespace: NS,
                      name: 'raw.orders',
                      field: 'total',
                      transformations: filter,
                    },
                  ],
                },
              },
            },
          ],
        }),
      ]);
      const ids = async (name: string) =>
        (await reader.datasetByName(NS, name))!.id;
      const mart = await ids('mart.eu_orders');
      const customers = await ids('raw.customers');
      const { edges } = await reader.columnEdges(
        ['id', 'amount'].map(field => ({ datasetId: mart, field })),
        1,
        false,
      );
      const orders = await ids('raw.orders');
      const edgesFrom = (datasetId: number) =>
        edges
          .filter(e => e.input.datasetId === datasetId)
          .map(e => [e.output.field, e.input.field, e.transformations])
          .sort();
      expect(edgesFrom(customers)).toEqual([
        ['amount', 'region', filter],
        ['id', 'region', filter],
      ]);
      // The same column as a field input keeps both transformations.
      expect(edgesFrom(orders)).toEqual([
        ['amount', 'total', [...identity, ...filter]],
        ['id', 'id', []],
        ['id', 'total', filter],
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'gives dataset-level inputs to every column of the schema, keeps each transformation of an input named twice and only object ones, on %p',
    async databaseId => {
      const { store, reader } = await storeOn(databaseId);
      const filter = { type: 'INDIRECT', subtype: 'FILTER' };
      const groupBy = { type: 'INDIRECT', subtype: 'GROUP_BY' };
      const identity = { type: 'DIRECT', subtype: 'IDENTITY' };
      // SELECT region, count(*) AS cnt … WHERE status = 'paid' GROUP BY
      // region: cnt has no field lineage, yet the filter shapes it.
      await store.ingest([
        countsEvent('2024-11-26T13:00:00Z', {
          schema: {
            fields: [
              { name: 'region', type: 'TEXT' },
              { name: 'cnt', type: 'BIGINT' },
            ],
          },
          columnLineage: {
            fields: {
              region: {
                inputFields: [
                  ordersField('region', [identity]),
                  ordersField('region', [groupBy]),
                ],
              },
            },
            dataset: [ordersField('status', [filter])],
          },
        }),
      ]);
      const mart = (await reader.datasetByName(NS, 'mart.counts'))!.id;
      const edges = async () =>
        (
          await reader.columnEdges(
            ['region', 'cnt'].map(field => ({ datasetId: mart, field })),
            1,
            false,
          )
        ).edges
          .map(e => [e.output.field, e.input.field, e.transformations])
          .sort();
      expect(await edges()).toEqual([
        ['cnt', 'status', [filter]],
        ['region', 'region', [identity, groupBy]],
        ['region', 'status', [filter]],
      ]);
      // A later facet with no schema beside it reaches the stored columns;
      // a transformation that is no object is left out.
      await store.ingest([
        countsEvent('2024-11-26T14:00:00Z', {
          columnLineage: {
            fields: {},
            dataset: [ordersField('status', [null, 'FILTER', filter])],
          },
        }),
      ]);
      expect(await edges()).toEqual([
        ['cnt', 'status', [filter]],
        ['region', 'status', [filter]],
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'gives the columns a newer schema alone adds the inputs that shape the whole dataset, keeps field lineage, and rewrites no edge when only column types change, on %p',
    async databaseId => {
      const { knex, store, reader } = await storeOn(databaseId);
      const filter = { type: 'INDIRECT', subtype: 'FILTER' };
      const identity = { type: 'DIRECT', subtype: 'IDENTITY' };
      const counts = (hour: number, facets: object) =>
        countsEvent(`2024-11-26T${hour}:00:00Z`, facets);
      const schema = (names: string[], type = 'TEXT') => ({
        schema: { fields: names.map(name => ({ name, type })) },
      });
      await store.ingest([
        counts(13, {
          ...schema(['region', 'cnt']),
          columnLineage: {
            fields: {
              region: { inputFields: [ordersField('region', [identity])] },
            },
            dataset: [ordersField('status', [filter])],
          },
        }),
      ]);
      const mart = (await reader.datasetByName(NS, 'mart.counts'))!.id;
      const edges = async () =>
        (
          await reader.columnEdges(
            ['region', 'cnt', 'total'].map(field => ({
              datasetId: mart,
              field,
            })),
            1,
            false,
          )
        ).edges
          .map(e => [e.output.field, e.input.field, e.transformations])
          .sort();
      // A store that has not met raw.orders (another replica, or one
      // restarted) reads its id.
      const other = await OpenLineageEventStore.create(knex);
      await other.ingest([counts(14, schema(['region', 'cnt', 'total']))]);
      const withTotal = [
        ['cnt', 'status', [filter]],
        ['region', 'region', [identity]],
        ['region', 'status', [filter]],
        ['total', 'status', [filter]],
      ];
      expect(await edges()).toEqual(withTotal);
      const edgeDeletes: string[] = [];
      const onQuery = ({ sql }: { sql: string }) => {
        if (/delete from .lineage_column_edges/.test(sql)) {
          edgeDeletes.push(sql);
        }
      };
      knex.on('query', onQuery);
      await other.ingest([
        counts(15, schema(['region', 'cnt', 'total'], 'VARCHAR')),
      ]);
      knex.off('query', onQuery);
      expect(edgeDeletes).toEqual([]);
      // An older schema changes nothing; a newer one without a column
      // takes its edges away.
      await other.ingest([counts(12, schema(['region']))]);
      expect(await edges()).toEqual(withTotal);
      await other.ingest([counts(16, schema(['region']))]);
      expect(await edges()).toEqual([
        ['region', 'region', [identity]],
        ['region', 'status', [filter]],
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'settles a run whatever order its events come in: its job from the event its state comes from, a failure over a completion of the same time or with no restart between, an error only while failed, on %p',
    async databaseId => {
      const { knex, store } = await storeOn(databaseId);
      const runEvent = (
        runId: string,
        type: string,
        time: string,
        job: string,
        facets: object = {},
      ) =>
        validEvent(
          event(type, time, {
            run: { runId, facets },
            job: { namespace: 'spark', name: job },
          }),
        );
      const runOf = async (runId: string) =>
        knex('lineage_runs as r')
          .join('lineage_jobs as j', 'j.id', 'r.job_id')
          .where('r.run_id', runId)
          .first('j.name', 'r.state', 'r.error_message');
      const failure = {
        errorMessage: { message: 'OOM', programmingLanguage: 'java' },
      };
      const stories: Record<
        string,
        Array<[string, string, string, object?]>
      > = {
        // Spark names the job `unknown` on START, the real one after.
        renamed: [
          ['START', '2024-11-26T13:00:00Z', 'unknown'],
          ['COMPLETE', '2024-11-26T13:05:00Z', 'app.insert_orders'],
        ],
        // Cleared and re-run under the same run id.
        rerun: [
          ['START', '2024-11-26T13:00:00Z', 'app.rerun'],
          ['FAIL', '2024-11-26T13:01:00Z', 'app.rerun', failure],
          ['START', '2024-11-26T13:08:00Z', 'app.rerun'],
          ['COMPLETE', '2024-11-26T13:09:00Z', 'app.rerun'],
        ],
        // The re-run's START arriving after its COMPLETE.
        rerunStartLate: [
          ['START', '2024-11-26T13:00:00Z', 'app.rerun_late'],
          ['FAIL', '2024-11-26T13:01:00Z', 'app.rerun_late', failure],
          ['COMPLETE', '2024-11-26T13:09:00Z', 'app.rerun_late'],
          ['START', '2024-11-26T13:08:00Z', 'app.rerun_late'],
        ],
        // The re-run's COMPLETE arriving after a RUNNING later than it.
        rerunRunningLate: [
          ['START', '2024-11-26T13:00:00Z', 'app.rerun_running'],
          ['FAIL', '2024-11-26T13:01:00Z', 'app.rerun_running', failure],
          ['START', '2024-11-26T13:08:00Z', 'app.rerun_running'],
          ['COMPLETE', '2024-11-26T13:09:00Z', 'app.rerun_running'],
          ['RUNNING', '2024-11-26T13:10:00Z', 'app.rerun_running'],
        ],
        // Re-run under another job's name: the completion's job, whenever
        // the restart between comes.
        completedByAnotherJob: [
          ['FAIL', '2024-11-26T13:01:00Z', 'app.failing', failure],
          ['START', '2024-11-26T13:02:00Z', 'app.failing'],
          ['COMPLETE', '2024-11-26T13:03:00Z', 'app.completing'],
        ],
        // Spark: a failed query's job FAIL, then its SQL execution COMPLETE.
        failedQuery: [
          ['START', '2024-11-26T13:00:00Z', 'app.query'],
          ['RUNNING', '2024-11-26T13:00:10Z', 'app.query'],
          ['FAIL', '2024-11-26T13:01:00Z', 'app.query', failure],
          ['COMPLETE', '2024-11-26T13:01:02Z', 'app.query'],
        ],
        tied: [
          ['COMPLETE', '2024-11-26T13:00:00.000100Z', 'app.tied'],
          ['ABORT', '2024-11-26T13:00:00.000900Z', 'app.tied'],
        ],
        // Failed again, reporting no error: the first attempt's is gone.
        failedAgain: [
          ['START', '2024-11-26T13:00:00Z', 'app.again'],
          ['FAIL', '2024-11-26T13:01:00Z', 'app.again', failure],
          ['COMPLETE', '2024-11-26T13:05:00Z', 'app.again'],
          ['FAIL', '2024-11-26T13:10:00Z', 'app.again'],
        ],
        // Two jobs' ends at one time: the greater job id (the job stored
        // second), whichever came first.
        sameTime: [
          ['COMPLETE', '2024-11-26T13:00:00Z', 'app.first'],
          ['COMPLETE', '2024-11-26T13:00:00Z', 'app.second'],
        ],
      };
      const expected = {
        renamed: { name: 'app.insert_orders', state: 'COMPLETE' },
        rerun: { name: 'app.rerun', state: 'COMPLETE', error_message: null },
        rerunStartLate: {
          name: 'app.rerun_late',
          state: 'COMPLETE',
          error_message: null,
        },
        rerunRunningLate: {
          name: 'app.rerun_running',
          state: 'COMPLETE',
          error_message: null,
        },
        completedByAnotherJob: {
          name: 'app.completing',
          state: 'COMPLETE',
          error_message: null,
        },
        failedQuery: { name: 'app.query', state: 'FAIL', error_message: 'OOM' },
        tied: { name: 'app.tied', state: 'ABORT' },
        failedAgain: { name: 'app.again', state: 'FAIL', error_message: null },
        sameTime: { name: 'app.second', state: 'COMPLETE' },
      };
      let n = 0;
      for (const [story, steps] of Object.entries(stories)) {
        // In time order, the other way round, and the last two swapped.
        const lastTwoSwapped = [
          ...steps.slice(0, -2),
          ...steps.slice(-2).reverse(),
        ];
        for (const order of [steps, [...steps].reverse(), lastTwoSwapped]) {
          const runId = `01936893-9751-7a91-a2a0-0000000c${String(n++).padStart(
            4,
            '0',
          )}`;
          for (const [type, time, job, facets] of order) {
            await store.ingest([runEvent(runId, type, time, job, facets)]);
          }
          expect([story, await runOf(runId)]).toEqual([
            story,
            expect.objectContaining(expected[story as keyof typeof expected]),
          ]);
        }
      }
      // While failed, the run has its error.
      const failed = '01936893-9751-7a91-a2a0-0000000cf001';
      await store.ingest([
        runEvent(failed, 'FAIL', '2024-11-26T13:01:00Z', 'app.x', failure),
      ]);
      expect(await runOf(failed)).toMatchObject({ error_message: 'OOM' });
    },
  );

  it.each(databases.eachSupportedId())(
    'does not multiply dataset-level inputs into more than 10,000 edges, on %p',
    async databaseId => {
      const { knex, store } = await storeOn(databaseId);
      const lineageOf = (fields: number, inputs: number) => ({
        fields: Object.fromEntries(
          Array.from({ length: fields }, (_, f) => [
            `f${f}`,
            { inputFields: [] },
          ]),
        ),
        dataset: Array.from({ length: inputs }, (_, i) => ({
          namespace: NS,
          name: 'raw.wide',
          field: `c${i}`,
        })),
      });
      const stored = (name: string, columnLineage: object) =>
        store.ingest([
          validEvent({
            eventTime: '2024-11-26T13:00:00Z',
            producer: 'p',
            dataset: { namespace: NS, name, facets: { columnLineage } },
          }),
        ]);
      await stored('mart.at_cap', lineageOf(100, 100));
      await stored('mart.over_cap', lineageOf(101, 100));
      // A schema too wide for every column falls back to those with lineage.
      await store.ingest([
        validEvent({
          eventTime: '2024-11-26T13:00:00Z',
          producer: 'p',
          dataset: {
            namespace: NS,
            name: 'mart.wide_schema',
            facets: {
              schema: {
                fields: Array.from({ length: 200 }, (_, f) => ({
                  name: `f${f}`,
                })),
              },
              columnLineage: lineageOf(10, 100),
            },
          },
        }),
      ]);
      const counts = await knex('lineage_column_edges as e')
        .join('lineage_datasets as d', 'd.id', 'e.dataset_id')
        .groupBy('d.name')
        .select('d.name')
        .count({ n: '*' });
      expect(counts.map((c: any) => [c.name, Number(c.n)]).sort()).toEqual([
        ['mart.at_cap', 10_000],
        ['mart.wide_schema', 1_000],
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'leaves no placeholder run for a batch of duplicates whose run row is missing, on %p',
    async databaseId => {
      const { knex, store } = await storeOn(databaseId);
      const complete = validEvent(event('COMPLETE', '2024-11-26T13:00:00Z'));
      await store.ingest([complete]);
      // As after restoring the runs table from an older backup.
      await knex('lineage_runs').delete();
      expect((await store.ingest([complete])).duplicates).toBe(1);
      expect(await knex('lineage_runs').select('run_id', 'state')).toEqual([]);
    },
  );

  it.each(databases.eachSupportedId())(
    'keeps facet text too long to index in the facet without projecting it, on %p',
    async databaseId => {
      const { knex, store } = await storeOn(databaseId);
      const long = 'x'.repeat(4000);
      const result = await store.ingest([
        validEvent({
          eventType: 'COMPLETE',
          eventTime: '2024-11-26T13:00:00Z',
          producer: 'p',
          run: { runId: RUN },
          job: { namespace: 'etl', name: 'wide' },
          inputs: [{ namespace: NS, name: 'raw.orders' }],
          outputs: [
            {
              namespace: NS,
              name: 'mart.orders',
              facets: {
                schema: {
                  fields: [
                    { name: 'id', type: 'BIGINT' },
                    { name: long, type: 'TEXT' },
                  ],
                },
                symlinks: {
                  identifiers: [
                    { namespace: NS, name: long, type: 'TABLE' },
                    { namespace: NS, name: 'orders_v1', type: 'TABLE' },
                  ],
                },
                columnLineage: {
                  fields: {
                    id: {
                      inputFields: [
                        { namespace: NS, name: 'raw.orders', field: 'id' },
                        {
                          namespace: NS,
                          name: 'y'.repeat(100_000),
                          field: 'id',
                        },
                      ],
                    },
                    [long]: {
                      inputFields: [
                        { namespace: NS, name: 'raw.orders', field: 'id' },
                      ],
                    },
                  },
                },
              },
              outputFacets: { outputStatistics: { rowCount: 1.5, size: 1e19 } },
            },
          ],
        }),
      ]);
      expect(result.stored).toBe(1);
      expect(await knex('lineage_dataset_fields').pluck('field')).toEqual([
        'id',
      ]);
      expect(await knex('lineage_symlinks').pluck('name')).toEqual([
        'orders_v1',
      ]);
      expect(await knex('lineage_column_edges').pluck('field')).toEqual(['id']);
      expect((await knex('lineage_datasets').pluck('name')).sort()).toEqual([
        'mart.orders',
        'raw.orders',
      ]);
      expect(
        await knex('lineage_run_io')
          .where('direction', 'out')
          .first('row_count', 'byte_count'),
      ).toEqual({ row_count: null, byte_count: null });
      const stored = await knex('lineage_datasets')
        .where('name', 'mart.orders')
        .first('facets');
      expect(JSON.parse(stored.facets).schema.fields[1].name).toBe(long);
    },
  );

  it.each(databases.eachSupportedId())(
    'projects runs, edges, schema, column lineage and statistics, on %p',
    async databaseId => {
      const { knex, store, reader } = await storeOn(databaseId);
      await store.ingest([
        validEvent(event('START', '2024-11-26T13:00:00Z')),
        validEvent(
          event('COMPLETE', '2024-11-26T13:05:00.123456789Z', {
            run: {
              runId: RUN,
              facets: {
                parent: {
                  run: { runId: 'parent-run' },
                  job: { namespace: 'etl', name: 'dag' },
                },
              },
            },
          }),
        ),
      ]);
      const [run] = await reader.runs([RUN]);
      expect(run).toMatchObject({
        state: 'COMPLETE',
        startedAt: '2024-11-26T13:00:00.000Z',
        endedAt: '2024-11-26T13:05:00.123Z',
        parentRunId: 'parent-run',
      });
      const root = await reader.resolve(
        parseNodeId(`dataset:${NS}:raw.orders`)!,
      );
      expect(root).toMatchObject({ namespace: NS, name: 'raw.orders' });
      const graph = await reader.graph({
        root: root!,
        upstreamDepth: 0,
        downstreamDepth: 5,
        maxNodes: 100,
      });
      expect(graph.nodes.map(n => n.id).sort()).toEqual([
        `dataset:${NS}:mart.orders`,
        `dataset:${NS}:raw.orders`,
        'job:etl:orders_daily',
      ]);
      expect(graph.edges).toHaveLength(2);
      const mart = await reader.datasetByName(NS, 'mart.orders');
      const { edges } = await reader.columnEdges(
        [{ datasetId: mart!.id, field: 'amount' }],
        5,
        false,
      );
      expect(edges).toEqual([
        expect.objectContaining({
          input: { datasetId: root!.id, field: 'total' },
          transformations: [{ type: 'DIRECT', subtype: 'TRANSFORMATION' }],
        }),
      ]);
      const stats = await knex('lineage_run_io').where({ direction: 'out' });
      expect(Number(stats[0].row_count)).toBe(1200);
      expect(await reader.schemaVersions(mart!.id)).toHaveLength(1);
      expect(await reader.search('column', 'amou', 10)).toEqual([
        expect.objectContaining({ name: 'mart.orders', field: 'amount' }),
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    "keeps the job of a run's newest parent facet as a job of its own, whatever the order, on %p",
    async databaseId => {
      const { knex, store, reader } = await storeOn(databaseId);
      const ranUnder = (
        runId: string,
        type: string,
        time: string,
        parent?: object,
      ) =>
        validEvent(
          event(type, time, {
            run: { runId, facets: parent ? { parent } : {} },
          }),
        );
      // Under a root job renamed with it.
      const dag = (name: string) => ({
        run: { runId: '01936893-9751-7a91-a2a0-00000000da90' },
        job: { namespace: 'airflow', name },
        root: {
          run: { runId: '01936893-9751-7a91-a2a0-00000000da91' },
          job: { namespace: 'airflow', name: name.replace('dag_', 'root.') },
        },
      });
      const jobName = async (runId: string, column: string) =>
        (
          await knex('lineage_runs as r')
            .leftJoin('lineage_jobs as j', 'j.id', `r.${column}`)
            .where('r.run_id', runId)
            .first('j.name')
        ).name ?? null;
      const parentJobName = async (runId: string) => [
        await jobName(runId, 'parent_job_id'),
        await jobName(runId, 'root_job_id'),
      ];
      // The DAG was renamed while the run ran; its last event names none.
      const story = (runId: string) => [
        ranUnder(runId, 'START', '2024-11-26T13:00:00Z', dag('dag_before')),
        ranUnder(runId, 'RUNNING', '2024-11-26T13:01:00Z', dag('dag_after')),
        ranUnder(runId, 'COMPLETE', '2024-11-26T13:02:00Z'),
      ];
      const inOrder = '01936893-9751-7a91-a2a0-000000000a01';
      const reversed = '01936893-9751-7a91-a2a0-000000000a02';
      const together = '01936893-9751-7a91-a2a0-000000000a03';
      for (const one of story(inOrder)) await store.ingest([one]);
      for (const one of story(reversed).reverse()) await store.ingest([one]);
      await store.ingest(story(together).reverse());
      for (const runId of [inOrder, reversed, together]) {
        expect(await parentJobName(runId)).toEqual(['dag_after', 'root.after']);
      }
      // Both DAGs and their roots are jobs, found by name, though none sent
      // an event.
      expect(
        (await reader.search('job', 'dag_', 10)).map(job => job.name),
      ).toEqual(['dag_after', 'dag_before']);
      expect(
        (await reader.search('job', 'root.', 10)).map(job => job.name),
      ).toEqual(['root.after', 'root.before']);

      // A deleted parent facet names no job, whatever job it holds.
      await store.ingest([
        ranUnder(inOrder, 'OTHER', '2024-11-26T13:03:00Z', {
          ...dag('dag_deleted'),
          _deleted: true,
        }),
      ]);
      expect(await parentJobName(inOrder)).toEqual([null, null]);
      expect(await reader.search('job', 'dag_deleted', 10)).toEqual([]);
    },
  );

  it.each(databases.eachSupportedId())(
    'settles on the same model whatever the order, and ignores duplicates, on %p',
    async databaseId => {
      const { knex, store, reader } = await storeOn(databaseId);
      const start = validEvent(event('START', '2024-11-26T13:00:00Z'));
      const complete = validEvent(event('COMPLETE', '2024-11-26T13:05:00Z'));
      expect(await store.ingest([complete])).toEqual({
        stored: 1,
        duplicates: 0,
        fresh: [true],
      });
      await store.ingest([start]);
      expect(await store.ingest([start, complete, start])).toEqual({
        stored: 0,
        duplicates: 3,
        fresh: [false, false, false],
      });
      // A repeated START (another payload) does not reopen a finished run.
      await store.ingest([validEvent(event('START', '2024-11-26T13:01:00Z'))]);
      const [run] = await reader.runs([RUN]);
      expect(run).toMatchObject({
        state: 'COMPLETE',
        startedAt: '2024-11-26T13:00:00.000Z',
        endedAt: '2024-11-26T13:05:00.000Z',
      });
      expect((await knex('lineage_events').count({ n: '*' }))[0].n).toEqual(
        databaseId === 'POSTGRES_15' ? '3' : 3,
      );
      expect(await knex('lineage_io')).toHaveLength(2);
    },
  );

  it.each(databases.eachSupportedId())(
    'stores each event once when two stores write overlapping batches at once, on %p',
    async databaseId => {
      const { knex, store, reader } = await storeOn(databaseId);
      // A second backend replica: its own caches, the same database.
      const replica = await OpenLineageEventStore.create(knex);
      const events = Array.from({ length: 40 }, (_, i) =>
        validEvent({
          eventType: i % 2 ? 'COMPLETE' : 'START',
          eventTime: `2024-01-01T00:00:${String(i).padStart(2, '0')}Z`,
          producer: 'p',
          run: {
            runId: `00000000-0000-4000-8000-${String(i >> 1).padStart(
              12,
              '0',
            )}`,
          },
          job: { namespace: 'etl', name: `job_${(i >> 1) % 5}` },
          inputs: [{ namespace: NS, name: `in_${i % 3}` }],
          outputs: [
            {
              namespace: NS,
              name: `out_${i % 4}`,
              facets: { documentation: { description: `event ${i}` } },
            },
          ],
        }),
      );
      const results = await Promise.all([
        store.ingest(events.slice(0, 30)),
        replica.ingest(events.slice(10, 40)),
        store.ingest(events.slice(20, 40)),
      ]);
      expect(results.reduce((sum, r) => sum + r.stored, 0)).toBe(40);
      expect((await knex('lineage_events').count({ n: '*' }))[0].n).toEqual(
        databaseId === 'POSTGRES_15' ? '40' : 40,
      );
      for (const k of [0, 1, 2, 3]) {
        const dataset = await reader.datasetByName(NS, `out_${k}`);
        expect(dataset!.facets).toEqual({
          documentation: { description: `event ${36 + k}` },
        });
      }
      const runs = await reader.runs(
        Array.from(
          { length: 20 },
          (_, r) => `00000000-0000-4000-8000-${String(r).padStart(12, '0')}`,
        ),
      );
      expect(runs.map(run => run.state)).toEqual(Array(20).fill('COMPLETE'));
    },
  );

  it.each(databases.eachSupportedId())(
    'completes every run when two stores get its START and its COMPLETE at once, on %p',
    async databaseId => {
      const { knex, store, reader } = await storeOn(databaseId);
      const replica = await OpenLineageEventStore.create(knex);
      const runId = (r: number) =>
        `00000000-0000-4000-8000-${String(r).padStart(12, '0')}`;
      const runEvent = (r: number, eventType: string) =>
        validEvent({
          eventType,
          eventTime: `2024-01-01T00:${String(r).padStart(2, '0')}:${
            eventType === 'START' ? '00' : '30'
          }Z`,
          producer: 'p',
          run: { runId: runId(r) },
          job: { namespace: 'etl', name: `job_${r % 3}` },
          outputs: [{ namespace: NS, name: `out_${r % 4}` }],
        });
      // One replica gets each run's START, the other its COMPLETE, in
      // small batches all in flight together.
      await Promise.all(
        Array.from({ length: 10 }, (_, b) => [
          store.ingest([
            runEvent(2 * b, 'START'),
            runEvent(2 * b + 1, 'START'),
          ]),
          replica.ingest([
            runEvent(2 * b + 1, 'COMPLETE'),
            runEvent(2 * b, 'COMPLETE'),
          ]),
        ]).flat(),
      );
      const runs = await reader.runs(
        Array.from({ length: 20 }, (_, r) => runId(r)),
      );
      expect(runs).toHaveLength(20);
      for (const run of runs) {
        expect(run).toMatchObject({
          state: 'COMPLETE',
          startedAt: expect.stringMatching(/:00\.000Z$/),
          endedAt: expect.stringMatching(/:30\.000Z$/),
        });
      }
    },
  );

  it.each(databases.eachSupportedId())(
    'keeps a run that a concurrent transaction created while the batch waited for it, on %p',
    async databaseId => {
      const { knex, store, reader } = await storeOn(databaseId);
      const start = validEvent(event('START', '2024-11-26T13:00:00Z'));
      const running = validEvent(event('RUNNING', '2024-11-26T13:01:00Z'));
      // Another replica stores START and creates its run.
      const ingest = ingestWhileAnotherReplicaStores(
        knex,
        store,
        start,
        { started_at: start.eventTimeMs },
        () => store.ingest([start, running]),
      );
      expect((await ingest).fresh).toEqual([false, true]);
      const [run] = await reader.runs([RUN]);
      expect(run).toMatchObject({
        state: 'RUNNING',
        startedAt: '2024-11-26T13:00:00.000Z',
      });
    },
  );

  it.each(databases.eachSupportedId())(
    'merges a run that a concurrent transaction creates from another event, on %p',
    async databaseId => {
      const { knex, store, reader } = await storeOn(databaseId);
      const start = validEvent(event('START', '2024-11-26T13:00:00Z'));
      const complete = validEvent(event('COMPLETE', '2024-11-26T13:05:00Z'));
      // Another replica stores COMPLETE and creates the run, while this one
      // stores START: no event in common.
      const ingest = ingestWhileAnotherReplicaStores(
        knex,
        store,
        complete,
        { ended_at: complete.eventTimeMs },
        () => store.ingest([start]),
      );
      expect((await ingest).fresh).toEqual([true]);
      const [run] = await reader.runs([RUN]);
      expect(run).toMatchObject({
        state: 'COMPLETE',
        startedAt: '2024-11-26T13:00:00.000Z',
        endedAt: '2024-11-26T13:05:00.000Z',
      });
    },
  );

  // Runs on Postgres only: SQLite has one writer at a time.
  /* eslint-disable jest/no-standalone-expect */
  (databases.supports(POSTGRES_TEST_DATABASE_ID) ? it : it.skip)(
    'merges into a stored run as committed by a transaction that held its lock, on Postgres',
    async () => {
      const { knex, store, reader } = await storeOn(POSTGRES_TEST_DATABASE_ID);
      await store.ingest([validEvent(event('START', '2024-11-26T13:00:00Z'))]);
      const ended = Date.parse('2024-11-26T13:05:00Z');
      const other = await knex.transaction();
      try {
        await other.raw(
          'select 1 from lineage_runs where run_id = ? for update',
          [RUN],
        );
        const ingest = store.ingest([
          validEvent(event('RUNNING', '2024-11-26T13:01:00Z')),
        ]);
        await waitForLockWait(knex);
        // Another replica completes the run while this one waits for it.
        await other('lineage_runs')
          .where('run_id', RUN)
          .update({ state: 'COMPLETE', state_time: ended, ended_at: ended });
        await other.commit();
        expect((await ingest).fresh).toEqual([true]);
      } finally {
        if (!other.isCompleted()) await other.rollback();
      }
      const [run] = await reader.runs([RUN]);
      expect(run).toMatchObject({
        state: 'COMPLETE',
        startedAt: '2024-11-26T13:00:00.000Z',
        endedAt: '2024-11-26T13:05:00.000Z',
      });
    },
  );
  /* eslint-enable jest/no-standalone-expect */

  it.each(databases.eachSupportedId())(
    'stores a batch larger than one statement takes, every event and facet, on %p',
    async databaseId => {
      const { knex, store, reader } = await storeOn(databaseId);
      const batch = Array.from({ length: 600 }, (_, i) =>
        validEvent({
          eventTime: '2024-01-01T00:00:00Z',
          producer: 'p',
          dataset: {
            namespace: 'kafka://broker:9092',
            name: `topic_${i}`,
            facets: { documentation: { description: `topic ${i}` } },
          },
        }),
      );
      const first = await store.ingest(batch);
      expect(first.stored).toBe(600);
      expect(first.fresh.every(Boolean)).toBe(true);
      expect((await store.ingest(batch)).duplicates).toBe(600);
      expect((await knex('lineage_events').count({ n: '*' }))[0].n).toEqual(
        databaseId === 'POSTGRES_15' ? '600' : 600,
      );
      for (const i of [0, 250, 599]) {
        const dataset = await reader.datasetByName(
          'kafka://broker:9092',
          `topic_${i}`,
        );
        expect(dataset!.facets).toEqual({
          documentation: { description: `topic ${i}` },
        });
      }
    },
  );

  it.each(databases.eachSupportedId())(
    'stores a wide facet intact, compressed with lz4 where Postgres offers it, on %p',
    async databaseId => {
      const { knex, store, reader } = await storeOn(databaseId);
      const description = Array.from(
        { length: 400 },
        (_, i) => `col_${i}`,
      ).join(' ');
      await store.ingest([
        validEvent({
          eventTime: '2024-01-01T00:00:00Z',
          producer: 'p',
          dataset: {
            namespace: 'kafka://broker:9092',
            name: 'wide',
            facets: { documentation: { description } },
          },
        }),
      ]);
      const dataset = await reader.datasetByName('kafka://broker:9092', 'wide');
      expect(dataset!.facets).toEqual({ documentation: { description } });
      const { expected, payload, facets } = await storedCompression(knex);
      expect({ payload, facets }).toEqual({
        payload: expected,
        facets: expected,
      });
    },
  );

  it.each(databases.eachSupportedId())(
    'leaves room in the pages of rows that events update, on %p',
    async databaseId => {
      const { knex } = await storeOn(databaseId);
      const updated = [
        'lineage_datasets',
        'lineage_dataset_facet_times',
        'lineage_io',
        'lineage_jobs',
        'lineage_job_facet_times',
        'lineage_runs',
        'lineage_schema_versions',
      ];
      expect(await fillfactors(knex)).toEqual(
        databaseId === 'POSTGRES_15'
          ? Object.fromEntries(updated.map(table => [table, '70']))
          : {},
      );
    },
  );

  it.each(databases.eachSupportedId())(
    'replaces a facet with a newer one and removes one marked _deleted, on %p',
    async databaseId => {
      const { store, reader } = await storeOn(databaseId);
      const datasetEvent = (eventTime: string, facets: object) =>
        validEvent({
          eventTime,
          producer: 'p',
          dataset: { namespace: 'kafka://broker:9092', name: 'orders', facets },
        });
      await store.ingest([
        datasetEvent('2024-01-02T00:00:00Z', {
          documentation: { description: 'new' },
          ownership: { owners: [{ name: 'team:a' }] },
        }),
      ]);
      await store.ingest([
        datasetEvent('2024-01-01T00:00:00Z', {
          documentation: { description: 'old' },
        }),
        datasetEvent('2024-01-03T00:00:00Z', { ownership: { _deleted: true } }),
      ]);
      const dataset = await reader.datasetByName(
        'kafka://broker:9092',
        'orders',
      );
      expect(dataset!.facets).toEqual({
        documentation: { description: 'new' },
      });
    },
  );

  it.each(databases.eachSupportedId())(
    'keeps what a run wrote of a dataset it also read, as of the same event, on %p',
    async databaseId => {
      const { store, reader } = await storeOn(databaseId);
      const columns = (...names: string[]) => ({
        fields: names.map(name => ({ name, type: 'TEXT' })),
      });
      // An incremental model adding a column: it reads the table as it was
      // and writes it with the column. Read, the old schema's text sorts
      // after the new one's, which won a tie between the two.
      const table = (facets: object) => ({
        namespace: NS,
        name: 'mart.orders',
        facets,
      });
      await store.ingest([
        validEvent(
          event('COMPLETE', '2024-01-01T00:00:00Z', {
            inputs: [
              table({
                schema: columns('id'),
                documentation: { description: 'orders' },
                ownership: { owners: [{ name: 'team:read' }] },
              }),
            ],
            outputs: [
              table({
                schema: columns('id', 'status'),
                ownership: { owners: [{ name: 'team:written' }] },
              }),
            ],
          }),
        ),
      ]);
      const dataset = await reader.datasetByName(NS, 'mart.orders');
      expect(dataset!.facets).toEqual({
        schema: columns('id', 'status'),
        documentation: { description: 'orders' },
        ownership: { owners: [{ name: 'team:written' }] },
      });
      expect((await reader.fieldsOf(dataset!.id)).sort()).toEqual([
        'id',
        'status',
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'rewrites no dataset row for a run that changes none of its facets, yet moves their times, on %p',
    async databaseId => {
      const { knex, store, reader } = await storeOn(databaseId);
      await store.ingest(
        [validEvent(event('COMPLETE', '2024-11-26T13:00:00Z'))],
        1000,
      );
      const mart = await reader.datasetByName(NS, 'mart.orders');
      expect(mart!.updatedAt).toBe(1000);
      await countDatasetRowUpdates(knex);
      const rerun = { run: { runId: 'rerun', facets: {} } };
      await store.ingest(
        [validEvent(event('COMPLETE', '2024-11-28T13:00:00Z', rerun))],
        2000,
      );
      expect(await knex('dataset_row_updates').pluck('id')).toEqual([]);
      // The rerun's time is each facet's now: an event from before it, and
      // after the first run, no longer replaces the schema.
      await store.ingest(
        [
          validEvent({
            eventTime: '2024-11-27T13:00:00Z',
            producer: 'p',
            dataset: {
              namespace: NS,
              name: 'mart.orders',
              facets: { schema: { fields: [{ name: 'late' }] } },
            },
          }),
        ],
        3000,
      );
      const after = await reader.datasetByName(NS, 'mart.orders');
      expect(after!.facets).toEqual(mart!.facets);
      expect(after!.updatedAt).toBe(2000);
      expect(await knex('dataset_row_updates').pluck('id')).toEqual([]);
      // A run that does change a facet rewrites the row.
      const changed = validEvent(
        event('COMPLETE', '2024-11-29T13:00:00Z', rerun),
      );
      changed.event.outputs![0].facets!.schema = { fields: [{ name: 'id' }] };
      await store.ingest([changed], 4000);
      expect(await knex('dataset_row_updates').pluck('id')).toEqual([mart!.id]);
    },
  );

  it.each(databases.eachSupportedId())(
    'merges into the facet times that a writer it waited for committed, on %p',
    async databaseId => {
      const { knex, store, reader } = await storeOn(databaseId);
      const schemaOf = (field: string) => ({ fields: [{ name: field }] });
      const datasetEvent = (eventTime: string, field: string) =>
        validEvent({
          eventTime,
          producer: 'p',
          dataset: {
            namespace: NS,
            name: 'shared',
            facets: { schema: schemaOf(field) },
          },
        });
      await store.ingest([datasetEvent('2024-01-01T00:00:00Z', 'first')]);
      const { id } = (await reader.datasetByName(NS, 'shared'))!;
      // Another writer, as the store writes: the row locked, a newer schema
      // and its time stored, not yet committed.
      const other = await knex.transaction();
      await other('lineage_datasets')
        .where({ id })
        .update({ facets: JSON.stringify({ schema: schemaOf('newest') }) });
      await other('lineage_dataset_facet_times')
        .where({ id })
        .update({
          facet_times: JSON.stringify({
            schema: Date.parse('2024-01-03T00:00:00Z'),
          }),
        });
      const ingested = store.ingest([
        datasetEvent('2024-01-02T00:00:00Z', 'older'),
      ]);
      await new Promise(resolve => setTimeout(resolve, 300));
      await other.commit();
      await ingested;
      expect((await reader.datasetByName(NS, 'shared'))!.facets).toEqual({
        schema: schemaOf('newest'),
      });
    },
  );

  it.each(databases.eachSupportedId())(
    'keeps each run measurement from the newest event that reported it, in any order, on %p',
    async databaseId => {
      const { knex, store } = await storeOn(databaseId);
      const output = (facets: object) => ({
        namespace: NS,
        name: 'mart.orders',
        outputFacets: facets,
      });
      const complete = (runId: string, eventTime: string, facets: object) =>
        validEvent({
          eventType: 'COMPLETE',
          eventTime,
          producer: 'p',
          run: { runId },
          job: { namespace: 'etl', name: 'orders_daily' },
          outputs: [output(facets)],
        });
      const newest = (runId: string) =>
        complete(runId, '2024-01-03T00:00:00Z', {
          outputStatistics: { rowCount: 300 },
        });
      const middle = (runId: string) =>
        complete(runId, '2024-01-02T00:00:00Z', {
          outputStatistics: { rowCount: 200, size: 2048 },
        });
      const oldest = (runId: string) =>
        complete(runId, '2024-01-01T00:00:00Z', {
          outputStatistics: { rowCount: 100, size: 1024 },
          dataQualityMetrics: { rowCount: 100 },
        });
      const inBatches = '11111111-1111-4111-8111-111111111111';
      const inOneBatch = '22222222-2222-4222-8222-222222222222';
      // The oldest and newest leave byteCount at 1024; the middle event
      // reported a newer one.
      await store.ingest([oldest(inBatches)]);
      await store.ingest([newest(inBatches)]);
      await store.ingest([middle(inBatches)]);
      await store.ingest([
        oldest(inOneBatch),
        newest(inOneBatch),
        middle(inOneBatch),
      ]);
      const rows = await knex('lineage_run_io').orderBy('run_id');
      expect(
        rows.map(row => ({
          runId: row.run_id,
          eventTime: Number(row.event_time),
          rowCount: Number(row.row_count),
          byteCount: Number(row.byte_count),
          metrics: JSON.parse(row.quality_metrics),
        })),
      ).toEqual(
        [inBatches, inOneBatch].map(runId => ({
          runId,
          eventTime: Date.parse('2024-01-03T00:00:00Z'),
          rowCount: 300,
          byteCount: 2048,
          metrics: { rowCount: 100 },
        })),
      );
    },
  );

  it.each(databases.eachSupportedId())(
    "keeps the lifecycle change a run's events last reported of its output, whichever reported it, in any order and batches, and none of its inputs, on %p",
    async databaseId => {
      const { knex, store } = await storeOn(databaseId);
      /** An event of run `n` of etl/orders_daily, its output's facets as given. */
      const ofRun = (
        n: number,
        eventType: string,
        eventTime: string,
        facets: object = {},
      ) =>
        writeEvent({
          runId: `00000000-0000-4000-8000-00000000b00${n}`,
          job: 'orders_daily',
          eventType,
          eventTime,
          inputs: [{ namespace: NS, name: 'raw.orders' }],
          output: { namespace: NS, name: 'mart.orders', facets },
        });
      const changed = (change: string) => ({
        lifecycleStateChange: {
          _producer: 'https://example.com/test',
          _schemaURL: 'https://example.com/schema',
          lifecycleStateChange: change,
          ...(change === 'deleted' ? { _deleted: true } : {}),
        },
      });
      const start = '2024-01-01T00:00:00Z';
      const end = '2024-01-01T00:05:00Z';
      await store.ingest([
        ofRun(1, 'START', start),
        ofRun(1, 'COMPLETE', end, changed('DROP')),
      ]);
      await store.ingest([ofRun(2, 'COMPLETE', end, changed('TRUNCATE'))]);
      await store.ingest([ofRun(2, 'START', start)]);
      await store.ingest([
        ofRun(3, 'COMPLETE', end, changed('OVERWRITE')),
        ofRun(3, 'START', start, changed('DROP')),
      ]);
      await store.ingest([ofRun(4, 'START', start, changed('DROP'))]);
      await store.ingest([ofRun(4, 'COMPLETE', end, changed('deleted'))]);
      expect(await runIoColumn(knex, 'lifecycle_change')).toEqual([
        ['1', 'in', null],
        ['1', 'out', 'DROP'],
        ['2', 'in', null],
        ['2', 'out', 'TRUNCATE'],
        ['3', 'in', null],
        ['3', 'out', ''],
        ['4', 'in', null],
        ['4', 'out', ''],
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'keeps the lifecycle state of the latest event of a run naming its output, and gives each dataset that of its latest write, in any order, on %p',
    async databaseId => {
      const { knex, store } = await storeOn(databaseId);
      const ofRun = (
        n: number,
        eventType: string,
        eventTime: string,
        change?: string,
      ) =>
        writeEvent({
          runId: `00000000-0000-4000-8000-00000000c00${n}`,
          job: n === 2 ? 'dropper' : 'writer',
          eventType,
          eventTime,
          inputs: [{ namespace: NS, name: 'raw.orders' }],
          output: {
            namespace: NS,
            name: 'tmp.recreated',
            facets: lifecycleFacet(change),
          },
        });
      // The latest write first, the older drop after it.
      await store.ingest([
        ofRun(3, 'START', '2024-01-01T03:00:00Z', 'CREATE'),
        ofRun(3, 'COMPLETE', '2024-01-01T03:05:00Z'),
      ]);
      await store.ingest([ofRun(1, 'COMPLETE', '2024-01-01T01:05:00Z')]);
      await store.ingest([
        ofRun(2, 'COMPLETE', '2024-01-01T02:05:00Z', 'DROP'),
        ofRun(2, 'START', '2024-01-01T02:00:00Z'),
      ]);
      expect(await runIoColumn(knex, 'lifecycle_state')).toEqual([
        ['1', 'in', null],
        ['1', 'out', ''],
        ['2', 'in', null],
        ['2', 'out', 'DROP'],
        ['3', 'in', null],
        ['3', 'out', ''],
      ]);
      const id = (
        await knex('lineage_datasets')
          .where('name', 'tmp.recreated')
          .first('id')
      ).id;
      expect(await lastLifecycleStates(knex, [id])).toEqual(new Map());
      await store.ingest([
        ofRun(4, 'COMPLETE', '2024-01-01T04:05:00Z', 'ALTER'),
      ]);
      expect(await lastLifecycleStates(knex, [id])).toEqual(
        new Map([[id, 'ALTER']]),
      );
      // A dataset event after the latest write versions it too.
      const droppedByDatasetEvent = validEvent({
        eventTime: '2024-01-01T05:00:00Z',
        producer: 'https://example.com/test',
        dataset: {
          namespace: NS,
          name: 'tmp.recreated',
          facets: { lifecycleStateChange: { lifecycleStateChange: 'DROP' } },
        },
      });
      await store.ingest([droppedByDatasetEvent]);
      expect(await lastLifecycleStates(knex, [id])).toEqual(
        new Map([[id, 'DROP']]),
      );
      await store.ingest([ofRun(5, 'COMPLETE', '2024-01-01T06:05:00Z')]);
      expect(await lastLifecycleStates(knex, [id])).toEqual(new Map());
    },
  );

  it.each(databases.eachSupportedId())(
    "takes no lifecycle state from a run that did not complete, and of writes at the same time the greater run id's, on %p",
    async databaseId => {
      const { knex, store } = await storeOn(databaseId);
      /** An event of run `n`, its output's lifecycle change as given. */
      const ofRun = (
        n: number,
        eventType: string,
        eventTime: string,
        change?: string,
      ) =>
        writeEvent({
          runId: `00000000-0000-4000-8000-00000000e00${n}`,
          job: `job${n}`,
          eventType,
          eventTime,
          output: {
            namespace: NS,
            name: 'tmp.kept',
            facets: lifecycleFacet(change),
          },
        });
      await store.ingest([ofRun(1, 'COMPLETE', '2024-01-01T01:00:00Z')]);
      const id = (
        await knex('lineage_datasets').where('name', 'tmp.kept').first('id')
      ).id;
      await store.ingest([
        ofRun(2, 'START', '2024-01-01T02:00:00Z', 'DROP'),
        validEvent({
          eventType: 'FAIL',
          eventTime: '2024-01-01T02:05:00Z',
          producer: 'https://example.com/test',
          run: { runId: '00000000-0000-4000-8000-00000000e002' },
          job: { namespace: 'etl', name: 'job2' },
        }),
      ]);
      expect(await lastLifecycleStates(knex, [id])).toEqual(new Map());
      await store.ingest([
        ofRun(3, 'START', '2024-01-01T03:00:00Z', 'OVERWRITE'),
      ]);
      expect(await lastLifecycleStates(knex, [id])).toEqual(new Map());
      // The greater run id stored first, so that storage order does not
      // pick it.
      await store.ingest([
        ofRun(5, 'COMPLETE', '2024-01-01T04:00:00Z', 'ALTER'),
      ]);
      await store.ingest([ofRun(4, 'COMPLETE', '2024-01-01T04:00:00Z')]);
      expect(await lastLifecycleStates(knex, [id])).toEqual(
        new Map([[id, 'ALTER']]),
      );
    },
  );

  it.each(databases.eachSupportedId())(
    'makes the dataset a rename was renamed from an input of the renaming job, stored once in any order, on %p',
    async databaseId => {
      const { knex, store } = await storeOn(databaseId);
      const staged = validEvent({
        eventType: 'COMPLETE',
        eventTime: '2024-01-01T01:00:00Z',
        producer: 'https://example.com/test',
        run: { runId: '00000000-0000-4000-8000-00000000d001' },
        job: { namespace: 'dbt', name: 'S' },
        inputs: [{ namespace: NS, name: 'P' }],
        outputs: [{ namespace: NS, name: 'T__TMP' }],
      });
      const renaming = '00000000-0000-4000-8000-00000000d002';
      const renamed = (eventType: string, eventTime: string) =>
        validEvent({
          eventType,
          eventTime,
          producer: 'https://example.com/test',
          run: { runId: renaming },
          job: { namespace: 'dbt', name: 'R' },
          outputs: [
            {
              namespace: NS,
              name: 'T',
              facets: {
                lifecycleStateChange: {
                  lifecycleStateChange: 'RENAME',
                  previousIdentifier: { namespace: NS, name: 'T__TMP' },
                },
              },
            },
          ],
        });
      const complete = renamed('COMPLETE', '2024-01-01T02:00:05Z');
      await store.ingest([complete]);
      await store.ingest([staged, renamed('START', '2024-01-01T02:00:00Z')]);
      expect((await store.ingest([complete])).duplicates).toBe(1);
      const edges = await knex('lineage_io as io')
        .join('lineage_datasets as d', 'd.id', 'io.dataset_id')
        .join('lineage_jobs as j', 'j.id', 'io.job_id')
        .orderBy(['j.name', 'io.direction'])
        .select('j.name as job', 'io.direction', 'd.name as dataset');
      expect(edges.map(e => [e.job, e.direction, e.dataset])).toEqual([
        ['R', 'in', 'T__TMP'],
        ['R', 'out', 'T'],
        ['S', 'in', 'P'],
        ['S', 'out', 'T__TMP'],
      ]);
      const runIo = await knex('lineage_run_io')
        .where('run_id', renaming)
        .orderBy('direction')
        .select('direction', 'event_time', 'row_count');
      expect(
        runIo.map(row => [
          row.direction,
          Number(row.event_time),
          row.row_count,
        ]),
      ).toEqual([
        ['in', complete.eventTimeMs, null],
        ['out', complete.eventTimeMs, null],
      ]);
      const payload = await knex('lineage_events')
        .where('event_type', 'COMPLETE')
        .where('run_id', renaming)
        .select('payload');
      expect(payload).toHaveLength(1);
    },
  );

  it.each(databases.eachSupportedId())(
    'marks a run updated by an event that changes it, a later OTHER too, not by one it already had, on %p',
    async databaseId => {
      const { knex, store } = await storeOn(databaseId);
      const runId = '00000000-0000-4000-8000-00000000a001';
      const streamEvent = (
        eventType: string,
        eventTime: string,
        producer = 'https://example.com/test',
      ) =>
        validEvent({
          eventType,
          eventTime,
          producer,
          run: { runId },
          job: { namespace: 'flink', name: 'orders_stream' },
          outputs: [{ namespace: 'kafka://broker:9092', name: 'orders' }],
        });
      const updatedAt = async () =>
        Number(
          (await knex('lineage_runs').where('run_id', runId).first())
            .updated_at,
        );
      await store.ingest([streamEvent('START', '2024-01-01T00:00:00Z')], 1000);
      // An OTHER naming the output later changes no column of the run,
      // but is its latest event: the run was updated when it came.
      await store.ingest([streamEvent('OTHER', '2024-01-01T01:00:00Z')], 5000);
      expect(await updatedAt()).toBe(5000);
      // Nor does the same OTHER sent again (from another producer, so not
      // a duplicate), which changes nothing.
      await store.ingest(
        [streamEvent('OTHER', '2024-01-01T01:00:00Z', 'https://example.com/2')],
        7000,
      );
      expect(await updatedAt()).toBe(5000);
      // An earlier event that changes nothing (its START again, from
      // another producer) does not update it.
      await store.ingest(
        [streamEvent('START', '2024-01-01T00:00:00Z', 'https://example.com/2')],
        9000,
      );
      expect(await updatedAt()).toBe(5000);
      await store.ingest(
        [streamEvent('RUNNING', '2024-01-01T00:40:00Z')],
        9500,
      );
      expect(await updatedAt()).toBe(9500);
    },
  );

  it.each(databases.eachSupportedId())(
    'keeps the same of two measurements reported at one time, in any order, on %p',
    async databaseId => {
      const { knex, store } = await storeOn(databaseId);
      // A corrected COMPLETE re-sent with the same time, say.
      const report = (runId: string, rowCount: number, column: string) =>
        validEvent({
          eventType: 'COMPLETE',
          eventTime: '2024-01-01T00:00:00Z',
          producer: `p${rowCount}`,
          run: { runId },
          job: { namespace: 'etl', name: 'orders_daily' },
          outputs: [
            {
              namespace: NS,
              name: 'mart.orders',
              facets: {
                schema: { fields: [{ name: column, type: 'BIGINT' }] },
              },
              outputFacets: {
                outputStatistics: { rowCount, size: rowCount * 10 },
                dataQualityMetrics: {
                  columnMetrics: { [column]: { nullCount: 0 } },
                },
              },
            },
          ],
        });
      // The larger count comes with the text that sorts first, and the
      // other way round: by code point, é after f, where a locale's
      // collation puts it before, so that the database's collation must
      // not decide it (as here, where the column's would).
      if (databaseId === 'POSTGRES_15') {
        await knex.raw(
          `alter table lineage_run_io alter column quality_metrics type text collate "en-x-icu"`,
        );
      }
      const a = (runId: string) => report(runId, 200, 'f_id');
      const b = (runId: string) => report(runId, 100, 'é_id');
      const runs = Array.from(
        { length: 4 },
        (_, i) => `00000000-0000-4000-8000-00000000000${i}`,
      );
      await store.ingest([a(runs[0])]);
      await store.ingest([b(runs[0])]);
      await store.ingest([b(runs[1])]);
      await store.ingest([a(runs[1])]);
      await store.ingest([a(runs[2]), b(runs[2])]);
      await store.ingest([b(runs[3]), a(runs[3])]);
      const rows = await knex('lineage_run_io').orderBy('run_id');
      const measured = rows.map(row => ({
        rowCount: Number(row.row_count),
        byteCount: Number(row.byte_count),
        metrics: row.quality_metrics,
        schemaHash: row.schema_hash,
      }));
      expect(measured).toHaveLength(4);
      expect(measured[0]).toMatchObject({ rowCount: 200, byteCount: 2000 });
      expect(measured[0].metrics).toContain('é_id');
      measured.forEach(m => expect(m).toEqual(measured[0]));
    },
  );

  it.each(databases.eachSupportedId())(
    'deletes the rows derived from a facet only of datasets that had it, on %p',
    async databaseId => {
      const { knex, store } = await storeOn(databaseId);
      const deletesFrom: string[] = [];
      knex.on('query', (query: { sql: string }) => {
        // On Postgres, deletes are chained with other writes in one statement.
        for (const [, table] of query.sql.matchAll(
          /delete from [`"]?(\w+)/gi,
        )) {
          deletesFrom.push(table);
        }
      });
      const columns = async () =>
        (
          await knex('lineage_dataset_fields')
            .orderBy('field')
            .select('field', 'type')
        ).map(({ field, type }) => `${field} ${type}`);

      await store.ingest([
        validEvent(event('COMPLETE', '2024-11-26T13:00:00Z')),
      ]);
      expect(deletesFrom).toEqual([]);
      expect(await columns()).toEqual(['amount DECIMAL', 'id BIGINT']);

      const renamed = event('COMPLETE', '2024-11-27T13:00:00Z', {
        outputs: [
          {
            namespace: NS,
            name: 'mart.orders',
            facets: {
              schema: { fields: [{ name: 'total', type: 'DECIMAL' }] },
              columnLineage: {
                fields: { total: { inputFields: [ordersField('total', [])] } },
              },
            },
          },
        ],
      });
      await store.ingest([validEvent(renamed)]);
      expect(deletesFrom.sort()).toEqual([
        'lineage_column_edges',
        'lineage_dataset_fields',
      ]);
      expect(await columns()).toEqual(['total DECIMAL']);
      expect(await knex('lineage_column_edges').pluck('field')).toEqual([
        'total',
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'keeps the fields of a schema once for the datasets that report it, writes them only while not known committed, also after a batch that stored them rolled back, on %p',
    async databaseId => {
      const { knex, store, reader } = await storeOn(databaseId);
      const fields = [{ name: 'id', type: 'BIGINT' }];
      const withSchema = (name: string) => ({
        namespace: NS,
        name,
        facets: { schema: { fields } },
      });
      // The batch fails after storing the fields, in its transaction.
      const refused = await refuseInserts(
        knex,
        databaseId,
        'lineage_schema_versions',
      );
      // Not toThrow: in a jest worker's later test files, better-sqlite3's
      // errors are not instances of the file's Error.
      await expect(
        store.ingest([
          validEvent(
            event('COMPLETE', '2024-01-01T00:00:00Z', {
              outputs: [withSchema('mart.first')],
            }),
          ),
        ]),
      ).rejects.toMatchObject({
        message: expect.stringContaining('refused insert'),
      });
      await refused.stop();

      await store.ingest([
        validEvent(
          event('COMPLETE', '2024-01-02T00:00:00Z', {
            outputs: [withSchema('mart.first'), withSchema('mart.second')],
          }),
        ),
      ]);
      // Once committed, the store knows the fields are kept: it does not
      // write them again.
      const fieldsRefused = await refuseInserts(
        knex,
        databaseId,
        'lineage_schema_fields',
      );
      await store.ingest([
        validEvent(
          event('COMPLETE', '2024-01-03T00:00:00Z', {
            outputs: [withSchema('mart.second')],
          }),
        ),
      ]);
      await fieldsRefused.stop();

      for (const name of ['mart.first', 'mart.second']) {
        const dataset = await reader.datasetByName(NS, name);
        expect(await reader.schemaVersions(dataset!.id)).toEqual([
          expect.objectContaining({ fields }),
        ]);
      }
      expect(await knex('lineage_schema_fields').pluck('fields')).toEqual([
        JSON.stringify(fields),
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'keeps one schema version of fields sent again with their keys in another order, shown as first sent, and one more once the fields change order, on %p',
    async databaseId => {
      const { knex, store, reader } = await storeOn(databaseId);
      const sent = [
        { name: 'id', type: 'BIGINT', description: 'key' },
        { name: 'address', type: 'STRUCT', fields: [{ name: 'city' }] },
      ];
      // As a relay re-serialising the event may send it.
      const reordered = [
        { description: 'key', type: 'BIGINT', name: 'id' },
        { fields: [{ name: 'city' }], type: 'STRUCT', name: 'address' },
      ];
      const withFields = (eventTime: string, fields: object[]) =>
        validEvent(
          event('COMPLETE', eventTime, {
            outputs: [
              {
                namespace: NS,
                name: 'mart.orders',
                facets: { schema: { fields } },
              },
            ],
          }),
        );
      await store.ingest([withFields('2024-01-01T00:00:00Z', sent)]);
      await store.ingest([withFields('2024-01-01T00:00:00Z', reordered)]);
      await store.ingest([withFields('2024-01-02T00:00:00Z', reordered)]);
      const dataset = await reader.datasetByName(NS, 'mart.orders');
      expect(await reader.schemaVersions(dataset!.id)).toEqual([
        {
          fields: sent,
          firstSeen: '2024-01-01T00:00:00.000Z',
          lastSeen: '2024-01-02T00:00:00.000Z',
        },
      ]);
      expect(
        Object.keys((await reader.schemaVersions(dataset!.id))[0].fields[0]),
      ).toEqual(['name', 'type', 'description']);

      await store.ingest([
        withFields('2024-01-03T00:00:00Z', [...reordered].reverse()),
      ]);
      expect(await reader.schemaVersions(dataset!.id)).toHaveLength(2);
      // The run's latest report, by the key of its version.
      expect(
        await knex('lineage_run_io')
          .whereNotNull('schema_hash')
          .pluck('schema_hash'),
      ).toEqual([
        (await knex('lineage_schema_versions').orderBy('first_seen'))[1]
          .fields_hash,
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'widens first and last seen of edges and schema versions across batches, on %p',
    async databaseId => {
      const { knex, store } = await storeOn(databaseId);
      const at = (eventTime: string) =>
        validEvent(
          event('COMPLETE', eventTime, {
            run: { runId: RUN, facets: { nominalTime: { at: eventTime } } },
          }),
        );
      await store.ingest([at('2024-01-02T00:00:00Z')]);
      await store.ingest([at('2024-01-01T00:00:00Z')]);
      await store.ingest([
        at('2024-01-04T00:00:00Z'),
        at('2024-01-03T00:00:00Z'),
      ]);
      const seen = (row: { first_seen: unknown; last_seen: unknown }) => [
        new Date(Number(row.first_seen)).toISOString(),
        new Date(Number(row.last_seen)).toISOString(),
      ];
      const expected = ['2024-01-01T00:00:00.000Z', '2024-01-04T00:00:00.000Z'];
      const edges = await knex('lineage_io');
      expect(edges).toHaveLength(2);
      edges.forEach(edge => expect(seen(edge)).toEqual(expected));
      const versions = await knex('lineage_schema_versions');
      expect(versions).toHaveLength(1);
      expect(seen(versions[0])).toEqual(expected);
    },
  );

  it.each(databases.eachSupportedId())(
    "keeps when each edge was last seen by an event naming all its run's lineage, in any order, on %p",
    async databaseId => {
      const { knex, store } = await storeOn(databaseId);
      const at = (eventTime: string, extractionError?: object) =>
        validEvent(
          event('COMPLETE', eventTime, {
            run: {
              runId: RUN,
              facets: extractionError ? { extractionError } : {},
            },
          }),
        );
      const failed = { totalTasks: 2, failedTasks: 1 };
      const completeSeen = async () =>
        (await knex('lineage_io').orderBy('direction')).map(row =>
          row.complete_seen === null
            ? null
            : new Date(Number(row.complete_seen)).toISOString(),
        );

      await store.ingest([
        at('2024-01-01T00:00:00Z', failed),
        at('2024-01-04T00:00:00Z', failed),
      ]);
      expect(await completeSeen()).toEqual([null, null]);
      // A whole event within the edges' first and last seen, stored after.
      await store.ingest([at('2024-01-02T00:00:00Z')]);
      expect(await completeSeen()).toEqual([
        '2024-01-02T00:00:00.000Z',
        '2024-01-02T00:00:00.000Z',
      ]);
      await store.ingest([
        at('2024-01-05T00:00:00Z', failed),
        at('2024-01-03T00:00:00Z'),
        at('2024-01-03T12:00:00Z', { totalTasks: 2, failedTasks: 0 }),
      ]);
      await store.ingest([at('2024-01-06T00:00:00Z', failed)]);
      expect(await completeSeen()).toEqual([
        '2024-01-03T12:00:00.000Z',
        '2024-01-03T12:00:00.000Z',
      ]);
      expect(
        (await knex('lineage_io')).map(row => Number(row.last_seen)),
      ).toEqual([
        Date.parse('2024-01-06T00:00:00Z'),
        Date.parse('2024-01-06T00:00:00Z'),
      ]);
    },
  );
});
