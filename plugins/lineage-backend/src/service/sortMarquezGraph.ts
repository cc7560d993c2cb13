import type { MarquezLineageNode } from '@meshwork/plugin-lineage-common';

/** Java's `String.compareTo`: by UTF-16 code units, as `<` compares. */
function byCodeUnits(a: string, b: string) {
  if (a < b) return -1;
  return a > b ? 1 : 0;
}

type Edge = MarquezLineageNode['inEdges'][number];

function byOriginThenDestination(a: Edge, b: Edge) {
  return (
    byCodeUnits(a.origin, b.origin) || byCodeUnits(a.destination, b.destination)
  );
}

/**
 * The nodes in Marquez's order (`Lineage.withSortedNodes`): by id, and each
 * node's edges by origin, then destination, so that a client that diffs
 * answers or takes the first node sees what Marquez would give it.
 */
export function sortMarquezGraph(
  nodes: Iterable<MarquezLineageNode>,
): MarquezLineageNode[] {
  return [...nodes]
    .map(node => ({
      ...node,
      inEdges: [...node.inEdges].sort(byOriginThenDestination),
      outEdges: [...node.outEdges].sort(byOriginThenDestination),
    }))
    .sort((a, b) => byCodeUnits(a.id, b.id));
}
