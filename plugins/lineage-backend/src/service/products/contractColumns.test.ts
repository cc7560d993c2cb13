import { OutputPort } from '@meshwork/plugin-data-products-common';
import { contractColumns } from './contractColumns';

const contract = (...tables: string[]) => ({
  apiVersion: 'v3.0.2',
  kind: 'DataContract',
  id: 'sales',
  version: '1.0.0',
  status: 'active',
  schema: tables.map(name => ({
    name,
    properties: [{ name: `${name}_id`, physicalType: 'BIGINT' }],
  })),
});

const port = (dataset: string, tables: string[]): OutputPort => ({
  name: 'out',
  type: 'table',
  dataset: { namespace: 'ns', name: dataset },
  contract: contract(...tables),
});

describe('contractColumns', () => {
  it.each([
    ['mart.orders', ['customers', 'orders']],
    ['s3://lake/sales/orders.parquet', ['customers', 'orders']],
    ['ORDERS', ['customers', 'orders']],
    ['mart.order_lines_v2', ['orders']],
    ['sales.orders', ['orders', 'sales']],
  ])('reads the columns for %p from %p', (dataset, tables) => {
    expect(contractColumns(port(dataset, tables))).toEqual([
      { name: 'orders_id', physicalType: 'BIGINT' },
    ]);
  });

  it('says nothing of a dataset none of several tables is named like', () => {
    expect(
      contractColumns(port('mart.order_lines_v2', ['customers', 'orders'])),
    ).toEqual([]);
  });

  it('reads the properties of an object column as its fields, and its logical type', () => {
    const nested: OutputPort = {
      ...port('orders', ['orders']),
      contract: {
        ...contract('orders'),
        schema: [
          {
            name: 'orders',
            properties: [
              {
                name: 'address',
                logicalType: 'object',
                properties: [{ name: 'city', physicalType: 'STRING' }],
              },
            ],
          },
        ],
      },
    };
    expect(contractColumns(nested)).toEqual([
      {
        name: 'address',
        logicalType: 'object',
        properties: [{ name: 'city', physicalType: 'STRING' }],
      },
    ]);
  });
});
