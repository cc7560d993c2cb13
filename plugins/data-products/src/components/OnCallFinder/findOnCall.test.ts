import type { CatalogApi } from '@backstage/catalog-client';
import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  DataProductEntityV1alpha1,
  parseSearchTerm,
} from '@meshwork/plugin-data-products-common';
import type { DataProductsApi } from '../../api';
import { findOnCall } from './findOnCall';

const product = (name: string, dataset: { namespace: string; name: string }) =>
  ({
    apiVersion: 'meshwork.dev/v1alpha1',
    kind: 'DataProduct',
    metadata: { name, namespace: 'default' },
    spec: {
      owner: 'group:default/team',
      domain: 'sales',
      outputPorts: [{ name, dataset }],
    },
  } as unknown as DataProductEntityV1alpha1);

const orders = product('orders', {
  namespace: 'postgres://wh:5432',
  name: 'analytics.checkout.orders',
});
const events = product('checkout-events', {
  namespace: 's3://meshwork-retail-lake',
  name: 'raw/checkout/events',
});

const ordersWithContract = {
  ...orders,
  spec: {
    ...orders.spec,
    outputPorts: [
      {
        ...orders.spec.outputPorts[0],
        contract: {
          apiVersion: 'v3.0.2',
          kind: 'DataContract',
          id: 'orders',
          version: '1.0.0',
          status: 'active',
          schema: [
            {
              name: 'orders',
              properties: [{ name: 'customer_id', logicalType: 'string' }],
            },
          ],
        },
      },
    ],
  },
} as DataProductEntityV1alpha1;

/**
 * Lineage as it answers: the job `orders.build` writes the orders port, the
 * folder `raw/checkout/events` is the events port; nothing else is found.
 */
function apis() {
  const asked: string[] = [];
  const byRef = new Map(
    [orders, events].map(p => [stringifyEntityRef(p), p] as const),
  );
  const catalogApi = {
    getEntitiesByRefs: async ({ entityRefs }: { entityRefs: string[] }) => ({
      items: entityRefs.map(ref => byRef.get(ref)),
    }),
    // The catalog's full-text filter: a substring of one value.
    queryEntities: async ({
      fullTextFilter,
    }: {
      fullTextFilter: { term: string };
    }) => ({
      items: fullTextFilter.term === 'customer_id' ? [ordersWithContract] : [],
    }),
  } as unknown as CatalogApi;
  const dataProductsApi = {
    search: async () => ({ items: [], totalItems: 0 }),
    runtimeMatches: async (
      term: string,
      _limit: number,
      namespace?: string,
    ) => {
      asked.push(namespace ? `${namespace} ${term}` : term);
      if (term === 'orders.build') {
        return [
          {
            entityRef: stringifyEntityRef(orders),
            port: 'orders',
            via: {
              type: 'job',
              namespace: 'meshwork-retail.airflow',
              name: term,
            },
            job: { namespace: 'meshwork-retail.airflow', name: term },
            exact: true,
          },
        ];
      }
      if (
        term === 'checkout.orders' ||
        term === 'analytics.finance.daily_revenue'
      ) {
        return [
          {
            entityRef: stringifyEntityRef(orders),
            port: 'orders',
            via: { type: 'dataset', ...orders.spec.outputPorts[0].dataset },
            exact: false,
          },
        ];
      }
      if (
        term === 'raw/checkout/events' &&
        namespace === parseSearchTerm('s3://meshwork-retail-lake x').namespace
      ) {
        return [
          {
            entityRef: stringifyEntityRef(events),
            port: 'checkout-events',
            via: { type: 'dataset', ...events.spec.outputPorts[0].dataset },
            exact: true,
          },
        ];
      }
      return [];
    },
  } as unknown as DataProductsApi;
  return { catalogApi, dataProductsApi, asked };
}

const productsFor = async (typed: string) => {
  const { catalogApi, dataProductsApi } = apis();
  const { answers } = await findOnCall(catalogApi, dataProductsApi, typed);
  return answers.map(answer => answer.product.metadata.name);
};

describe('findOnCall', () => {
  it.each([
    'meshwork-retail.airflow:orders.build',
    'job:meshwork-retail.airflow:orders.build',
    'http://airflow.example/log?dag_id=orders&task_id=build&execution_date=x',
    'http://airflow.example/dags/orders/runs/manual__1/tasks/build',
    'orders/build',
  ])('finds the job %s writes', async typed => {
    expect(await productsFor(typed)).toEqual(['orders']);
  });

  it.each([
    's3://meshwork-retail-lake/raw/checkout/events/part-0000.parquet',
    's3://meshwork-retail-lake/raw/checkout/events/dt=2026-12-06/',
  ])('finds the object-store dataset %s is under', async typed => {
    expect(await productsFor(typed)).toEqual(['checkout-events']);
  });

  it.each([
    'ERROR: relation "checkout.orders" does not exist',
    "Object 'ANALYTICS.FINANCE.DAILY_REVENUE' does not exist or not authorized.",
    'checkout.orders;',
    '\u200bcheckout.orders\uFEFF',
  ])('finds the table %j names', async typed => {
    expect(await productsFor(typed)).toEqual(['orders']);
  });

  it("finds a column named under its port's table", async () => {
    const { catalogApi, dataProductsApi } = apis();
    const { answers } = await findOnCall(
      catalogApi,
      dataProductsApi,
      'analytics.checkout.orders.customer_id',
    );
    expect(answers.map(a => [a.product.metadata.name, a.matches])).toEqual([
      [
        'orders',
        [
          {
            on: 'column',
            port: 'orders',
            text: 'analytics.checkout.orders.customer_id',
            exact: true,
          },
        ],
      ],
    ]);
    expect(await productsFor('analytics.elsewhere.orders.customer_id')).toEqual(
      [],
    );
  });

  it('asks a later reading only when the one before found nothing', async () => {
    const { catalogApi, dataProductsApi, asked } = apis();
    await findOnCall(catalogApi, dataProductsApi, 'orders.build');
    expect(asked).toEqual(['orders.build']);
  });
});
