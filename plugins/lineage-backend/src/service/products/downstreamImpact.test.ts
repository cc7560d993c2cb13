import { dataProduct } from '../../__testUtils__/dataProduct';
import { downstreamImpact } from './downstreamImpact';
import type { ProductEdge } from '@meshwork/plugin-lineage-common';

const NS = 'postgres://warehouse:5432';
const dataset = (name: string) => ({ namespace: NS, name });

const product = (name: string, tier: 1 | 2 | 3, oncall?: string) =>
  dataProduct(name, {
    owner: `group:default/${name}-team`,
    tier,
    outputPorts: [],
    ...(oncall
      ? { support: { oncall: { provider: 'slack', contact: oncall } } }
      : {}),
  });

const edge = (source: string, target: string, datasets: string[]) => ({
  source: `dataproduct:default/${source}`,
  target: `dataproduct:default/${target}`,
  datasets: datasets.map(dataset),
  observed: true,
  declared: true,
});

const products = [
  product('orders', 1),
  product('revenue', 2, '#revenue-oncall'),
  product('reporting', 1),
  product('forecast', 3),
];
const edges: ProductEdge[] = [
  edge('orders', 'revenue', ['mart.orders']),
  edge('orders', 'forecast', ['mart.order_lines']),
  edge('revenue', 'reporting', ['mart.revenue']),
  // A cycle back to the origin is not an impact on it.
  edge('reporting', 'orders', ['mart.reporting']),
];

describe('downstreamImpact', () => {
  it('lists every downstream product by tier, then depth', () => {
    const impact = downstreamImpact(
      products,
      edges,
      'dataproduct:default/orders',
    );
    expect(impact.map(i => [i.entityRef, i.tier, i.depth, i.via])).toEqual([
      ['dataproduct:default/reporting', 1, 2, 'dataproduct:default/revenue'],
      ['dataproduct:default/revenue', 2, 1, 'dataproduct:default/orders'],
      ['dataproduct:default/forecast', 3, 1, 'dataproduct:default/orders'],
    ]);
    expect(impact[1]).toMatchObject({
      owner: 'group:default/revenue-team',
      datasets: [dataset('mart.orders')],
      onCall: { contact: '#revenue-oncall', source: 'product' },
    });
    expect(impact[0].onCall).toBeUndefined();
  });

  it("names each team by its full ref, as the catalog reads a product's owner", () => {
    const bare = dataProduct('revenue', {
      owner: 'revenue-team',
      tier: 2,
      outputPorts: [],
    });
    const impact = downstreamImpact(
      [products[0], bare],
      [edge('orders', 'revenue', ['mart.orders'])],
      'dataproduct:default/orders',
    );
    expect(impact.map(i => i.owner)).toEqual(['group:default/revenue-team']);
  });

  it('starts from the readers of one output when given', () => {
    const impact = downstreamImpact(
      products,
      edges,
      'dataproduct:default/orders',
      dataset('mart.order_lines'),
    );
    expect(impact.map(i => i.entityRef)).toEqual([
      'dataproduct:default/forecast',
    ]);
  });

  it('goes on from every output of the origin when one output comes back to it', () => {
    // Orders' lines feed forecast, whose output orders reads for its
    // summary, which reporting reads.
    const impact = downstreamImpact(
      products,
      [
        edge('orders', 'forecast', ['mart.order_lines']),
        edge('forecast', 'orders', ['mart.forecast']),
        edge('orders', 'reporting', ['mart.order_summary']),
      ],
      'dataproduct:default/orders',
      dataset('mart.order_lines'),
    );
    expect(impact.map(i => [i.entityRef, i.depth, i.via])).toEqual([
      ['dataproduct:default/reporting', 3, 'dataproduct:default/orders'],
      ['dataproduct:default/forecast', 1, 'dataproduct:default/orders'],
    ]);
  });

  it('is empty for a product nobody reads', () => {
    expect(
      downstreamImpact(products, edges, 'dataproduct:default/forecast'),
    ).toEqual([]);
  });
});
