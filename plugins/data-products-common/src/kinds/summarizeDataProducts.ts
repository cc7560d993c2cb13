import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import type { DataProductEntityV1alpha1 } from './DataProductEntityV1alpha1';

export type DataProductSummary = {
  total: number;
  byTier: Record<string, number>;
  byLifecycle: Record<string, number>;
  /** Products per owning team's full entity ref, teams sorted by name. */
  byOwner: Array<{ owner: string; products: DataProductEntityV1alpha1[] }>;
};

/** How often each value occurs, keys in sorted order. */
const count = (values: string[]) =>
  [...values].sort().reduce<Record<string, number>>((counts, value) => {
    counts[value] = (counts[value] ?? 0) + 1;
    return counts;
  }, {});

/** Counts of products by tier and lifecycle, and the products of each team. */
export function summarizeDataProducts(
  products: DataProductEntityV1alpha1[],
): DataProductSummary {
  const owners = new Map<string, DataProductEntityV1alpha1[]>();
  for (const product of products) {
    const owner = stringifyEntityRef(
      // In the product's namespace unless it names another, as the catalog reads it.
      parseEntityRef(product.spec.owner, {
        defaultKind: 'group',
        defaultNamespace: product.metadata.namespace ?? 'default',
      }),
    );
    owners.set(owner, [...(owners.get(owner) ?? []), product]);
  }
  return {
    total: products.length,
    byTier: count(products.map(p => `tier ${p.spec.tier}`)),
    byLifecycle: count(products.map(p => p.spec.lifecycle)),
    byOwner: [...owners.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([owner, owned]) => ({
        owner,
        products: owned.sort((a, b) =>
          a.metadata.name.localeCompare(b.metadata.name),
        ),
      })),
  };
}
