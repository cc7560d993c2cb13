import { parseEntityRef } from '@backstage/catalog-model';
import { humanizeEntityRef } from '@backstage/plugin-catalog-react';
import type { ProductEdge } from '../api';
import type { ViewGraph } from './types';

/**
 * The products within `upstreamDepth` hops upstream and `downstreamDepth`
 * downstream of the roots, over product lineage. Dependencies only declared
 * (not read at run time) are dashed.
 */
export function productNeighbourhood(
  edges: ProductEdge[],
  roots: string[],
  upstreamDepth: number,
  downstreamDepth: number,
  titles: Map<string, string>,
): ViewGraph {
  const reached = new Set(roots);
  const kept = new Map<string, ProductEdge>();
  const walk = (depth: number, forward: boolean) => {
    let frontier = roots;
    const seen = new Set(roots);
    for (let hop = 0; hop < depth && frontier.length; hop++) {
      const next: string[] = [];
      const current = new Set(frontier);
      for (const edge of edges) {
        const [from, to] = forward
          ? [edge.source, edge.target]
          : [edge.target, edge.source];
        if (!current.has(from)) continue;
        kept.set(`${edge.source}>${edge.target}`, edge);
        reached.add(to);
        if (!seen.has(to)) {
          seen.add(to);
          next.push(to);
        }
      }
      frontier = next;
    }
  };
  walk(downstreamDepth, true);
  walk(upstreamDepth, false);
  const labels = productLabels([...reached], titles);
  return {
    nodes: [...reached].map(ref => ({
      id: ref,
      kind: 'product' as const,
      label: labels.get(ref)!,
      detail: ref,
      root: roots.includes(ref),
    })),
    edges: [...kept.values()].map(edge => ({
      source: edge.source,
      target: edge.target,
      dashed: !edge.observed,
    })),
  };
}

/**
 * Each product's title, or else its name with its namespace unless that is
 * the default one (as the catalog humanizes a ref), so that products of one
 * name in two namespaces look apart. A title two products share is followed
 * by each one's ref.
 */
function productLabels(
  refs: string[],
  titles: Map<string, string>,
): Map<string, string> {
  const named = refs.map(ref => {
    const entityRef = parseEntityRef(ref);
    const humanized = humanizeEntityRef(entityRef, {
      defaultKind: 'dataproduct',
    });
    // The lineage backend titles an untitled product by its name.
    const title = titles.get(ref);
    const label = title && title !== entityRef.name ? title : humanized;
    return { ref, label, humanized };
  });
  const counts = new Map<string, number>();
  named.forEach(({ label }) => counts.set(label, (counts.get(label) ?? 0) + 1));
  return new Map(
    named.map(({ ref, label, humanized }) => [
      ref,
      counts.get(label)! > 1 ? `${label} (${humanized})` : label,
    ]),
  );
}
