import { searchNamespace, searchNamespaceSpellings } from './searchNamespace';

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
    ['constructor://host', 'constructor://host'],
  ])('reads %j as %j', (namespace, expected) => {
    expect(searchNamespace(namespace)).toBe(expected);
  });
});

describe('searchNamespaceSpellings', () => {
  it.each([
    [
      'postgres://Warehouse',
      [
        'postgres://warehouse:5432',
        'postgres://warehouse',
        'postgresql://warehouse:5432',
        'postgresql://warehouse',
      ],
    ],
    ['mysql://shop:3306', ['mysql://shop:3306', 'mysql://shop']],
    // Another port is one spelling of its own.
    [
      'postgres://warehouse:6432',
      ['postgres://warehouse:6432', 'postgresql://warehouse:6432'],
    ],
    // A path after the authority has no port filled in, nor taken out.
    [
      'postgres://warehouse/db:5432',
      ['postgres://warehouse/db:5432', 'postgresql://warehouse/db:5432'],
    ],
    ['s3n://lake', ['s3://lake', 's3a://lake', 's3n://lake']],
    ['kafka://broker:9092', ['kafka://broker:9092']],
    ['constructor://host', ['constructor://host']],
    ['airflow', ['airflow']],
  ])('spells %j as %j', (namespace, expected) => {
    expect(searchNamespaceSpellings(namespace)).toEqual(expected);
  });

  it('spells only namespaces searchNamespace reads alike', () => {
    for (const namespace of ['postgresql://h', 's3://b', 'mysql://h:3306']) {
      const read = searchNamespace(namespace);
      for (const spelling of searchNamespaceSpellings(namespace)) {
        expect(searchNamespace(spelling)).toBe(read);
      }
    }
  });
});
