import type { ProductEdge } from '../api';
import { productNeighbourhood } from './productNeighbourhood';

/** An edge seen at runtime from `source` to `target`. */
const edge = (source: string, target: string): ProductEdge => ({
  source,
  target,
  datasets: [],
  observed: true,
  declared: true,
});

/** The label of each product within a hop downstream of `root`. */
const labelsAround = (
  root: string,
  targets: string[],
  titles: Record<string, string> = {},
) =>
  Object.fromEntries(
    productNeighbourhood(
      targets.map(target => edge(root, target)),
      [root],
      1,
      1,
      new Map(Object.entries(titles)),
    ).nodes.map(node => [node.id, node.label]),
  );

describe('productNeighbourhood', () => {
  it('names a product outside the default namespace with its namespace', () => {
    expect(
      labelsAround('dataproduct:default/orders', ['dataproduct:retail/orders']),
    ).toEqual({
      'dataproduct:default/orders': 'orders',
      'dataproduct:retail/orders': 'retail/orders',
    });
  });

  it('reads a title that is only the name, as the lineage backend gives an untitled product, as no title', () => {
    expect(
      labelsAround(
        'dataproduct:default/orders',
        ['dataproduct:retail/orders'],
        {
          'dataproduct:default/orders': 'orders',
          'dataproduct:retail/orders': 'orders',
        },
      ),
    ).toEqual({
      'dataproduct:default/orders': 'orders',
      'dataproduct:retail/orders': 'retail/orders',
    });
  });

  it('names a product by its title, followed by its ref only when two share the title', () => {
    expect(
      labelsAround(
        'dataproduct:default/orders',
        ['dataproduct:retail/orders', 'dataproduct:retail/revenue'],
        {
          'dataproduct:default/orders': 'Orders',
          'dataproduct:retail/orders': 'Orders',
          'dataproduct:retail/revenue': 'Revenue',
        },
      ),
    ).toEqual({
      'dataproduct:default/orders': 'Orders (orders)',
      'dataproduct:retail/orders': 'Orders (retail/orders)',
      'dataproduct:retail/revenue': 'Revenue',
    });
  });
});
