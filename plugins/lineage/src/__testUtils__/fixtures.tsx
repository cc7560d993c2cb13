import type { Entity } from '@backstage/catalog-model';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import {
  catalogApiRef,
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import type { DataProductEntityV1alpha1 } from '@meshwork/plugin-data-products-common';
import type { ReactElement } from 'react';
import type { MarquezLineageGraph } from '@meshwork/plugin-lineage-common';
import {
  DatasetDetails,
  DatasetOwner,
  LineageApi,
  lineageApiRef,
  Run,
} from '../api';
import { rootRouteRef } from '../routes';

export const NS = 'postgres://warehouse:5432';
export const ORDERS_DATASET = { namespace: NS, name: 'mart.orders' };
export const ORDERS_ID = `dataset:${NS}:mart.orders`;
export const ORDERS_JOB_ID = 'job:airflow:orders_etl';

/** A product with one output port, as the catalog holds it. */
export const ordersProduct: DataProductEntityV1alpha1 = {
  apiVersion: 'meshwork.dev/v1alpha1',
  kind: 'DataProduct',
  metadata: { name: 'orders', namespace: 'default', title: 'Orders' },
  spec: {
    domain: 'checkout',
    owner: 'group:default/checkout-data',
    lifecycle: 'production',
    type: 'aggregate',
    tier: 1,
    version: '1.0.0',
    outputPorts: [
      { name: 'orders', type: 'table', dataset: ORDERS_DATASET },
      {
        name: 'order_lines',
        type: 'table',
        dataset: { namespace: NS, name: 'mart.order_lines' },
      },
    ],
    inputPorts: [{ name: 'carts', from: 'dataproduct:default/carts#carts' }],
  },
};

/** The owning team of downstream products, with an on-call annotation. */
export const financeTeam: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: {
    name: 'finance-data',
    namespace: 'default',
    annotations: {
      'meshwork.dev/oncall-provider': 'pagerduty',
      'meshwork.dev/oncall-id': 'PFIN123',
      'meshwork.dev/oncall-contact': '#finance-oncall',
    },
  },
  spec: { type: 'team', children: [] },
};

export const failedRun: Run = {
  runId: '7f3c2a10-5b2e-4d6a-9c1f-2e8b0d4a6f11',
  state: 'FAIL',
  startedAt: '2026-03-02T04:00:00.000Z',
  endedAt: '2026-03-02T04:03:10.000Z',
  firstEventAt: '2026-03-02T04:00:00.000Z',
  errorMessage: 'relation "raw.carts" does not exist',
  facets: {},
};
export const completedRun: Run = {
  runId: '0a9b8c7d-1111-4222-8333-444455556666',
  state: 'COMPLETE',
  startedAt: '2026-03-01T04:00:00.000Z',
  endedAt: '2026-03-01T04:12:00.000Z',
  firstEventAt: '2026-03-01T04:00:00.000Z',
  facets: {},
};

/**
 * The lineage calls behind a product's runs: the orders port is written by
 * the `orders_etl` job, whose last run failed; order_lines has no producer.
 */
export const ordersRunsApi: Pick<LineageApi, 'graph' | 'writes' | 'runs'> = {
  graph: async root =>
    root === ORDERS_ID
      ? {
          root,
          nodes: [
            {
              id: ORDERS_ID,
              type: 'dataset',
              namespace: NS,
              name: 'mart.orders',
              depth: 0,
            },
            {
              id: ORDERS_JOB_ID,
              type: 'job',
              namespace: 'airflow',
              name: 'orders_etl',
              depth: 1,
            },
          ],
          edges: [{ source: ORDERS_JOB_ID, target: ORDERS_ID }],
          truncated: false,
        }
      : { root, nodes: [], edges: [], truncated: false },
  writes: async entityRef => ({
    entityRef,
    outputPorts: [
      {
        name: 'orders',
        dataset: ORDERS_DATASET,
        writes: [
          {
            runId: completedRun.runId,
            endedAt: completedRun.endedAt!,
            rowCount: 12_345,
          },
        ],
      },
    ],
  }),
  runs: async id => (id === ORDERS_JOB_ID ? [failedRun, completedRun] : []),
};

export const ORDER_LINES_JOB_ID = 'job:airflow:order_lines_etl';

/** ordersRunsApi's graphs, with order_lines written by a job of its own. */
export const graphWithOrderLinesJob: LineageApi['graph'] = async (
  root,
  options,
) =>
  root === `dataset:${NS}:mart.order_lines`
    ? {
        root,
        nodes: [
          {
            id: ORDER_LINES_JOB_ID,
            type: 'job',
            namespace: 'airflow',
            name: 'order_lines_etl',
            depth: 1,
          },
        ],
        edges: [{ source: ORDER_LINES_JOB_ID, target: root }],
        truncated: false,
      }
    : ordersRunsApi.graph(root, options);

/** `GET /datasets/…` of the orders port, with its schema facet. */
export const ordersDetails: DatasetDetails = {
  id: ORDERS_ID,
  namespace: NS,
  name: 'mart.orders',
  updatedAt: '2026-03-01T04:12:00.000Z',
  lastWrite: {
    runId: '5b7e0b7e-0000-4000-8000-000000000001',
    endedAt: '2026-03-01T04:10:00.000Z',
  },
  facets: {
    schema: {
      fields: [
        { name: 'order_id', type: 'VARCHAR' },
        { name: 'customer_id', type: 'BIGINT' },
        { name: 'amount' },
      ],
    },
  },
  columns: ['amount', 'customer_id', 'order_id'],
  schemaVersions: [],
  symlinks: [],
};

const fieldId = (dataset: string, field: string) =>
  `datasetField:${NS}:${dataset}:${field}`;
export const CUSTOMER_ID_FIELD = fieldId('mart.orders', 'customer_id');

type ColumnFlow = {
  from: [string, string];
  to: [string, string];
  type: string;
  subtype: string;
  masking?: boolean;
};

/** Marquez's column lineage answer for the given column flows. */
function marquezColumnGraph(flows: ColumnFlow[]): MarquezLineageGraph {
  const nodes = new Map<string, MarquezLineageGraph['graph'][number]>();
  const nodeOf = ([dataset, field]: [string, string]) => {
    const id = fieldId(dataset, field);
    if (!nodes.has(id)) {
      nodes.set(id, {
        id,
        type: 'DATASET_FIELD',
        data: { namespace: NS, dataset, field, inputFields: [] },
        inEdges: [],
        outEdges: [],
      });
    }
    return nodes.get(id)!;
  };
  for (const flow of flows) {
    const from = nodeOf(flow.from);
    const to = nodeOf(flow.to);
    from.outEdges.push({ origin: from.id, destination: to.id });
    to.inEdges.push({ origin: to.id, destination: from.id });
    (to.data.inputFields as object[]).push({
      namespace: NS,
      dataset: flow.from[0],
      field: flow.from[1],
      transformations: [
        {
          type: flow.type,
          subtype: flow.subtype,
          masking: flow.masking ?? false,
        },
      ],
    });
  }
  return { graph: [...nodes.values()], truncated: false };
}

/**
 * `orders.customer_id` comes from the carts staging table, feeds revenue,
 * which a finance report hashes.
 */
const customerIdFlows: ColumnFlow[] = [
  {
    from: ['staging.carts', 'customer_id'],
    to: ['mart.orders', 'customer_id'],
    type: 'DIRECT',
    subtype: 'IDENTITY',
  },
  {
    from: ['mart.orders', 'customer_id'],
    to: ['mart.revenue', 'customer_id'],
    type: 'DIRECT',
    subtype: 'IDENTITY',
  },
  {
    from: ['mart.orders', 'customer_id'],
    to: ['mart.revenue', 'customers'],
    type: 'DIRECT',
    subtype: 'AGGREGATION',
  },
  {
    from: ['mart.revenue', 'customer_id'],
    to: ['mart.finance_report', 'customer_hash'],
    type: 'DIRECT',
    subtype: 'TRANSFORMATION',
    masking: true,
  },
];
export const customerIdLineage = marquezColumnGraph(customerIdFlows);

export const HIVE_CUSTOMER_ID_FIELD =
  'datasetField:hive:mart.orders:customer_id';

/**
 * The column lineage of `orders.customer_id` when orders' files are also
 * known by a Hive name, which churn reads it by: one node for the column,
 * named after the files, with its Hive name in `alsoKnownAs`.
 */
export const joinedCustomerIdLineage: MarquezLineageGraph = (() => {
  const { graph, truncated } = marquezColumnGraph([
    ...customerIdFlows,
    {
      from: ['mart.orders', 'customer_id'],
      to: ['mart.churn', 'customer_id'],
      type: 'DIRECT',
      subtype: 'IDENTITY',
    },
  ]);
  return {
    graph: graph.map(node =>
      node.id === CUSTOMER_ID_FIELD
        ? {
            ...node,
            data: {
              ...node.data,
              alsoKnownAs: [
                {
                  id: HIVE_CUSTOMER_ID_FIELD,
                  namespace: 'hive',
                  dataset: 'mart.orders',
                  field: 'customer_id',
                },
              ],
            },
          }
        : node,
    ),
    truncated,
  };
})();

/** `POST /products/datasets`: the products owning some datasets. */
export const datasetOwners: DatasetOwner[] = [
  {
    namespace: NS,
    name: 'mart.orders',
    port: 'orders',
    product: {
      entityRef: 'dataproduct:default/orders',
      title: 'Orders',
      owner: 'group:default/checkout-data',
      tier: 1,
    },
  },
  {
    namespace: NS,
    name: 'mart.revenue',
    port: 'revenue',
    product: {
      entityRef: 'dataproduct:default/revenue',
      title: 'Revenue',
      owner: 'group:default/finance-data',
      tier: 1,
    },
  },
  {
    namespace: NS,
    name: 'mart.finance_report',
    port: 'report',
    product: {
      entityRef: 'dataproduct:default/finance-report',
      title: 'Finance report',
      owner: 'group:default/finance-data',
      tier: 2,
    },
  },
  {
    namespace: NS,
    name: 'mart.churn',
    port: 'churn',
    product: {
      entityRef: 'dataproduct:default/churn',
      title: 'Churn',
      owner: 'group:default/marketing',
    },
  },
];

/** The owners among `datasets`, as the backend answers. */
export const ownersOf = async (
  datasets: Array<{ namespace: string; name: string }>,
) =>
  datasetOwners.filter(o =>
    datasets.some(d => d.namespace === o.namespace && d.name === o.name),
  );

const notStubbed = (method: string) => async () => {
  throw new Error(`LineageApi.${method} was not expected in this test`);
};

/** A LineageApi whose unstubbed methods fail loudly. */
export function fakeLineageApi(
  overrides: Partial<LineageApi> = {},
): LineageApi {
  return {
    graph: notStubbed('graph'),
    productGraph: notStubbed('productGraph'),
    productLineage: notStubbed('productLineage'),
    slo: notStubbed('slo'),
    impact: notStubbed('impact'),
    writes: notStubbed('writes'),
    datasetOwners: notStubbed('datasetOwners'),
    declaredJobProducts: notStubbed('declaredJobProducts'),
    runs: notStubbed('runs'),
    dataset: notStubbed('dataset'),
    columnLineage: notStubbed('columnLineage'),
    search: notStubbed('search'),
    ...overrides,
  };
}

/**
 * Renders in a test app with the lineage API, a catalog holding `entities`
 * and entity pages mounted, inside the page of `entity` when given.
 */
export function renderLineage(
  element: ReactElement,
  options: {
    lineageApi: LineageApi;
    entity?: Entity;
    entities?: Entity[];
    /** Mount the lineage page at `/lineage`. */
    lineagePage?: boolean;
    initialRoute?: string;
  },
) {
  return renderInTestApp(
    options.entity ? (
      <EntityProvider entity={options.entity}>{element}</EntityProvider>
    ) : (
      element
    ),
    {
      apis: [
        [lineageApiRef, options.lineageApi],
        [catalogApiRef, catalogApiMock({ entities: options.entities ?? [] })],
      ],
      mountedRoutes: {
        '/catalog/:namespace/:kind/:name': entityRouteRef,
        ...(options.lineagePage ? { '/lineage': rootRouteRef } : {}),
      },
      initialRouteEntries: options.initialRoute
        ? [options.initialRoute]
        : undefined,
    },
  );
}
