import type { MarquezLineageNode } from '@meshwork/plugin-lineage-common';
import { compareCodeUnits } from '../compareCodeUnits';

type Edge = MarquezLineageNode['inEdges'][number];

function byOriginThenDestination(a: Edge, b: Edge) {
  return (
    compareCodeUnits(a.origin, b.origin) ||
    compareCodeUnits(a.destination, b.destination)
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
    .sort((a, b) => compareCodeUnits(a.id, b.id));
}
