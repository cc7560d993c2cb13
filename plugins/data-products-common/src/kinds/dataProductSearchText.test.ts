import { dataProductSearchText } from './dataProductSearchText';

describe('dataProductSearchText', () => {
  it('holds the description, datasets and every contract column, nested ones too', () => {
    const text = dataProductSearchText({
      apiVersion: 'meshwork.dev/v1alpha1',
      kind: 'DataProduct',
      metadata: { name: 'orders', description: 'Confirmed orders.' },
      spec: {
        domain: 'sales',
        owner: 'group:sales-data',
        lifecycle: 'production',
        type: 'aggregate',
        tier: 1,
        version: '1.0.0',
        outputPorts: [
          {
            name: 'orders',
            type: 'table',
            dataset: {
              namespace: 'postgres://w:5432',
              name: 'analytics.sales.orders',
            },
            contract: {
              apiVersion: 'v3.0.2',
              kind: 'DataContract',
              id: 'c1',
              version: '1.0.0',
              status: 'active',
              schema: [
                {
                  name: 'orders',
                  properties: [
                    { name: 'order_id', logicalType: 'string' },
                    {
                      name: 'shipping_address',
                      logicalType: 'object',
                      properties: [{ name: 'postcode', logicalType: 'string' }],
                    },
                  ],
                },
              ],
            },
          },
        ],
      },
    });
    for (const term of [
      'Confirmed orders.',
      'analytics.sales.orders',
      'postgres://w:5432',
      'order_id',
      'shipping_address.postcode',
    ]) {
      expect(text).toContain(term);
    }
  });
});
