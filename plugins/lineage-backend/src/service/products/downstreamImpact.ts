import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  DataProductEntityV1alpha1,
  ownerRefOf,
  resolveOnCall,
} from '@meshwork/plugin-data-products-common';
import type { ImpactedProduct } from '@meshwork/plugin-lineage-common';
import type { ProductEdge } from '@meshwork/plugin-lineage-common';

type Dataset = { namespace: string; name: string };

const sameDataset = (a: Dataset, b: Dataset) =>
  a.namespace === b.namespace && a.name === b.name;

/**
 * Every product downstream of `origin`, breadth-first over product lineage,
 * ordered by tier (1 first, none last), then depth, then name. With
 * `dataset`, only the products reading that output start the walk.
 */
export function downstreamImpact(
  products: DataProductEntityV1alpha1[],
  edges: ProductEdge[],
  origin: string,
  dataset?: Dataset,
): ImpactedProduct[] {
  const byRef = new Map(products.map(p => [stringifyEntityRef(p), p]));
  const outgoing = new Map<string, ProductEdge[]>();
  for (const edge of edges) {
    const list = outgoing.get(edge.source) ?? [];
    list.push(edge);
    outgoing.set(edge.source, list);
  }
  const reached = new Map<string, ImpactedProduct>();
  // Of one output, a walk that comes back to the origin through another
  // product goes on from all its outputs: which of them it feeds, product
  // lineage cannot tell.
  let originReentered = !dataset;
  let frontier = [origin];
  for (let depth = 1; frontier.length > 0; depth++) {
    const next: string[] = [];
    for (const source of frontier) {
      for (const edge of outgoing.get(source) ?? []) {
        if (edge.target === origin && !originReentered) {
          originReentered = true;
          next.push(origin);
        }
        if (edge.target === origin || reached.has(edge.target)) continue;
        const datasets =
          depth === 1 && dataset
            ? edge.datasets.filter(d => sameDataset(d, dataset))
            : edge.datasets;
        if (datasets.length === 0) continue;
        const product = byRef.get(edge.target);
        if (!product) continue;
        reached.set(edge.target, {
          entityRef: edge.target,
          title: product.metadata.title ?? product.metadata.name,
          owner: stringifyEntityRef(ownerRefOf(product)),
          tier: product.spec.tier,
          depth,
          via: source,
          datasets,
          onCall: resolveOnCall(product),
        });
        next.push(edge.target);
      }
    }
    frontier = next;
  }
  return [...reached.values()].sort(
    (a, b) =>
      (a.tier ?? Infinity) - (b.tier ?? Infinity) ||
      a.depth - b.depth ||
      a.entityRef.localeCompare(b.entityRef),
  );
}
