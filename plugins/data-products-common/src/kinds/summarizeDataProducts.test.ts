import { DataProductEntityV1alpha1 } from './DataProductEntityV1alpha1';
import { summarizeDataProducts } from './summarizeDataProducts';

const product = (
  name: string,
  owner: string,
  tier: 1 | 2 | 3,
  lifecycle: 'production' | 'experimental' | 'deprecated',
) =>
  ({
    apiVersion: 'meshwork.dev/v1alpha1',
    kind: 'DataProduct',
    metadata: { name },
    spec: { owner, tier, lifecycle },
  } as unknown as DataProductEntityV1alpha1);

describe('summarizeDataProducts', () => {
  it('counts by tier and lifecycle and groups by owning team', () => {
    const summary = summarizeDataProducts([
      product('orders', 'group:checkout-data', 1, 'production'),
      product('carts', 'checkout-data', 2, 'experimental'),
      product('returns', 'group:default/logistics-data', 1, 'production'),
    ]);
    expect(summary.total).toBe(3);
    expect(summary.byTier).toEqual({ 'tier 1': 2, 'tier 2': 1 });
    expect(summary.byLifecycle).toEqual({ production: 2, experimental: 1 });
    expect(
      summary.byOwner.map(({ owner, products }) => [
        owner,
        products.map(p => p.metadata.name),
      ]),
    ).toEqual([
      ['group:default/checkout-data', ['carts', 'orders']],
      ['group:default/logistics-data', ['returns']],
    ]);
  });

  it("reads an owner in the product's own namespace unless it names another", () => {
    const inFinance = (name: string, owner: string) => {
      const p = product(name, owner, 2, 'production');
      return { ...p, metadata: { ...p.metadata, namespace: 'finance' } };
    };
    const summary = summarizeDataProducts([
      inFinance('ledger', 'finance-data'),
      inFinance('payouts', 'group:default/payments-data'),
    ]);
    expect(summary.byOwner.map(({ owner }) => owner)).toEqual([
      'group:default/payments-data',
      'group:finance/finance-data',
    ]);
  });

  it('is empty for no products', () => {
    expect(summarizeDataProducts([])).toEqual({
      total: 0,
      byTier: {},
      byLifecycle: {},
      byOwner: [],
    });
  });
});
