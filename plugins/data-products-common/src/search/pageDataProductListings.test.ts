import type { DataProductListing } from './DataProductListing';
import {
  DataProductListingQuery,
  pageDataProductListings,
} from './pageDataProductListings';

const queryOf = (params: string): DataProductListingQuery => {
  const p = new URLSearchParams(params);
  const { sort, order, page, ...filters } = Object.fromEntries(p);
  return {
    filters,
    sort: (sort ?? 'name') as DataProductListingQuery['sort'],
    order: order === 'desc' ? 'desc' : 'asc',
    page: Number(page ?? 0),
    pageSize: 25,
  };
};

const listing = (
  name: string,
  domain: string,
  tier: 1 | 2 | 3,
  tags: string[] = [],
): DataProductListing => ({
  apiVersion: 'meshwork.dev/v1alpha1',
  kind: 'DataProduct',
  metadata: { name, namespace: 'default', tags },
  spec: {
    domain,
    owner: 'group:default/team',
    type: 'aggregate',
    tier,
    lifecycle: 'production',
    outputPorts: [],
  },
});

const products = [
  listing('orders', 'checkout', 1, ['pii']),
  listing('carts', 'checkout', 2),
  listing('revenue', 'finance', 1, ['PII', 'gold']),
  listing('refunds', 'checkout', 3, ['pii']),
];
const pageOf = (query: string) =>
  pageDataProductListings(products, queryOf(query));
const names = (query: string) =>
  pageOf(query).items.map(item => item.metadata.name);

describe('pageDataProductListings', () => {
  it('filters as the catalog does, case aside, on every filter', () => {
    expect(names('domain=Checkout')).toEqual(['carts', 'orders', 'refunds']);
    expect(names('tier=1')).toEqual(['orders', 'revenue']);
    expect(names('tag=pii&domain=checkout')).toEqual(['orders', 'refunds']);
    expect(names('tag=pii')).toEqual(['orders', 'refunds', 'revenue']);
    expect(names('domain=marketing')).toEqual([]);
  });

  it('filters by owner and domain as the entities they name', () => {
    const owned = (name: string, owner: string, namespace = 'default') => {
      const product = listing(name, 'domain:checkout', 1);
      return {
        ...product,
        metadata: { ...product.metadata, namespace },
        spec: { ...product.spec, owner },
      };
    };
    const team = [
      owned('a', 'sales'),
      owned('b', 'group:sales'),
      owned('c', 'group:default/Sales'),
      owned('d', 'sales', 'finance'),
      owned('e', 'user:sales'),
    ];
    const ownedBy = (owner: string) =>
      pageDataProductListings(team, queryOf(`owner=${owner}`)).items.map(
        item => item.metadata.name,
      );
    expect(ownedBy('sales')).toEqual(['a', 'b', 'c']);
    expect(ownedBy('group:default/sales')).toEqual(['a', 'b', 'c']);
    expect(ownedBy('finance/sales')).toEqual(['d']);
    expect(ownedBy('user:sales')).toEqual(['e']);
    expect(ownedBy('group:')).toEqual([]);
    // Sorted by the team named, a team's products stay together.
    expect(
      pageDataProductListings(team, queryOf('sort=owner')).items.map(
        item => item.metadata.name,
      ),
    ).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(
      pageDataProductListings(team, queryOf('domain=checkout')).totalItems,
    ).toBe(4);
  });

  it('sorts by the column asked for, then by name', () => {
    expect(names('sort=tier&order=desc')).toEqual([
      'refunds',
      'carts',
      'orders',
      'revenue',
    ]);
    expect(names('sort=domain')).toEqual([
      'carts',
      'orders',
      'refunds',
      'revenue',
    ]);
  });

  it('pages, counting every match', () => {
    const all = products.concat(
      Array.from({ length: 30 }, (_, i) =>
        listing(`p${String(i).padStart(2, '0')}`, 'checkout', 2),
      ),
    );
    const page = pageDataProductListings(
      all,
      queryOf('page=1&domain=checkout'),
    );
    expect(page.totalItems).toBe(33);
    // carts, orders, p00…p29, refunds: the second page of 25 holds the last 8.
    expect(page.items.map(item => item.metadata.name)).toEqual([
      'p23',
      'p24',
      'p25',
      'p26',
      'p27',
      'p28',
      'p29',
      'refunds',
    ]);
  });
});
