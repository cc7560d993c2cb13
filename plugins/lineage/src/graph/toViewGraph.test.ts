import type { LineageNode } from '@meshwork/plugin-lineage-common';
import type { DatasetOwner } from '../api';
import { toViewGraph } from './toViewGraph';

const ORDERS = { entityRef: 'dataproduct:default/orders', title: 'Orders' };
const REVENUE = { entityRef: 'dataproduct:default/revenue', title: 'Revenue' };

const node = (
  type: LineageNode['type'],
  name: string,
  parent?: string,
): LineageNode => ({
  id: `${type}:ns:${name}`,
  type,
  namespace: 'ns',
  name,
  depth: 1,
  ...(parent ? { parent } : {}),
});

const owner = (name: string): DatasetOwner => ({
  namespace: 'ns',
  name,
  port: name,
  product: { ...ORDERS, owner: 'group:default/sales' },
});

describe('toViewGraph', () => {
  const graph = {
    root: 'dataset:ns:orders',
    nodes: [
      node('dataset', 'orders'),
      node('job', 'orders_etl'),
      node('job', 'export'),
      node('job', 'sync'),
      node('job', 'sync.push', 'job:ns:sync'),
      node('job', 'adhoc'),
    ],
    edges: [
      { source: 'job:ns:orders_etl', target: 'dataset:ns:orders' },
      { source: 'dataset:ns:orders', target: 'job:ns:export' },
    ],
    truncated: false,
  };
  const productsOf = (declared?: Map<string, typeof ORDERS>) =>
    Object.fromEntries(
      toViewGraph(graph, [owner('orders')], declared).nodes.map(n => [
        n.label,
        n.product?.title,
      ]),
    );

  it("labels a job writing no port with the product naming it, or naming its parent, after a port's writer", () => {
    expect(
      productsOf(
        new Map([
          ['job:ns:export', ORDERS],
          ['job:ns:sync', REVENUE],
          // A port's product labels its writer, whoever else names it.
          ['job:ns:orders_etl', REVENUE],
        ]),
      ),
    ).toEqual({
      orders: 'Orders',
      orders_etl: 'Orders',
      export: 'Orders',
      sync: 'Revenue',
      'sync.push': 'Revenue',
      adhoc: undefined,
    });
  });
});
