import {
  explorerQuery,
  readExplorerState,
  writeExplorerState,
} from './explorerQuery';

describe('explorer state', () => {
  it('round-trips through the URL, leaving defaults out', () => {
    const params = new URLSearchParams(
      'q=customer_id&domain=checkout&tier=1&slo=breaching&level=gold&sort=owner&order=desc&page=2&pageSize=50',
    );
    const state = readExplorerState(params);
    expect(state).toEqual({
      q: 'customer_id',
      filters: { domain: 'checkout', tier: '1' },
      status: { slo: 'breaching', level: 'gold' },
      sort: 'owner',
      order: 'desc',
      page: 2,
      pageSize: 50,
    });
    expect(writeExplorerState(state).toString()).toBe(params.toString());
    expect(
      writeExplorerState(readExplorerState(new URLSearchParams())).toString(),
    ).toBe('');
  });

  it('falls back to defaults for values it does not know', () => {
    expect(
      readExplorerState(
        new URLSearchParams(
          'sort=secret&order=up&page=-3&pageSize=7&evil=1&slo=fine&level=platinum',
        ),
      ),
    ).toEqual({
      q: '',
      filters: {},
      status: {},
      sort: 'name',
      order: 'asc',
      page: 0,
      pageSize: 25,
    });
  });

  it.each(['constructor', 'toString', '__proto__'])(
    'sorts by name for sort=%s, which every object has',
    sort => {
      expect(readExplorerState(new URLSearchParams({ sort })).sort).toBe(
        'name',
      );
    },
  );

  it('names an owner or domain by its name, and its namespace outside the default one, however the link wrote it', () => {
    const filtersOf = (params: string) =>
      readExplorerState(new URLSearchParams(params)).filters;
    expect(filtersOf('owner=group:default/CRM&domain=domain:sales')).toEqual({
      owner: 'crm',
      domain: 'sales',
    });
    expect(filtersOf('owner=group:finance/crm&domain=finance/sales')).toEqual({
      owner: 'finance/crm',
      domain: 'finance/sales',
    });
    // A value naming no entity stays as it is, and matches nothing.
    expect(filtersOf('owner=group:')).toEqual({ owner: 'group:' });
    expect(
      explorerQuery(
        readExplorerState(new URLSearchParams('domain=finance/sales')),
      ).filter,
    ).toEqual({
      kind: 'DataProduct',
      'relations.partOf': 'domain:finance/sales',
    });
  });

  it('asks the catalog for one filtered, sorted page', () => {
    const query = explorerQuery(
      readExplorerState(
        new URLSearchParams(
          'q= email &owner=group:crm&tag=pii&sort=tier&page=3',
        ),
      ),
    );
    expect(query).toMatchObject({
      filter: {
        kind: 'DataProduct',
        'relations.ownedBy': 'group:default/crm',
        'metadata.tags': 'pii',
      },
      fullTextFilter: { term: 'email' },
      orderFields: { field: 'spec.tier', order: 'asc' },
      limit: 25,
      offset: 75,
    });
    expect(query.fullTextFilter?.fields).toContain(
      'spec.outputPorts.contract.schema.properties.name',
    );
    expect(
      explorerQuery(readExplorerState(new URLSearchParams())),
    ).not.toHaveProperty('fullTextFilter');
  });
});
