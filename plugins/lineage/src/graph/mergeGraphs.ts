import type { LineageGraph } from '@meshwork/plugin-lineage-common';

type Node = LineageGraph['nodes'][number];

/**
 * The union of lineage graphs, nodes keeping their smallest depth, cut at
 * `maxNodes` (later graphs' new nodes are dropped first, with `truncated`).
 * `expansions`, graphs around nodes already shown, come last and root
 * nothing: their own root, at depth 0 in them, counts as depth 1 at least.
 * A table one graph shows by one name and another by a name joined with it
 * (`alsoKnownAs`) is one node, under the id it was first shown by, its
 * edges drawn to that node.
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
  const nodes = new Map<string, Node>();
  // The id of the node shown for each id or other name of one, once any
  // graph has shown it by a name joined with others.
  const shownAs = new Map<string, string>();
  const idOf = (id: string) => shownAs.get(id) ?? id;
  const edges = new Map<string, LineageGraph['edges'][number]>();
  let truncated = false;
  for (const graph of graphs) {
    truncated = truncated || graph.truncated;
    for (const node of graph.nodes) {
      const id = [node.id, ...(node.alsoKnownAs ?? []).map(n => n.id)]
        .map(idOf)
        .find(known => nodes.has(known));
      const known = id === undefined ? undefined : nodes.get(id)!;
      if (known && !known.alsoKnownAs && !node.alsoKnownAs) {
        if (node.depth < known.depth) nodes.set(node.id, node);
      } else if (known) {
        const nearer = node.depth < known.depth;
        nodes.set(
          id!,
          withNamesOf(nearer ? { ...known, depth: node.depth } : known, node),
        );
        shownAs.set(node.id, id!);
        node.alsoKnownAs?.forEach(other => shownAs.set(other.id, id!));
      } else if (nodes.size < maxNodes) {
        nodes.set(node.id, node);
        node.alsoKnownAs?.forEach(other => shownAs.set(other.id, node.id));
      } else {
        truncated = true;
      }
    }
    for (const edge of graph.edges) {
      const [source, target] = [idOf(edge.source), idOf(edge.target)];
      if (nodes.has(source) && nodes.has(target)) {
        edges.set(`${source}>${target}`, { source, target });
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

/** `known`, also known by the names `node` is known by, each once. */
function withNamesOf(known: Node, node: Node): Node {
  const names = new Map(
    [
      ...(known.alsoKnownAs ?? []),
      { id: node.id, namespace: node.namespace, name: node.name },
      ...(node.alsoKnownAs ?? []),
    ]
      .filter(other => other.id !== known.id)
      .map(other => [other.id, other]),
  );
  return { ...known, alsoKnownAs: [...names.values()] };
}
