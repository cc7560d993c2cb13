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
  return {
    nodes: [...reached].map(ref => ({
      id: ref,
      kind: 'product' as const,
      label: titles.get(ref) ?? ref.replace(/^[^/]*\//, ''),
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
