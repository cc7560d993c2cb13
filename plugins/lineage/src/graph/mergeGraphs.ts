import type { LineageGraph } from '@meshwork/plugin-lineage-common';

/**
 * The union of lineage graphs, nodes keeping their smallest depth, cut at
 * `maxNodes` (later graphs' new nodes are dropped first, with `truncated`).
 * `expansions`, graphs around nodes already shown, come last and root
 * nothing: their own root, at depth 0 in them, counts as depth 1 at least.
 */
export function mergeGraphs(
  roots: LineageGraph[],
  maxNodes: number,
  expansions: LineageGraph[] = [],
): LineageGraph {
  const graphs = [
    ...roots,
    ...expansions.map(graph => ({
      ...graph,
      nodes: graph.nodes.map(node => ({
        ...node,
        depth: Math.max(1, node.depth),
      })),
    })),
  ];
  const nodes = new Map<string, LineageGraph['nodes'][number]>();
  const edges = new Map<string, LineageGraph['edges'][number]>();
  let truncated = false;
  for (const graph of graphs) {
    truncated = truncated || graph.truncated;
    for (const node of graph.nodes) {
      const known = nodes.get(node.id);
      if (known) {
        if (node.depth < known.depth) nodes.set(node.id, node);
      } else if (nodes.size < maxNodes) {
        nodes.set(node.id, node);
      } else {
        truncated = true;
      }
    }
    for (const edge of graph.edges) {
      if (nodes.has(edge.source) && nodes.has(edge.target)) {
        edges.set(`${edge.source}>${edge.target}`, edge);
      }
    }
  }
  return {
    root: roots[0]?.root ?? '',
    nodes: [...nodes.values()],
    edges: [...edges.values()],
    truncated,
  };
}
