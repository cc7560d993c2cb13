import { describeIssues } from '@meshwork/plugin-data-products-common';
import { listingsQuery } from './listingsQuery';

describe('listingsQuery', () => {
  it('reads entity refs as the index keys them, in full and lower case', () => {
    const parsed = listingsQuery.parse({
      entityRefs: [
        'DataProduct:default/orders',
        'orders',
        'Sales/Revenue',
        'dataproduct:default/payments',
      ],
    });
    expect(parsed.entityRefs).toEqual([
      'dataproduct:default/orders',
      'dataproduct:default/orders',
      'dataproduct:sales/revenue',
      'dataproduct:default/payments',
    ]);
  });

  it('names each ref that is not an entity ref by its index', () => {
    const parsed = listingsQuery.safeParse({
      entityRefs: ['orders', ':', 'dataproduct:default/'],
    });
    expect(parsed.success).toBe(false);
    expect(describeIssues(parsed.error!.issues)).toBe(
      'entityRefs[1]: expected an entity ref like dataproduct:default/name or name (got ":"); ' +
        'entityRefs[2]: expected an entity ref like dataproduct:default/name or name (got "dataproduct:default/")',
    );
  });

  it('refuses a ref of another kind, which could match no product', () => {
    const parsed = listingsQuery.safeParse({
      entityRefs: ['orders', 'component:default/orders', 'Group:sales'],
    });
    expect(parsed.success).toBe(false);
    expect(describeIssues(parsed.error!.issues)).toBe(
      'entityRefs[1]: expected a dataproduct ref like dataproduct:default/name or name (got "component:default/orders"); ' +
        'entityRefs[2]: expected a dataproduct ref like dataproduct:default/name or name (got "Group:sales")',
    );
  });

  it('refuses every unknown filter, __proto__ as JSON.parse makes it too', () => {
    for (const body of [
      '{"filters":{"__proto__":1}}',
      '{"filters":{"__proto__":"x","tier":"1"}}',
      '{"filters":{"constructor":"x"}}',
      '{"filters":{"colour":"red"}}',
    ]) {
      const parsed = listingsQuery.safeParse(JSON.parse(body));
      expect({ body, success: parsed.success }).toEqual({
        body,
        success: false,
      });
      const key = Object.keys(JSON.parse(body).filters)[0];
      expect(describeIssues(parsed.error!.issues)).toBe(
        `filters: Unrecognized key: ${JSON.stringify(key)}`,
      );
    }
    expect(
      listingsQuery.parse({ filters: { tier: '1', owner: 'sales' } }).filters,
    ).toEqual({ tier: '1', owner: 'sales' });
    expect(listingsQuery.parse({}).filters).toEqual({});
  });
});
