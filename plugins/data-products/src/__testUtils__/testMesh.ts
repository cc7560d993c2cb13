import { Entity } from '@backstage/catalog-model';
import { JsonObject } from '@backstage/types';
import { DataProductEntityV1alpha1 } from '@meshwork/plugin-data-products-common';

const contract = (columns: JsonObject[]): JsonObject => ({
  apiVersion: 'v3.0.2',
  kind: 'DataContract',
  id: 'orders-contract',
  name: 'Orders',
  version: '2.1.0',
  status: 'active',
  schema: [
    {
      name: 'orders',
      physicalType: 'table',
      properties: columns,
      quality: [
        { name: 'No missing customers', metric: 'nullValues', mustBe: 0 },
      ],
    },
  ],
  slaProperties: [{ property: 'latency', value: 30, unit: 'm' }],
});

export const ordersProduct: DataProductEntityV1alpha1 = {
  apiVersion: 'meshwork.dev/v1alpha1',
  kind: 'DataProduct',
  metadata: {
    name: 'orders',
    namespace: 'default',
    title: 'Orders',
    description:
      'All **confirmed** orders. <img src=x onerror="alert(1)"> <script>alert(2)</script>',
    tags: ['tier-1', 'pii'],
  },
  spec: {
    domain: 'checkout',
    owner: 'group:checkout-data',
    lifecycle: 'production',
    type: 'aggregate',
    tier: 1,
    version: '2.1.0',
    outputPorts: [
      {
        name: 'orders',
        type: 'table',
        dataset: {
          namespace: 'postgres://warehouse:5432',
          name: 'analytics.checkout.orders',
        },
        contract: contract([
          {
            name: 'order_id',
            logicalType: 'string',
            physicalType: 'varchar(36)',
            required: true,
            primaryKey: true,
            description: 'The order',
          },
          {
            name: 'customer_email',
            logicalType: 'string',
            classification: 'pii',
          },
        ]),
      },
    ],
    inputPorts: [{ name: 'carts', from: 'dataproduct:default/carts#carts' }],
    slos: { freshness: { maxDelay: '30m', objective: '99%' } },
    support: {
      runbook: 'https://runbooks.example/orders',
      oncall: { provider: 'pagerduty', id: 'P123', contact: '#orders-oncall' },
      channels: [{ type: 'slack', url: 'https://slack.example/orders' }],
    },
  },
  relations: [
    { type: 'ownedBy', targetRef: 'group:default/checkout-data' },
    { type: 'partOf', targetRef: 'domain:default/checkout' },
    { type: 'dependsOn', targetRef: 'dataproduct:default/carts' },
    { type: 'dependencyOf', targetRef: 'dataproduct:default/revenue' },
  ],
};

export const cartsProduct: DataProductEntityV1alpha1 = {
  apiVersion: 'meshwork.dev/v1alpha1',
  kind: 'DataProduct',
  metadata: { name: 'carts', namespace: 'default' },
  spec: {
    domain: 'checkout',
    owner: 'group:checkout-data',
    lifecycle: 'experimental',
    type: 'source-aligned',
    tier: 2,
    version: '0.3.0',
    outputPorts: [
      {
        name: 'carts',
        type: 'topic',
        dataset: { namespace: 'kafka://broker:9092', name: 'checkout.carts' },
      },
    ],
  },
  relations: [
    { type: 'ownedBy', targetRef: 'group:default/checkout-data' },
    { type: 'partOf', targetRef: 'domain:default/checkout' },
    { type: 'dependencyOf', targetRef: 'dataproduct:default/orders' },
  ],
};

export const revenueProduct: DataProductEntityV1alpha1 = {
  apiVersion: 'meshwork.dev/v1alpha1',
  kind: 'DataProduct',
  metadata: { name: 'revenue', namespace: 'default', title: 'Revenue' },
  spec: {
    domain: 'finance',
    owner: 'group:finance-data',
    lifecycle: 'production',
    type: 'consumer-aligned',
    tier: 1,
    version: '1.0.0',
    outputPorts: [
      {
        name: 'daily',
        type: 'table',
        dataset: {
          namespace: 'snowflake://acme',
          name: 'finance.revenue_daily',
        },
      },
    ],
  },
  relations: [
    { type: 'ownedBy', targetRef: 'group:default/finance-data' },
    { type: 'partOf', targetRef: 'domain:default/finance' },
    { type: 'dependsOn', targetRef: 'dataproduct:default/orders' },
  ],
};

const group = (name: string, contact?: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: {
    name,
    namespace: 'default',
    annotations: contact
      ? {
          'meshwork.dev/oncall-provider': 'pagerduty',
          'meshwork.dev/oncall-contact': contact,
        }
      : {},
  },
  spec: { type: 'team', children: [] },
});

const domain = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Domain',
  metadata: {
    name,
    namespace: 'default',
    title: `${name[0].toUpperCase()}${name.slice(1)}`,
  },
  spec: { owner: 'group:data-platform' },
});

export const checkoutTeam = group('checkout-data', '#checkout-data-oncall');
export const financeTeam = group('finance-data');
export const checkoutDomain = domain('checkout');
export const financeDomain = domain('finance');

/** A small mesh: two domains, two teams (one without on-call), three products. */
export const testMesh: Entity[] = [
  ordersProduct,
  cartsProduct,
  revenueProduct,
  checkoutTeam,
  financeTeam,
  checkoutDomain,
  financeDomain,
];
