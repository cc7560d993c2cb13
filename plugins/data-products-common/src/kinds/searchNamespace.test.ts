import { searchNamespace } from './searchNamespace';

describe('searchNamespace', () => {
  it.each([
    ['postgres://warehouse:5432', 'postgres://warehouse:5432'],
    ['postgresql://Warehouse:5432', 'postgres://warehouse:5432'],
    ['postgres://warehouse', 'postgres://warehouse:5432'],
    ['postgresql://warehouse', 'postgres://warehouse:5432'],
    ['postgres://warehouse:6432', 'postgres://warehouse:6432'],
    ['mysql://shop', 'mysql://shop:3306'],
    ['kafka://broker', 'kafka://broker'],
    ['s3a://lake', 's3://lake'],
  ])('reads %j as %j', (namespace, expected) => {
    expect(searchNamespace(namespace)).toBe(expected);
  });
});
