import { mockCredentials } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createStoreTestDatabases } from '@meshwork/test-utils';
import request from 'supertest';
import {
  dataProduct,
  namingJobs,
  PRODUCT_NAMESPACE,
} from '../../__testUtils__/dataProduct';
import { lineageBackendHolding } from '../../__testUtils__/lineageBackendHolding';
import { validEvent } from '../../__testUtils__/validEvent';
import { LineageReader } from '../../store/LineageReader';
import { OpenLineageEventStore } from '../../store/OpenLineageEventStore';
import { CountedMeasurements } from '../../__testUtils__/CountedMeasurements';
import { RuntimeProductFinder } from './RuntimeProductFinder';

const NS = PRODUCT_NAMESPACE;

let run = 0;
const runId = (n: number) =>
  `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
type RunOf = { job: string; run: number };
const runFacet = (of: RunOf) => ({
  run: { runId: runId(of.run) },
  job: { namespace: of.job.split('/')[0], name: of.job.split('/')[1] },
});

/**
 * A completed run of `job` (namespace/name) reading and writing tables of
 * NS, as a child of the run of `parent` (the DAG's run, say), under the
 * run of its `root`, if given.
 */
function ran(
  job: string,
  inputs: string[],
  outputs: string[],
  parent?: RunOf & { root?: RunOf },
) {
  run++;
  const [namespace, name] = job.split('/');
  const parentFacet = parent && {
    _producer: 'https://example.com/test',
    _schemaURL:
      'https://openlineage.io/spec/facets/1-1-0/ParentRunFacet.json#/$defs/ParentRunFacet',
    ...runFacet(parent),
    ...(parent.root ? { root: runFacet(parent.root) } : {}),
  };
  return {
    eventType: 'COMPLETE',
    eventTime: new Date(Date.now() - run * 60_000).toISOString(),
    producer: 'https://example.com/test',
    run: {
      runId: runId(run),
      ...(parentFacet ? { facets: { parent: parentFacet } } : {}),
    },
    job: { namespace, name },
    inputs: inputs.map(table => ({ namespace: NS, name: table })),
    outputs: outputs.map(table => ({ namespace: NS, name: table })),
  };
}

/** `event`, seen `days` ago. */
const daysAgo = (event: ReturnType<typeof ran>, days: number) => ({
  ...event,
  eventTime: new Date(Date.now() - days * 86_400_000).toISOString(),
});

const products = [
  dataProduct('orders'),
  dataProduct('revenue'),
  dataProduct('shipments'),
  dataProduct('invoices'),
];

const events = [
  // The DAG writes nothing itself: its task, run 2, writes the port.
  ran('airflow/nightly_dag', [], []),
  // The orders product's job also writes a staging table.
  ran('airflow/orders_daily', ['raw.orders'], ['mart.orders', 'staging.tmp'], {
    job: 'airflow/nightly_dag',
    run: 1,
  }),
  // A silent DAG's run whose sensor ran 101 times after the task writing
  // the port (each event here is a minute older than the one before).
  ...Array.from({ length: 101 }, () =>
    ran('airflow/sensor', [], [], { job: 'airflow/busy_dag', run: 8888 }),
  ),
  ran('airflow/loader', [], ['mart.shipments'], {
    job: 'airflow/busy_dag',
    run: 8888,
  }),
  // The task of a DAG that sends no event of its own (older Airflow).
  ran('airflow/revenue_task', [], ['mart.revenue'], {
    job: 'airflow/silent_dag',
    run: 9999,
  }),
  // Reads the product's port, writes none: it belongs to no product.
  ran('airflow/orders_archive', ['mart.orders'], ['archive.orders_2019']),
  ran('spark/revenue_build', ['mart.orders'], ['mart.revenue']),
  ran('zeta/revenue', ['mart.orders'], ['mart.revenue']),
  ran('etl/shipments', [], ['mart.shipments']),
  // A symlink names the shipments port by another table's name.
  (() => {
    const event = ran('spark/ship_files', [], ['mart.shipments']);
    (event.outputs[0] as any).facets = {
      symlinks: {
        _producer: 'https://example.com/test',
        _schemaURL:
          'https://openlineage.io/spec/facets/1-0-1/SymlinksDatasetFacet.json#/$defs/SymlinksDatasetFacet',
        identifiers: [
          { namespace: NS, name: 'hive.shipments_tbl', type: 'TABLE' },
        ],
      },
    };
    return event;
  })(),
  // One job writing two products' ports.
  ran('dbt/nightly_models', [], ['mart.revenue', 'mart.shipments']),
  // A name folded by Unicode rules, not ASCII ones.
  ran('a/x_überjob', [], ['mart.shipments']),
  ran('b/Überjob', [], ['mart.shipments']),
  ran('Øst/shipper', [], ['mart.shipments']),
  // Wrote the orders port and a staging table until 100 days ago; now the
  // shipments port.
  daysAgo(ran('etl/mover', [], ['mart.orders', 'staging.moved']), 100),
  ran('etl/mover', [], ['mart.shipments']),
  // A DAG's extract task writes a staging table that its build task reads
  // to write the port, from a source table no job writes.
  ran('airflow/extract_invoices', ['src.invoices'], ['staging.invoices'], {
    job: 'airflow/invoice_dag',
    run: 7777,
  }),
  ran('airflow/build_invoices', ['staging.invoices'], ['mart.invoices'], {
    job: 'airflow/invoice_dag',
    run: 7777,
  }),
  // Feeds the extract task; before the port's writer by namespace.
  ran('aa/invoices_feed', [], ['src.invoices']),
  // Reads a table that the orders port's job also writes.
  ran('spark/tmp_reader', ['staging.tmp'], ['mart.revenue']),
  // A quality check: reads the orders port, writes nothing.
  ran('quality/customer_id_not_null', ['mart.orders'], []),
  // A chain of jobs, the last writing a port: the first is four jobs
  // upstream of it.
  ran('chain/hop_0', [], ['chain.t0']),
  ran('chain/hop_1', ['chain.t0'], ['chain.t1']),
  ran('chain/hop_2', ['chain.t1'], ['chain.t2']),
  ran('chain/hop_3', ['chain.t2'], ['chain.t3']),
  ran('chain/hop_4', ['chain.t3'], ['mart.invoices']),
  // More jobs and tables named like the orders product's than a page of
  // search results, all before it by namespace or name, none a product's.
  ...Array.from({ length: 60 }, (_, i) =>
    ran(`aa/orders_export_${i}`, ['mart.orders'], [`export.orders_${i}`]),
  ),
];

describe('finding data products by their jobs and tables', () => {
  const databases = createStoreTestDatabases();

  it.each(databases.eachSupportedId())(
    "finds a product by the job writing its port, that job's DAG, or another table the job writes, on %p",
    async databaseId => {
      const knex = await databases.init(databaseId);
      const { backend, get } = await lineageBackendHolding(knex, events, {
        features: [catalogServiceMock.factory({ entities: products })],
      });
      try {
        const search = async (q: string, query = '') =>
          (
            await get(
              `/products/search?q=${encodeURIComponent(q)}${query}`,
            ).expect(200)
          ).body.items;

        /** The orders port, written by orders_daily, found through `via`. */
        const ordersFoundBy = (via: object) => ({
          entityRef: 'dataproduct:default/orders',
          port: 'orders',
          via,
          job: { namespace: 'airflow', name: 'orders_daily' },
          exact: true,
        });
        expect(await search('ORDERS_DAILY')).toEqual([
          ordersFoundBy({
            type: 'job',
            namespace: 'airflow',
            name: 'orders_daily',
          }),
        ]);
        // The DAG whose task writes the port.
        expect(await search('nightly_dag')).toEqual([
          ordersFoundBy({
            type: 'job',
            namespace: 'airflow',
            name: 'nightly_dag',
          }),
        ]);
        // A DAG known only from its task's parent facet.
        expect(await search('silent_dag')).toEqual([
          {
            entityRef: 'dataproduct:default/revenue',
            port: 'revenue',
            via: { type: 'job', namespace: 'airflow', name: 'silent_dag' },
            job: { namespace: 'airflow', name: 'revenue_task' },
            exact: true,
          },
        ]);
        // Every task of the DAG's run, though 101 sensor runs are newer.
        expect(await search('busy_dag')).toEqual([
          expect.objectContaining({
            entityRef: 'dataproduct:default/shipments',
            job: { namespace: 'airflow', name: 'loader' },
          }),
        ]);
        // A name a symlink gives the port's table.
        expect(await search('shipments_tbl')).toEqual([
          expect.objectContaining({
            entityRef: 'dataproduct:default/shipments',
            port: 'shipments',
            via: { type: 'dataset', namespace: NS, name: 'hive.shipments_tbl' },
          }),
        ]);
        // A table no product declares, written by the product's job.
        expect(await search('staging.tmp')).toEqual([
          ordersFoundBy({
            type: 'dataset',
            namespace: NS,
            name: 'staging.tmp',
          }),
        ]);
        // Part of a name; the archive and export jobs write no port and
        // feed none, and the revenue jobs only read the orders. The table
        // the port's job reads comes after the port's own.
        const orders = await search('orders');
        expect(
          orders.map((m: any) => [m.entityRef, m.via.type, m.via.name]),
        ).toEqual([
          ['dataproduct:default/orders', 'job', 'orders_daily'],
          ['dataproduct:default/orders', 'dataset', 'mart.orders'],
          ['dataproduct:default/orders', 'dataset', 'raw.orders'],
        ]);
        expect(orders[2]).toMatchObject({ upstream: true });
        expect(orders[0]).not.toHaveProperty('upstream');

        // A check reading the port, writing nothing: on-call types the
        // one that failed.
        expect(await search('customer_id_not_null')).toEqual([
          {
            entityRef: 'dataproduct:default/orders',
            port: 'orders',
            via: {
              type: 'job',
              namespace: 'quality',
              name: 'customer_id_not_null',
            },
            job: { namespace: 'quality', name: 'customer_id_not_null' },
            exact: true,
            reads: true,
          },
        ]);

        // What feeds a port: the extract task, its staging table and its
        // source table lead to the job writing it.
        const invoicesFedBy = (via: object) => [
          {
            entityRef: 'dataproduct:default/invoices',
            port: 'invoices',
            via,
            job: { namespace: 'airflow', name: 'build_invoices' },
            exact: true,
            upstream: true,
          },
        ];
        expect(await search('extract_invoices')).toEqual(
          invoicesFedBy({
            type: 'job',
            namespace: 'airflow',
            name: 'extract_invoices',
          }),
        );
        expect(await search('staging.invoices')).toEqual(
          invoicesFedBy({
            type: 'dataset',
            namespace: NS,
            name: 'staging.invoices',
          }),
        );
        expect(await search('src.invoices')).toEqual(
          invoicesFedBy({
            type: 'dataset',
            namespace: NS,
            name: 'src.invoices',
          }),
        );
        // The DAG's build task writes the port: no walk needed.
        expect(await search('invoice_dag')).toEqual([
          expect.not.objectContaining({ upstream: true }),
        ]);
        // A walk stops at the first job writing a port: what feeds the
        // orders does not lead to the revenue port, whose jobs read the
        // orders port or another table the orders port's job writes.
        expect(
          (await search('raw.orders')).map((m: any) => [m.entityRef, m.job]),
        ).toEqual([
          [
            'dataproduct:default/orders',
            { namespace: 'airflow', name: 'orders_daily' },
          ],
        ]);
        // A port's own writer before what feeds it, however few are asked.
        expect(
          (await search('invoices', '&limit=1')).map((m: any) => [
            m.via.name,
            m.upstream ?? false,
          ]),
        ).toEqual([
          ['build_invoices', false],
          ['mart.invoices', false],
        ]);
        // At most three jobs upstream of the port's.
        expect(
          (await search('hop_1')).map((m: any) => [m.via.name, m.job.name]),
        ).toEqual([['hop_1', 'hop_4']]);
        expect(await search('hop_0')).toEqual([]);
        expect(
          (await search('chain.t1')).map((m: any) => [m.via.name, m.job.name]),
        ).toEqual([['chain.t1', 'hop_4']]);
        expect(await search('chain.t0')).toEqual([]);
        // Named exactly first, though another comes first by namespace.
        const revenue = await search('revenue');
        expect(revenue.map((m: any) => [m.via.type, m.via.name])).toEqual([
          ['job', 'revenue'],
          ['job', 'revenue_task'],
          ['job', 'revenue_build'],
          ['dataset', 'mart.revenue'],
        ]);
        expect(revenue[0].exact).toBe(true);
        // A job writing two products' ports is both products'; each port's
        // table is only its own product's.
        const nightly = await search('nightly_models');
        expect(nightly.map((m: any) => m.entityRef).sort()).toEqual([
          'dataproduct:default/revenue',
          'dataproduct:default/shipments',
        ]);
        expect(
          (await search('mart.shipments')).map((m: any) => [
            m.entityRef,
            m.via.name,
          ]),
        ).toEqual([['dataproduct:default/shipments', 'mart.shipments']]);
        // Within a namespace.
        expect(
          await search(
            'mart.shipments',
            `&namespace=${encodeURIComponent(NS)}`,
          ),
        ).toHaveLength(1);
        expect(
          await search('mart.shipments', '&namespace=other%3A%2F%2Fhost'),
        ).toEqual([]);
        // Empty, as every parameter: not given.
        expect(await search('mart.shipments', '&namespace=')).toEqual(
          await search('mart.shipments'),
        );
        expect(await search('orders_daily', '&namespace=AIRFLOW')).toHaveLength(
          1,
        );
        // A namespace's non-ASCII letters, whatever their case, though the
        // text searched for has none.
        expect(
          await search('shipper', `&namespace=${encodeURIComponent('øST')}`),
        ).toEqual([
          expect.objectContaining({
            via: { type: 'job', namespace: 'Øst', name: 'shipper' },
          }),
        ]);
        // Named exactly first, whatever the case of its non-ASCII letters.
        expect(await search('überjob', '&limit=1')).toEqual([
          expect.objectContaining({
            via: { type: 'job', namespace: 'b', name: 'Überjob' },
            exact: true,
          }),
        ]);
        // At most `limit` jobs and `limit` datasets that lead to a product.
        expect(await search('revenue', '&limit=1')).toEqual([
          expect.objectContaining({
            via: { type: 'job', namespace: 'zeta', name: 'revenue' },
          }),
          expect.objectContaining({
            via: { type: 'dataset', namespace: NS, name: 'mart.revenue' },
          }),
        ]);
        // Only what a job writes now counts, for it and for its tables,
        // though the graph holds what it wrote before.
        const moverGraph = await get(
          `/graph?nodeId=job:etl:mover&direction=downstream&depth=1&edges=all`,
        ).expect(200);
        expect(moverGraph.body.nodes.map((n: any) => n.name)).toEqual(
          expect.arrayContaining(['mart.orders', 'staging.moved']),
        );
        expect(await search('mover')).toEqual([
          expect.objectContaining({
            entityRef: 'dataproduct:default/shipments',
            via: { type: 'job', namespace: 'etl', name: 'mover' },
          }),
        ]);
        expect(await search('staging.moved')).toEqual([]);
        // The text is matched as typed, not as a pattern.
        expect(await search('orders_%')).toEqual([]);
        expect(await search('nothing like it')).toEqual([]);

        for (const [query, message] of [
          ['', /q is required/],
          ['?q=%20%20', /q must be text of 1 to 256 characters/],
          [`?q=${'x'.repeat(257)}`, /q must be text of 1 to 256 characters/],
          ['?q=orders&limit=0', /limit must be an integer from 1 to 100/],
          ['?q=orders&q=daily', /q must be given once/],
          [
            `?q=orders&namespace=${'n'.repeat(1001)}`,
            /namespace is at most 1000 bytes/,
          ],
        ] as const) {
          const { body } = await get(`/products/search${query}`).expect(400);
          expect(body.error.message).toMatch(message);
        }
        await request(backend.server)
          .get('/api/lineage/products/search?q=orders')
          .set('Authorization', mockCredentials.none.header())
          .expect(401);
      } finally {
        await backend.stop();
      }
    },
  );

  it.each(databases.eachSupportedId())(
    'puts those named the term first though no port has been written yet, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const { backend, get } = await lineageBackendHolding(
        knex,
        // An export the product names, writing outside the mesh: no port
        // of any product has been written.
        [ran('airflow/orders_export', [], ['orders'])],
        {
          features: [
            catalogServiceMock.factory({
              entities: [
                namingJobs(dataProduct('sales'), 'airflow:orders_export'),
              ],
            }),
          ],
        },
      );
      try {
        const { body } = await get('/products/search?q=orders').expect(200);
        expect(
          body.items.map((m: any) => [m.via.type, m.via.name, m.exact]),
        ).toEqual([
          ['dataset', 'orders', true],
          ['job', 'orders_export', false],
        ]);
      } finally {
        await backend.stop();
      }
    },
  );

  it.each(databases.eachSupportedId())(
    'finds a product by a job it names, or a task of the DAG it names, whatever they write, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const { backend, get } = await lineageBackendHolding(
        knex,
        [
          ran('spark/orders_build', [], ['mart.orders']),
          // An export task of a DAG that sends no event of its own: it
          // reads the port and writes outside the mesh.
          ran('airflow/exports_dag.sync', ['mart.orders'], ['braze.cohort'], {
            job: 'airflow/exports_dag',
            run: 6666,
          }),
        ],
        {
          features: [
            catalogServiceMock.factory({
              entities: [
                namingJobs(
                  dataProduct('orders'),
                  'airflow:exports_dag\nspark:orders_build',
                ),
                // It also names the orders port's writer (a shared job).
                namingJobs(
                  dataProduct('campaigns'),
                  'airflow:exports_dag.sync, spark:orders_build',
                ),
              ],
            }),
          ],
        },
      );
      try {
        const search = async (q: string, query = '') =>
          (
            await get(
              `/products/search?q=${encodeURIComponent(q)}${query}`,
            ).expect(200)
          ).body.items;
        const dag = { namespace: 'airflow', name: 'exports_dag' };
        const task = { namespace: 'airflow', name: 'exports_dag.sync' };
        expect(await search('SYNC')).toEqual([
          {
            entityRef: 'dataproduct:default/orders',
            via: { type: 'job', ...task },
            exact: false,
            declared: dag,
          },
          {
            entityRef: 'dataproduct:default/campaigns',
            via: { type: 'job', ...task },
            exact: false,
            declared: task,
          },
        ]);
        // The DAG itself, named so, first.
        expect(await search('exports_dag')).toEqual([
          {
            entityRef: 'dataproduct:default/orders',
            via: { type: 'job', ...dag },
            exact: true,
            declared: dag,
          },
          expect.objectContaining({ via: { type: 'job', ...task } }),
          expect.objectContaining({ via: { type: 'job', ...task } }),
        ]);
        expect(await search('sync', '&namespace=spark')).toEqual([]);
        // What the task writes outside the mesh, once for each product.
        const cohort = { type: 'dataset', namespace: NS, name: 'braze.cohort' };
        expect(await search('braze.COHORT')).toEqual([
          {
            entityRef: 'dataproduct:default/orders',
            via: cohort,
            job: task,
            exact: true,
            declared: dag,
          },
          {
            entityRef: 'dataproduct:default/campaigns',
            via: cohort,
            job: task,
            exact: true,
            declared: task,
          },
        ]);
        // A named job's port is its product's alone, found as the port once.
        expect(
          (await search('mart.orders')).map((m: any) => [m.entityRef, m.port]),
        ).toEqual([['dataproduct:default/orders', 'orders']]);
        // A named job writing a port is found as its writer, once; and as
        // the job another product names.
        const build = { namespace: 'spark', name: 'orders_build' };
        expect(await search('orders_build')).toEqual([
          {
            entityRef: 'dataproduct:default/orders',
            port: 'orders',
            via: { type: 'job', ...build },
            job: build,
            exact: true,
          },
          {
            entityRef: 'dataproduct:default/campaigns',
            via: { type: 'job', ...build },
            exact: true,
            declared: build,
          },
        ]);
      } finally {
        await backend.stop();
      }
    },
  );
  it.each(databases.eachSupportedId())(
    'walks downstream through a table under each of its names, Spark writing its files by path, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      /** `event`, its output's files naming the Hive table `table`. */
      const namingTable = (event: ReturnType<typeof ran>, table: string) => {
        (event.outputs[0] as any).facets = {
          symlinks: {
            _producer: 'https://example.com/test',
            _schemaURL:
              'https://openlineage.io/spec/facets/1-0-1/SymlinksDatasetFacet.json#/$defs/SymlinksDatasetFacet',
            identifiers: [{ namespace: NS, name: table, type: 'TABLE' }],
          },
        };
        return event;
      };
      const { backend, get } = await lineageBackendHolding(
        knex,
        [
          // Spark parses a vendor's files into a table, reported by its
          // files' path; the build reads the table by its Hive name.
          namingTable(
            ran(
              'spark/carrier_invoices_ingest',
              ['vendor.carrier_invoices'],
              ['lake.carrier_invoice_lines'],
            ),
            'hive.carrier_invoice_lines',
          ),
          ran(
            'dbt/shipping_build',
            ['hive.carrier_invoice_lines'],
            ['mart.shipping'],
          ),
          // The other way round: the build reads the files by path, a
          // check reads the table by its Hive name.
          namingTable(
            ran('spark/parcels_ingest', [], ['lake.parcel_files']),
            'hive.parcels',
          ),
          ran('quality/parcels_not_empty', ['hive.parcels'], []),
          ran('spark/parcels_build', ['lake.parcel_files'], ['mart.parcels']),
        ],
        {
          features: [
            catalogServiceMock.factory({
              entities: [dataProduct('shipping'), dataProduct('parcels')],
            }),
          ],
        },
      );
      try {
        const search = async (q: string) =>
          (await get(`/products/search?q=${encodeURIComponent(q)}`).expect(200))
            .body.items;
        /** What `via` feeds: the shipping port, through its build. */
        const shippingFedBy = (via: object, exact = true) => ({
          entityRef: 'dataproduct:default/shipping',
          port: 'shipping',
          via,
          job: { namespace: 'dbt', name: 'shipping_build' },
          exact,
          upstream: true,
        });
        const table = (name: string) => ({
          type: 'dataset',
          namespace: NS,
          name,
        });
        // The vendor's files, the Spark job and the table's files lead on
        // to the build reading the table by its other name.
        expect(await search('vendor.carrier_invoices')).toEqual([
          shippingFedBy(table('vendor.carrier_invoices')),
        ]);
        expect(await search('carrier_invoices_ingest')).toEqual([
          shippingFedBy({
            type: 'job',
            namespace: 'spark',
            name: 'carrier_invoices_ingest',
          }),
        ]);
        expect(await search('lake.carrier_invoice_lines')).toEqual([
          shippingFedBy(table('lake.carrier_invoice_lines')),
        ]);
        // Both names of the table, each found once.
        expect(await search('carrier_invoice_lines')).toEqual([
          shippingFedBy(table('hive.carrier_invoice_lines'), false),
          shippingFedBy(table('lake.carrier_invoice_lines'), false),
        ]);
        // The Hive name leads to what reads the files.
        expect(await search('hive.parcels')).toEqual([
          {
            entityRef: 'dataproduct:default/parcels',
            port: 'parcels',
            via: table('hive.parcels'),
            job: { namespace: 'spark', name: 'parcels_build' },
            exact: true,
            upstream: true,
          },
        ]);
      } finally {
        await backend.stop();
      }
    },
  );
});

describe('finding data products past the caps of one search', () => {
  const databases = createStoreTestDatabases();

  it.each(databases.eachSupportedId())(
    "finds the product of every DAG found, though more DAGs' tasks name no dataset than are read through for one DAG, on %p",
    async databaseId => {
      const knex = await databases.init(databaseId);
      // 20 DAGs known only from their tasks' parent facet; each task names
      // nothing and runs a Spark application writing a product's port.
      const dags = Array.from({ length: 20 }, (_, i) => {
        const task = ran(`airflow/load_task_${i}`, [], [], {
          job: `airflow/finance_dag_${i}`,
          run: 5000 + i,
        });
        return [
          task,
          // A child of the task's run, the latest.
          ran(`spark/load_app_${i}`, [], [`mart.p${i}`], {
            job: `airflow/load_task_${i}`,
            run,
          }),
        ];
      }).flat();
      const { backend, get } = await lineageBackendHolding(knex, dags, {
        features: [
          catalogServiceMock.factory({
            entities: Array.from({ length: 20 }, (_, i) =>
              dataProduct(`p${i}`),
            ),
          }),
        ],
      });
      try {
        const { body } = await get(
          '/products/search?q=finance_dag_&limit=100',
        ).expect(200);
        // Every task was read: the answer is whole, and says nothing more.
        expect(body).not.toHaveProperty('partial');
        expect(body.items.map((m: any) => m.entityRef).sort()).toEqual(
          Array.from(
            { length: 20 },
            (_, i) => `dataproduct:default/p${i}`,
          ).sort(),
        );
        expect(
          body.items.find((m: any) => m.via.name === 'finance_dag_7'),
        ).toEqual({
          entityRef: 'dataproduct:default/p7',
          port: 'p7',
          via: { type: 'job', namespace: 'airflow', name: 'finance_dag_7' },
          job: { namespace: 'spark', name: 'load_app_7' },
          exact: false,
        });
      } finally {
        await backend.stop();
      }
    },
  );

  it.each(databases.eachSupportedId())(
    "finds every product of a DAG's Spark jobs, past the tasks read through for one DAG, when their runs name the DAG's as their root, on %p",
    async databaseId => {
      const knex = await databases.init(databaseId);
      // A DAG of 40 tasks, each naming nothing and running a Spark
      // application whose SQL job writes a port: every run under the DAG's.
      const dagRun = { job: 'airflow/wide_dag', run: 7900 };
      const port = (task: number) => `w${task}`;
      const tasks = Array.from({ length: 40 }, (_, task) => {
        const taskRun = ran(`airflow/wide_task_${task}`, [], [], {
          ...dagRun,
          root: dagRun,
        });
        const appRun = ran(`spark/wide_app_${task}`, [], [], {
          job: `airflow/wide_task_${task}`,
          run,
          root: dagRun,
        });
        return [
          taskRun,
          appRun,
          ran(`spark/wide_app_${task}.sql`, [], [`mart.${port(task)}`], {
            job: `spark/wide_app_${task}`,
            run,
            root: dagRun,
          }),
        ];
      }).flat();
      const { backend, get } = await lineageBackendHolding(knex, tasks, {
        features: [
          catalogServiceMock.factory({
            entities: [
              dataProduct('wide', {
                outputPorts: Array.from({ length: 40 }, (_, task) => ({
                  name: port(task),
                  type: 'table',
                  dataset: { namespace: NS, name: `mart.${port(task)}` },
                })),
              }),
            ],
          }),
        ],
      });
      try {
        const { body } = await get('/products/search?q=wide_dag').expect(200);
        expect(body).not.toHaveProperty('partial');
        expect(body.items.map((m: any) => m.port).sort()).toEqual(
          Array.from({ length: 40 }, (_, task) => port(task)).sort(),
        );
        expect(body.items.find((m: any) => m.port === port(39))).toEqual({
          entityRef: 'dataproduct:default/wide',
          port: port(39),
          via: { type: 'job', namespace: 'airflow', name: 'wide_dag' },
          job: { namespace: 'spark', name: 'wide_app_39.sql' },
          exact: true,
        });
      } finally {
        await backend.stop();
      }
    },
  );

  it.each(databases.eachSupportedId())(
    "reads through a task whose Spark app names the DAG's run as root but whose dbt job names none, on %p",
    async databaseId => {
      const knex = await databases.init(databaseId);
      const dagRun = { job: 'airflow/mixed_dag', run: 7950 };
      const taskRun = ran('airflow/mixed_task', [], [], {
        ...dagRun,
        root: dagRun,
      });
      const taskOf = { job: 'airflow/mixed_task', run };
      const appRun = ran('spark/mixed_app', [], [], {
        ...taskOf,
        root: dagRun,
      });
      const mixed = [
        taskRun,
        appRun,
        ran('spark/mixed_app.sql', [], ['mart.m_spark'], {
          job: 'spark/mixed_app',
          run,
          root: dagRun,
        }),
        // Its producer sends no root.
        ran('dbt/mixed_model', [], ['mart.m_dbt'], taskOf),
      ];
      const { backend, get } = await lineageBackendHolding(knex, mixed, {
        features: [
          catalogServiceMock.factory({
            entities: [dataProduct('m_spark'), dataProduct('m_dbt')],
          }),
        ],
      });
      try {
        const { body } = await get('/products/search?q=mixed_dag').expect(200);
        expect(body).not.toHaveProperty('partial');
        expect(body.items.map((m: any) => [m.port, m.job.name]).sort()).toEqual(
          [
            ['m_dbt', 'mixed_model'],
            ['m_spark', 'mixed_app.sql'],
          ],
        );
      } finally {
        await backend.stop();
      }
    },
  );

  it.each(databases.eachSupportedId())(
    'reads through at most 64 of the tasks of all the DAGs one search finds, those of the first DAGs found, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      // 5 DAGs of 16 tasks, each naming nothing and running a Spark
      // application writing one of the DAG's product's ports: 80 tasks
      // to read through, each DAG's within the cap of one DAG.
      const port = (dag: number, task: number) => `q${dag}_${task}`;
      const tasks = Array.from({ length: 5 * 16 }, (_, i) => {
        const [dag, task] = [Math.floor(i / 16), i % 16];
        return [
          ran(`airflow/report_task_${dag}_${task}`, [], [], {
            job: `airflow/reports_dag_${dag}`,
            run: 7000 + dag,
          }),
          ran(
            `spark/report_app_${dag}_${task}`,
            [],
            [`mart.${port(dag, task)}`],
            {
              job: `airflow/report_task_${dag}_${task}`,
              run,
            },
          ),
        ];
      }).flat();
      const { backend, get } = await lineageBackendHolding(knex, tasks, {
        features: [
          catalogServiceMock.factory({
            entities: Array.from({ length: 5 }, (_, dag) =>
              dataProduct(`q${dag}`, {
                outputPorts: Array.from({ length: 16 }, (__, task) => ({
                  name: port(dag, task),
                  type: 'table',
                  dataset: { namespace: NS, name: `mart.${port(dag, task)}` },
                })),
              }),
            ),
          }),
        ],
      });
      try {
        const { body } = await get(
          '/products/search?q=reports_dag_&limit=100',
        ).expect(200);
        // The fifth DAG's tasks are left unread: a search's cost is bounded,
        // and the answer says it may be incomplete.
        expect(body.partial).toBe(true);
        expect(body.items.map((m: any) => m.port).sort()).toEqual(
          Array.from({ length: 4 * 16 }, (_, i) =>
            port(Math.floor(i / 16), i % 16),
          ).sort(),
        );
        expect(body.items.find((m: any) => m.port === port(3, 15))).toEqual({
          entityRef: 'dataproduct:default/q3',
          port: port(3, 15),
          via: { type: 'job', namespace: 'airflow', name: 'reports_dag_3' },
          job: { namespace: 'spark', name: 'report_app_3_15' },
          exact: false,
        });
      } finally {
        await backend.stop();
      }
    },
  );

  it.each(databases.eachSupportedId())(
    'says an answer may be incomplete when more names hold the term than a search looks at, not when its limit is reached first, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      // 202 jobs named orders_…: the orders port's writer first by name,
      // 200 checks reading and writing nothing, and the revenue port's
      // writer last, past the 200 names a search looks at.
      const checks = Array.from({ length: 200 }, (_, i) =>
        ran(`airflow/orders_check_${String(i).padStart(3, '0')}`, [], []),
      );
      const { backend, get } = await lineageBackendHolding(
        knex,
        [
          ran('airflow/orders_a_load', [], ['mart.orders']),
          ...checks,
          ran('airflow/orders_z_load', [], ['mart.revenue']),
        ],
        {
          features: [
            catalogServiceMock.factory({
              entities: [dataProduct('orders'), dataProduct('revenue')],
            }),
          ],
        },
      );
      try {
        const search = async (query: string) =>
          (await get(`/products/search?q=orders_${query}`).expect(200)).body;

        const found = await search('');
        expect(found.items.map((m: any) => m.entityRef)).toEqual([
          'dataproduct:default/orders',
        ]);
        expect(found.partial).toBe(true);
        // The one asked for is found before the names run out: those past
        // them would have been passed over all the same.
        const first = await search('&limit=1');
        expect(first.items.map((m: any) => m.entityRef)).toEqual([
          'dataproduct:default/orders',
        ]);
        expect(first).not.toHaveProperty('partial');
      } finally {
        await backend.stop();
      }
    },
  );

  it.each(databases.eachSupportedId())(
    'says an answer may be incomplete when more names symlinks give tables hold the term than a search looks at, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      /** A run of `job` writing `table`, which symlinks name `names` too. */
      const writing = (job: string, table: string, names: string[]) => {
        const event = ran(job, [], [table]);
        (event.outputs[0] as any).facets = {
          symlinks: {
            _producer: 'https://example.com/test',
            _schemaURL:
              'https://openlineage.io/spec/facets/1-0-1/SymlinksDatasetFacet.json#/$defs/SymlinksDatasetFacet',
            identifiers: names.map(name => ({
              namespace: NS,
              name,
              type: 'TABLE',
            })),
          },
        };
        return event;
      };
      // A staging table named …alias… by 201 symlinks too, and the orders
      // port by one that comes after them.
      const { backend, get } = await lineageBackendHolding(
        knex,
        [
          writing(
            'spark/stage',
            'staging.alias_table',
            Array.from(
              { length: 201 },
              (_, i) => `hive.alias_${String(i).padStart(3, '0')}`,
            ),
          ),
          writing('spark/orders_files', 'mart.orders', ['hive.alias_zzz']),
        ],
        {
          features: [
            catalogServiceMock.factory({ entities: [dataProduct('orders')] }),
          ],
        },
      );
      try {
        const { body } = await get('/products/search?q=alias').expect(200);
        expect(body).toEqual({ items: [], partial: true });
      } finally {
        await backend.stop();
      }
    },
  );

  it.each(databases.eachSupportedId())(
    'says an answer may be incomplete when following what a table feeds reads as many tables as a search may, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      // A job fans a source table out to 500 staging tables; the last one
      // is read to write the orders port. Another job writes them too, at
      // the end of a chain from another source table.
      const staging = Array.from(
        { length: 500 },
        (_, i) => `staging.part_${String(i).padStart(3, '0')}`,
      );
      const { backend, get } = await lineageBackendHolding(
        knex,
        [
          ran('etl/fan_out', ['raw.src'], staging),
          ran('etl/orders_build', [staging[499]], ['mart.orders']),
          ran('etl/chain_1', ['raw.chain'], ['staging.chain_1']),
          ran('etl/chain_2', ['staging.chain_1'], ['staging.chain_2']),
          ran('etl/chain_3', ['staging.chain_2'], staging),
        ],
        {
          features: [
            catalogServiceMock.factory({ entities: [dataProduct('orders')] }),
          ],
        },
      );
      try {
        const search = async (q: string) =>
          (await get(`/products/search?q=${q}`).expect(200)).body;

        // Its 500 tables, the most a search reads on the way: all read.
        const fanOut = await search('fan_out');
        expect(fanOut.items.map((m: any) => [m.via.name, m.job.name])).toEqual([
          ['fan_out', 'orders_build'],
        ]);
        expect(fanOut).not.toHaveProperty('partial');
        // The source table and those 500: the last is left unread.
        const source = await search('raw.src');
        expect(source.items).toEqual([]);
        expect(source.partial).toBe(true);
        // Those 500 three jobs downstream, past which nothing is read: no
        // cap left out what would have been.
        const chain = await search('raw.chain');
        expect(chain.items).toEqual([]);
        expect(chain).not.toHaveProperty('partial');
      } finally {
        await backend.stop();
      }
    },
  );

  it.each(databases.eachSupportedId())(
    "finds a port's own table that no job writes now, before the limit is counted, on %p",
    async databaseId => {
      const knex = await databases.init(databaseId);
      const { backend, get } = await lineageBackendHolding(
        knex,
        [
          // The orders port is loaded without lineage (Fivetran, say); a
          // job reads it to write the revenue port.
          ran('dbt/revenue_build', ['mart.orders'], ['mart.revenue']),
          // The clicks port's table is read by its name, and its files
          // written by Spark, which a symlink names so.
          ran('trino/clicks_report', ['hive.clicks'], []),
          (() => {
            const event = ran('spark/click_files', [], ['s3.clicks']);
            (event.outputs[0] as any).facets = {
              symlinks: {
                _producer: 'https://example.com/test',
                _schemaURL:
                  'https://openlineage.io/spec/facets/1-0-1/SymlinksDatasetFacet.json#/$defs/SymlinksDatasetFacet',
                identifiers: [
                  { namespace: NS, name: 'hive.clicks', type: 'TABLE' },
                ],
              },
            };
            return event;
          })(),
        ],
        {
          features: [
            catalogServiceMock.factory({
              entities: [
                dataProduct('orders'),
                dataProduct('revenue'),
                dataProduct('clicks', {
                  outputPorts: [
                    {
                      name: 'clicks',
                      type: 'table',
                      dataset: { namespace: NS, name: 'hive.clicks' },
                    },
                  ],
                }),
              ],
            }),
          ],
        },
      );
      try {
        const search = async (q: string, query = '') =>
          (
            await get(
              `/products/search?q=${encodeURIComponent(q)}${query}`,
            ).expect(200)
          ).body.items;
        const orders = {
          entityRef: 'dataproduct:default/orders',
          port: 'orders',
          via: { type: 'dataset', namespace: NS, name: 'mart.orders' },
          exact: true,
        };
        expect(await search('mart.orders')).toEqual([orders]);
        // It takes the only place, and leads to nothing else.
        expect(await search('mart.orders', '&limit=1')).toEqual([orders]);
        // The same table under another id, its files, has a writer: the
        // port is found with it, however few are asked.
        for (const limit of ['', '&limit=1']) {
          expect(await search('hive.clicks', limit)).toEqual([
            {
              entityRef: 'dataproduct:default/clicks',
              port: 'clicks',
              via: { type: 'dataset', namespace: NS, name: 'hive.clicks' },
              job: { namespace: 'spark', name: 'click_files' },
              exact: true,
            },
          ]);
        }
        // Its reader still leads to the port it writes; a table no job
        // writes comes after one a job does.
        expect(
          (await search('mart.')).map((m: any) => [m.via.name, m.job?.name]),
        ).toEqual([
          ['mart.revenue', 'revenue_build'],
          ['mart.orders', undefined],
        ]);
      } finally {
        await backend.stop();
      }
    },
  );
});

describe('RuntimeProductFinder', () => {
  const databases = createStoreTestDatabases();

  it.each(databases.eachSupportedId())(
    'reads the ports of a product list once, a new list anew, and again after a failure, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const store = await OpenLineageEventStore.create(knex);
      const measurements = new CountedMeasurements(knex);
      let list = [dataProduct('orders')];
      const finder = new RuntimeProductFinder({
        loadProducts: async () => list,
        reader: new LineageReader(knex),
        measurements,
      });
      const find = async () =>
        (await finder.find('orders_daily', { limit: 10 })).items.map(
          match => match.entityRef,
        );
      await store.ingest(
        [ran('airflow/orders_daily', [], ['mart.orders'])].map(validEvent),
      );

      expect(await find()).toEqual(['dataproduct:default/orders']);
      expect(await find()).toEqual(['dataproduct:default/orders']);
      expect(measurements.datasetIdReads).toBe(1);

      // A port first written after the list was read counts from the next.
      await store.ingest(
        [ran('airflow/orders_daily', [], ['mart.revenue'])].map(validEvent),
      );
      list = [...list, dataProduct('revenue')];
      expect((await find()).sort()).toEqual([
        'dataproduct:default/orders',
        'dataproduct:default/revenue',
      ]);
      expect(measurements.datasetIdReads).toBe(2);

      measurements.failNext = true;
      list = [...list];
      await expect(find()).rejects.toThrow('database down');
      expect(await find()).toHaveLength(2);
      expect(measurements.datasetIdReads).toBe(4);
    },
  );
});

describe('RuntimeProductFinder on the jobs products name', () => {
  const databases = createStoreTestDatabases();

  it.each(databases.eachSupportedId())(
    'fills its limit with the products the caller may read, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const store = await OpenLineageEventStore.create(knex);
      await store.ingest(
        [
          ran('airflow/sync_secret', ['mart.secret'], ['crm.secret']),
          ran('airflow/sync_public', ['mart.public'], ['crm.public']),
        ].map(validEvent),
      );
      const finder = new RuntimeProductFinder({
        loadProducts: async () => [
          namingJobs(dataProduct('secret'), 'airflow:sync_secret'),
          namingJobs(dataProduct('public'), 'airflow:sync_public'),
        ],
        reader: new LineageReader(knex),
        measurements: new CountedMeasurements(knex),
      });
      const found = await finder.find('sync', {
        limit: 1,
        canRead: ref => ref === 'dataproduct:default/public',
      });
      expect(found.items.map(match => match.via.name)).toEqual(['sync_public']);
      const tables = await finder.find('crm.', {
        limit: 1,
        canRead: ref => ref === 'dataproduct:default/public',
      });
      expect(tables.items.map(match => match.via.name)).toEqual(['crm.public']);
    },
  );
});

describe('RuntimeProductFinder within a namespace', () => {
  const databases = createStoreTestDatabases();

  it.each(databases.eachSupportedId())(
    'finds what a producer stored with or without the default port of the namespace typed, and nothing of another port or scheme, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const store = await OpenLineageEventStore.create(knex);
      const bare = 'postgres://warehouse';
      const ported = 'postgres://lake:5432';
      /** A completed run of etl/`job`, reading and writing [namespace, name]s. */
      const wrote = (
        job: string,
        inputs: Array<[string, string]>,
        outputs: Array<[string, string]>,
      ) =>
        validEvent({
          eventType: 'COMPLETE',
          eventTime: new Date(Date.now() - ++run * 60_000).toISOString(),
          producer: 'https://example.com/test',
          run: { runId: runId(run) },
          job: { namespace: 'etl', name: job },
          inputs: inputs.map(([namespace, name]) => ({ namespace, name })),
          outputs: outputs.map(([namespace, name]) => ({ namespace, name })),
        });
      await store.ingest([
        // An emitter that leaves the default port out, as the port does.
        wrote(
          'orders_daily',
          [[bare, 'raw.orders']],
          [
            [bare, 'mart.orders'],
            [bare, 'staging.orders'],
          ],
        ),
        // A job the product names, writing a table that is no port.
        wrote('sync_orders', [[bare, 'mart.orders']], [[bare, 'crm.orders']]),
        // One that writes it in.
        wrote('lake_daily', [], [[ported, 'mart.lake']]),
        // Beside them: the same host on another port, and another scheme.
        wrote('other_port', [], [['postgres://warehouse:6432', 'mart.other']]),
        wrote('other_scheme', [], [['mysql://warehouse', 'mart.mysql']]),
      ]);
      const port = (name: string, namespace: string) => ({
        outputPorts: [
          { name, type: 'table' as const, dataset: { namespace, name } },
        ],
      });
      const finder = new RuntimeProductFinder({
        loadProducts: async () => [
          namingJobs(
            dataProduct('orders', port('mart.orders', bare)),
            'etl:sync_orders',
          ),
          dataProduct('lake', port('mart.lake', ported)),
          dataProduct('other', port('mart.other', 'postgres://warehouse:6432')),
          dataProduct('mysql', port('mart.mysql', 'mysql://warehouse')),
        ],
        reader: new LineageReader(knex),
        measurements: new CountedMeasurements(knex),
      });
      const find = async (term: string, namespace: string) =>
        (await finder.find(term, { limit: 10, namespace })).items.map(match => [
          match.entityRef,
          match.via.type,
          match.via.name,
        ]);
      // The namespace as the on-call finder sends it, its port filled in.
      const typed = 'postgres://warehouse:5432';
      expect(await find('mart.orders', typed)).toEqual([
        ['dataproduct:default/orders', 'dataset', 'mart.orders'],
      ]);
      expect(await find('staging.orders', typed)).toEqual([
        ['dataproduct:default/orders', 'dataset', 'staging.orders'],
      ]);
      expect(await find('raw.orders', typed)).toEqual([
        ['dataproduct:default/orders', 'dataset', 'raw.orders'],
      ]);
      expect(await find('crm.orders', typed)).toEqual([
        ['dataproduct:default/orders', 'dataset', 'crm.orders'],
      ]);
      // As a connection string spells it, without the port.
      expect(await find('mart.lake', 'postgresql://LAKE')).toEqual([
        ['dataproduct:default/lake', 'dataset', 'mart.lake'],
      ]);
      expect(await find('mart', typed)).toEqual([
        ['dataproduct:default/orders', 'dataset', 'mart.orders'],
      ]);
      expect(await find('mart', 'postgres://warehouse:6432')).toEqual([
        ['dataproduct:default/other', 'dataset', 'mart.other'],
      ]);
      expect(await find('mart', 'mysql://warehouse')).toEqual([
        ['dataproduct:default/mysql', 'dataset', 'mart.mysql'],
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    "finds a port by the jobs writing its dataset under another spelling of the port's namespace, not another server's or a name in other case, on %p",
    async databaseId => {
      const knex = await databases.init(databaseId);
      const store = await OpenLineageEventStore.create(knex);
      /** A completed run of etl/`job` writing [namespace, name]s. */
      const wrote = (job: string, outputs: Array<[string, string]>) =>
        validEvent({
          eventType: 'COMPLETE',
          eventTime: new Date(Date.now() - ++run * 60_000).toISOString(),
          producer: 'https://example.com/test',
          run: { runId: runId(run) },
          job: { namespace: 'etl', name: job },
          outputs: outputs.map(([namespace, name]) => ({ namespace, name })),
        });
      await store.ingest([
        wrote('orders_loader', [['postgres://warehouse', 'mart.orders']]),
        wrote('orders_backfill', [
          ['postgresql://Warehouse:5432', 'mart.orders'],
        ]),
        wrote('events_spark', [['s3a://lake', 'events']]),
        wrote('other_server', [['postgres://warehouse:6432', 'mart.other']]),
        wrote('other_case', [['postgres://warehouse', 'MART.CASED']]),
      ]);
      const port = (name: string, namespace: string) => ({
        outputPorts: [
          { name, type: 'table' as const, dataset: { namespace, name } },
        ],
      });
      const finder = new RuntimeProductFinder({
        loadProducts: async () => [
          dataProduct('orders', port('mart.orders', NS)),
          dataProduct('events', port('events', 's3://lake')),
          dataProduct('other', port('mart.other', NS)),
          dataProduct('cased', port('mart.cased', NS)),
        ],
        reader: new LineageReader(knex),
        measurements: new CountedMeasurements(knex),
      });
      const find = async (term: string) =>
        (await finder.find(term, { limit: 10 })).items
          .filter(match => match.via.type === 'job')
          .map(match => [match.entityRef, match.via.name]);
      expect(await find('orders_')).toEqual([
        ['dataproduct:default/orders', 'orders_backfill'],
        ['dataproduct:default/orders', 'orders_loader'],
      ]);
      expect(await find('events_spark')).toEqual([
        ['dataproduct:default/events', 'events_spark'],
      ]);
      expect(await find('other_')).toEqual([]);
    },
  );
});
