import { parseInputPortRef } from './parseInputPortRef';

describe('parseInputPortRef', () => {
  it('reads full and short forms', () => {
    expect(parseInputPortRef('dataproduct:default/orders#order-lines')).toEqual(
      {
        productRef: 'dataproduct:default/orders',
        namespace: 'default',
        name: 'orders',
        port: 'order-lines',
      },
    );
    expect(parseInputPortRef('orders#orders')?.productRef).toBe(
      'dataproduct:default/orders',
    );
    expect(
      parseInputPortRef('dataproduct:sales/Orders#orders')?.productRef,
    ).toBe('dataproduct:sales/orders');
  });

  it('rejects refs without a port', () => {
    expect(parseInputPortRef('dataproduct:default/orders')).toBeUndefined();
  });
});
