import { dataProductRefOf } from './dataProductRefOf';

describe('dataProductRefOf', () => {
  it.each([
    ['dataproduct:default/orders', 'dataproduct:default/orders'],
    ['  DataProduct:sales/Revenue ', 'dataproduct:sales/revenue'],
    ['default/orders', 'dataproduct:default/orders'],
    ['dataproduct:orders', 'dataproduct:default/orders'],
  ])('reads %j as the product %s', (text, ref) => {
    expect(dataProductRefOf(text)).toBe(ref);
  });

  it.each([
    'orders',
    'component:default/orders',
    'group:sales',
    'dataproduct:default/',
    'dataproduct:/orders',
    ':orders',
    'raw/events/2024',
    'default/orders extra',
    'my team/orders',
    's3://bucket/key',
    'postgres://warehouse:5432',
    'default/orders:v2',
    '',
  ])('leaves %j to be searched for', text => {
    expect(dataProductRefOf(text)).toBeUndefined();
  });
});
