import type { OutputPort } from '../kinds/DataProductEntityV1alpha1';
import {
  contractSchemaObject,
  datasetTableNames,
} from './contractSchemaObject';

const port = (
  dataset: string,
  tables: Array<[string, string?]>,
): OutputPort => ({
  name: 'out',
  type: 'table',
  dataset: { namespace: 'ns', name: dataset },
  contract: {
    apiVersion: 'v3.0.2',
    kind: 'DataContract',
    id: 'sales',
    version: '1.0.0',
    status: 'active',
    schema: tables.map(([name, physicalName]) => ({
      name,
      ...(physicalName ? { physicalName } : {}),
      properties: [{ name: `${name}_id` }],
    })),
  },
});

describe('datasetTableNames', () => {
  it.each([
    ['mart.Orders', ['mart.orders', 'orders']],
    [
      's3://lake/sales/orders.parquet',
      ['s3://lake/sales/orders.parquet', 'parquet', 'orders.parquet', 'orders'],
    ],
  ])('gives the names %p goes by', (dataset, names) => {
    expect(datasetTableNames(dataset)).toEqual(names);
  });
});

describe('contractSchemaObject', () => {
  it.each([
    ['mart.orders', [['customers'], ['orders']], 'orders'],
    ['mart.orders', [['customers'], ['o', 'ORDERS']], 'o'],
    ['sales.orders', [['orders'], ['sales.orders']], 'sales.orders'],
    ['mart.order_lines_v2', [['orders']], 'orders'],
  ] as Array<[string, Array<[string, string?]>, string]>)(
    'picks for %p among %p the schema object %p',
    (dataset, tables, expected) => {
      expect(contractSchemaObject(port(dataset, tables))?.name).toBe(expected);
    },
  );

  it('picks none among several tables none of which is named like the dataset, nor of a contract not inline', () => {
    expect(
      contractSchemaObject(port('mart.lines', [['customers'], ['orders']])),
    ).toBeUndefined();
    expect(
      contractSchemaObject({
        ...port('orders', [['orders']]),
        contract: './c.yaml',
      }),
    ).toBeUndefined();
  });
});
