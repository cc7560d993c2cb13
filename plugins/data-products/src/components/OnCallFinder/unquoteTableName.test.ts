import { unquoteTableName } from './unquoteTableName';

describe('unquoteTableName', () => {
  it.each([
    ['"ANALYTICS"."CHECKOUT"."ORDERS"', 'ANALYTICS.CHECKOUT.ORDERS'],
    ["'analytics.checkout.orders'", 'analytics.checkout.orders'],
    ['`shop-prod.checkout.orders`', 'shop-prod.checkout.orders'],
    ['shop-prod:checkout.orders', 'shop-prod.checkout.orders'],
    ['[dbo].[orders]', 'dbo.orders'],
    ['checkout.orders', 'checkout.orders'],
  ])('reads %s as %s', (typed, name) => {
    expect(unquoteTableName(typed)).toBe(name);
  });

  it('leaves text with a quote inside it alone', () => {
    expect(unquoteTableName("chef's orders")).toBe("chef's orders");
    expect(unquoteTableName('say "orders" here')).toBe('say "orders" here');
  });

  it('leaves a URI and a node id alone', () => {
    expect(unquoteTableName('postgres://warehouse:5432 "orders"')).toBe(
      'postgres://warehouse:5432 "orders"',
    );
    expect(unquoteTableName('job:airflow:orders.build')).toBe(
      'job:airflow:orders.build',
    );
  });
});
