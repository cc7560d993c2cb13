import type { DatasetOwner } from '../../api';
import { datasetOwners, NS } from '../../__testUtils__/fixtures';
import { columnImpact } from './loadImpact';

const link = (dataset: string, depth: number, namespace = NS) => ({
  id: `datasetField:${namespace}:${dataset}:customer_id`,
  namespace,
  dataset,
  field: 'customer_id',
  depth,
  transformation: 'DIRECT/IDENTITY',
  masking: false,
});

describe('columnImpact', () => {
  it('reaches every product declaring a dataset a column flows into', () => {
    const revenue = datasetOwners.find(o => o.name === 'mart.revenue')!;
    // During a migration, the old and the new product declare one table.
    const revenueV2: DatasetOwner = {
      ...revenue,
      product: {
        ...revenue.product,
        entityRef: 'dataproduct:default/revenue-v2',
        title: 'Revenue v2',
      },
    };
    const impacted = columnImpact(
      [link('mart.revenue', 1)],
      [revenue, revenueV2],
      'dataproduct:default/orders',
    );
    expect(impacted.map(i => [i.entityRef, i.depth, i.datasets])).toEqual([
      [
        'dataproduct:default/revenue',
        1,
        [{ namespace: NS, name: 'mart.revenue' }],
      ],
      [
        'dataproduct:default/revenue-v2',
        1,
        [{ namespace: NS, name: 'mart.revenue' }],
      ],
    ]);
  });

  it('lists tables of one name in two databases apart', () => {
    const revenue = datasetOwners.find(o => o.name === 'mart.revenue')!;
    const replica = 'postgres://replica.example:5432';
    const impacted = columnImpact(
      [link('mart.revenue', 1), link('mart.revenue', 1, replica)],
      [revenue, { ...revenue, namespace: replica }],
      'dataproduct:default/orders',
    );
    expect(impacted.map(i => i.datasets)).toEqual([
      [
        { namespace: NS, name: 'mart.revenue' },
        { namespace: replica, name: 'mart.revenue' },
      ],
    ]);
  });
});
