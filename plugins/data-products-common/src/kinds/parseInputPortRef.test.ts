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

  it("reads a ref without a namespace in the reading product's", () => {
    expect(parseInputPortRef('orders#orders', 'finance')?.productRef).toBe(
      'dataproduct:finance/orders',
    );
    expect(
      parseInputPortRef('dataproduct:default/orders#orders', 'finance')
        ?.productRef,
    ).toBe('dataproduct:default/orders');
  });

  it('rejects refs without a port', () => {
    expect(parseInputPortRef('dataproduct:default/orders')).toBeUndefined();
  });
});
