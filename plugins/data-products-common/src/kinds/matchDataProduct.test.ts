import { DataProductEntityV1alpha1 } from './DataProductEntityV1alpha1';
import { OPENLINEAGE_JOBS_ANNOTATION } from './declaredJobs';
import { matchDataProduct, parseSearchTerm } from './matchDataProduct';

const orders: DataProductEntityV1alpha1 = {
  apiVersion: 'meshwork.dev/v1alpha1',
  kind: 'DataProduct',
  metadata: { name: 'orders', title: 'Confirmed Orders' },
  spec: {
    domain: 'checkout',
    owner: 'group:checkout-data',
    lifecycle: 'production',
    type: 'aggregate',
    tier: 1,
    version: '1.0.0',
    outputPorts: [
      {
        name: 'orders',
        type: 'table',
        dataset: {
          namespace: 'postgres://warehouse:5432',
          name: 'analytics.sales.orders',
        },
        contract: {
          apiVersion: 'v3.0.2',
          kind: 'DataContract',
          id: 'orders',
          version: '1.0.0',
          status: 'active',
          schema: [
            {
              name: 'orders',
              properties: [
                { name: 'order_id', logicalType: 'string' },
                {
                  name: 'customer',
                  logicalType: 'object',
                  properties: [{ name: 'email', logicalType: 'string' }],
                },
              ],
            },
          ],
        },
      },
      {
        name: 'events',
        type: 'topic',
        dataset: { namespace: 'kafka://broker:9092', name: 'orders.events' },
      },
    ],
  },
};

describe('matchDataProduct with an object store port', () => {
  const lake: DataProductEntityV1alpha1 = {
    ...orders,
    spec: {
      ...orders.spec,
      outputPorts: [
        {
          name: 'events',
          type: 'file',
          dataset: { namespace: 's3a://lake', name: 'raw/events' },
        },
      ],
    },
  };

  it.each([
    's3a://lake/raw/events',
    's3://lake/raw/events/',
    'S3N://lake raw/events',
  ])('finds a port declared in s3a:// by %j', input => {
    expect(matchDataProduct(lake, input)).toEqual([
      { on: 'dataset', port: 'events', text: 'raw/events', exact: true },
    ]);
  });
});

describe('matchDataProduct with declared jobs', () => {
  const exporting: DataProductEntityV1alpha1 = {
    ...orders,
    metadata: {
      ...orders.metadata,
      annotations: {
        [OPENLINEAGE_JOBS_ANNOTATION]: [
          'meshwork-retail.airflow:orders.export',
          'meshwork-retail.airflow-staging:orders.export',
          'spark://host:7077:Orders Sync',
        ].join('\n'),
      },
    },
  };

  it('finds a job by its whole name or a part of it, in any case, once', () => {
    expect(matchDataProduct(exporting, 'Orders.Export')).toEqual([
      { on: 'declaredJob', text: 'orders.export', exact: true },
    ]);
    expect(matchDataProduct(exporting, 'sync')).toEqual([
      { on: 'declaredJob', text: 'Orders Sync', exact: false },
    ]);
  });

  it('finds a job as the annotation writes it, namespace and name', () => {
    expect(matchDataProduct(exporting, 'spark://host:7077:orders')).toEqual([
      { on: 'declaredJob', text: 'Orders Sync', exact: false },
    ]);
    expect(
      matchDataProduct(exporting, 'Meshwork-Retail.Airflow:Orders.Export'),
    ).toEqual([{ on: 'declaredJob', text: 'orders.export', exact: true }]);
  });

  it('finds a job within a namespace only if it is declared there', () => {
    expect(
      matchDataProduct(exporting, 'SPARK://host:7077 orders sync'),
    ).toEqual([{ on: 'declaredJob', text: 'Orders Sync', exact: true }]);
    expect(
      matchDataProduct(exporting, 'kafka://broker:9092 orders sync'),
    ).toEqual([]);
  });
});

describe('parseSearchTerm', () => {
  it.each([
    ['analytics.sales.orders', { term: 'analytics.sales.orders' }],
    [
      'postgres://warehouse:5432/analytics.sales.orders',
      {
        namespace: 'postgres://warehouse:5432',
        term: 'analytics.sales.orders',
      },
    ],
    [
      ' Postgres://Warehouse:5432  analytics.sales.orders ',
      {
        namespace: 'postgres://warehouse:5432',
        term: 'analytics.sales.orders',
      },
    ],
    [
      'postgresql://warehouse/analytics.sales.orders',
      {
        namespace: 'postgres://warehouse:5432',
        term: 'analytics.sales.orders',
      },
    ],
    ['kafka://broker:9092', { term: 'kafka://broker:9092' }],
    [
      's3a://lake/curated/customer/segments_v1/',
      { namespace: 's3://lake', term: 'curated/customer/segments_v1' },
    ],
    [
      'S3N://lake curated/segments',
      { namespace: 's3://lake', term: 'curated/segments' },
    ],
    ['curated/segments//', { term: 'curated/segments' }],
    ['///', { term: '' }],
  ])('reads %j', (input, expected) => {
    expect(parseSearchTerm(input)).toEqual(expected);
  });
});

describe('matchDataProduct', () => {
  it('finds a table by its dataset name, exact first', () => {
    expect(matchDataProduct(orders, 'analytics.sales.orders')).toEqual([
      {
        on: 'dataset',
        port: 'orders',
        text: 'analytics.sales.orders',
        exact: true,
      },
    ]);
  });

  it('finds a table by namespace and name, only in that namespace', () => {
    expect(
      matchDataProduct(
        orders,
        'postgres://warehouse:5432/analytics.sales.orders',
      ),
    ).toHaveLength(1);
    expect(
      matchDataProduct(orders, 'kafka://broker:9092 analytics.sales.orders'),
    ).toEqual([]);
    expect(
      matchDataProduct(orders, 'kafka://broker:9092/orders.events'),
    ).toEqual([
      { on: 'dataset', port: 'events', text: 'orders.events', exact: true },
    ]);
  });

  it("finds a table by another spelling of its port's namespace", () => {
    for (const input of [
      'postgresql://warehouse:5432/analytics.sales.orders',
      'postgres://warehouse/analytics.sales.orders',
    ]) {
      expect(matchDataProduct(orders, input)).toEqual([
        {
          on: 'dataset',
          port: 'orders',
          text: 'analytics.sales.orders',
          exact: true,
        },
      ]);
    }
  });

  it('finds nested columns of the contract', () => {
    expect(matchDataProduct(orders, 'EMAIL')).toEqual([
      {
        on: 'column',
        port: 'orders',
        text: 'orders.customer.email',
        exact: false,
      },
    ]);
  });

  it("finds a column under its port's table name", () => {
    expect(matchDataProduct(orders, 'analytics.sales.orders.order_id')).toEqual(
      [
        {
          on: 'column',
          port: 'orders',
          text: 'analytics.sales.orders.order_id',
          exact: true,
        },
      ],
    );
    expect(
      matchDataProduct(orders, 'orders.order_id').map(m => m.text),
    ).toEqual(['orders.order_id']);
  });

  it('finds the product by name and title', () => {
    const matches = matchDataProduct(orders, 'orders');
    expect(matches[0]).toEqual({
      on: 'product',
      port: undefined,
      text: 'orders',
      exact: true,
    });
    expect(matches.map(m => m.on)).toEqual(
      expect.arrayContaining(['product', 'dataset', 'column']),
    );
    expect(matchDataProduct(orders, 'confirmed')).toEqual([
      {
        on: 'product',
        port: undefined,
        text: 'Confirmed Orders',
        exact: false,
      },
    ]);
  });

  it('matches nothing for an empty or unknown term', () => {
    expect(matchDataProduct(orders, '  ')).toEqual([]);
    expect(matchDataProduct(orders, 'shipments')).toEqual([]);
  });
});
