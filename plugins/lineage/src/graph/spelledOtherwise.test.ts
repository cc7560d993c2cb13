import type { SearchResult } from '../api';
import { spelledOtherwise } from './spelledOtherwise';

const node = (type: 'job' | 'dataset', namespace: string, name: string) =>
  ({ id: `${type}:${namespace}:${name}`, namespace, name } as SearchResult);

describe('spelledOtherwise', () => {
  it('finds the name in another case and the namespace with or without its default port', () => {
    const found = [
      node('job', 'meshwork-retail.airflow', 'Orders.Export'),
      node('dataset', 'postgres://warehouse', 'analytics.orders'),
      node('dataset', 'POSTGRES://Warehouse:5432', 'analytics.orders'),
    ];
    expect(
      spelledOtherwise('job:meshwork-retail.airflow:orders.export', found),
    ).toEqual([found[0]]);
    expect(
      spelledOtherwise(
        'dataset:postgres://warehouse:5432:analytics.orders',
        found,
      ),
    ).toEqual([found[1], found[2]]);
  });

  it('leaves out the node itself, other names, other ports and the other type', () => {
    const found = [
      node('job', 'airflow', 'orders.export'),
      node('job', 'airflow', 'orders.export_v2'),
      node('dataset', 'postgres://warehouse:6432', 'analytics.orders'),
      node('dataset', 'airflow', 'orders.export'),
    ];
    expect(spelledOtherwise('job:airflow:orders.export', found)).toEqual([]);
    expect(
      spelledOtherwise(
        'dataset:postgres://warehouse:5432:analytics.orders',
        found,
      ),
    ).toEqual([]);
  });

  it('finds nothing for what is not a node id', () => {
    expect(spelledOtherwise('orders', [node('job', 'a', 'orders')])).toEqual(
      [],
    );
  });
});
