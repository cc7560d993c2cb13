import type { OutputPort } from '@meshwork/plugin-data-products-common';
import { physicalColumn } from './physicalColumn';

const port: OutputPort = {
  name: 'orders',
  type: 'table',
  dataset: { namespace: 'ns', name: 'mart.orders' },
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
          {
            name: 'customerId',
            physicalName: 'customer_id',
            physicalType: 'BIGINT',
          },
          { name: 'amount', physicalType: 'DECIMAL(12,2)' },
          {
            name: 'shipping',
            physicalName: 'ship_to',
            logicalType: 'object',
            properties: [
              { name: 'city', physicalName: 'town' },
              { name: 'zip', physicalType: 'STRING' },
            ],
          },
        ],
      },
    ],
  },
};

describe('physicalColumn', () => {
  it.each([
    ['customerId', 'customer_id'],
    ['CUSTOMERID', 'customer_id'],
    ['customer_id', 'customer_id'],
    ['amount', 'amount'],
    ['shipping.city', 'ship_to.town'],
    ['ship_to.town', 'ship_to.town'],
    ['shipping.zip', 'ship_to.zip'],
  ])('names %p as runs report it, %p', (column, physical) => {
    expect(physicalColumn(port, column)).toBe(physical);
  });

  it('leaves a column the contract does not have as written', () => {
    expect(physicalColumn(port, 'discount')).toBe('discount');
    expect(physicalColumn(port, 'shipping.street')).toBe('shipping.street');
    expect(physicalColumn({ ...port, contract: undefined }, 'customerId')).toBe(
      'customerId',
    );
  });
});
