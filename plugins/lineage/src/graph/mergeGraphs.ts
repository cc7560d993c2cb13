import type { LineageGraph } from '@meshwork/plugin-lineage-common';

type Node = LineageGraph['nodes'][number];

/**
 * The union of lineage graphs, nodes keeping their smallest depth, cut at
 * `maxNodes` (later graphs' new nodes are dropped first, with `truncated`).
 * `expansions`, graphs around nodes already shown, come last and root
 * nothing: their own root, at depth 0 in them, counts as depth 1 at least.
 * A table one graph shows by one name and another by a name joined with it
 * (`alsoKnownAs`) is one node, under the id it was first shown by, its
 * edges drawn to that node, though two graphs showed two of its names apart.
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
  let truncated = false;
  for (const graph of graphs) {
    truncated = truncated || graph.truncated;
    for (const node of graph.nodes) {
      const names = [node.id, ...(node.alsoKnownAs ?? []).map(n => n.id)];
      const matches = new Set(names.map(idOf).filter(id => nodes.has(id)));
      if (matches.size === 0) {
        if (nodes.size < maxNodes) {
          nodes.set(node.id, node);
          node.alsoKnownAs?.forEach(other => shownAs.set(other.id, node.id));
        } else {
          truncated = true;
        }
        continue;
      }
      // Two of its names may be shown apart, both reached at a walk's last
      // level, where the backend does not join names: one node from now,
      // under the id shown first.
      const [id, ...apart] = [...nodes.keys()].filter(known =>
        matches.has(known),
      );
      let known = nodes.get(id)!;
      for (const other of apart) {
        const shownApart = nodes.get(other)!;
        known = withNamesOf(nearest(known, shownApart), shownApart);
        nodes.delete(other);
        // Names shown as the node merged are shown as this one.
        for (const [name, shown] of shownAs) {
          if (shown === other) shownAs.set(name, id);
        }
        shownAs.set(other, id);
      }
      if (!known.alsoKnownAs && !node.alsoKnownAs) {
        if (node.depth < known.depth) nodes.set(node.id, node);
      } else {
        nodes.set(id, withNamesOf(nearest(known, node), node));
        names.forEach(name => shownAs.set(name, id));
      }
    }
  }
  // Through the ids shown once every node is merged: a later graph may have
  // merged an edge's end into another node.
  const edges = new Map<string, LineageGraph['edges'][number]>();
  for (const edge of graphs.flatMap(graph => graph.edges)) {
    const [source, target] = [idOf(edge.source), idOf(edge.target)];
    if (nodes.has(source) && nodes.has(target)) {
      edges.set(`${source}>${target}`, { source, target });
    }
  }
  return {
    root: roots[0]?.root ?? '',
    nodes: [...nodes.values()],
    edges: [...edges.values()],
    truncated,
  };
}

/** `known` at the smaller depth of the two. */
function nearest(known: Node, other: Node): Node {
  return other.depth < known.depth ? { ...known, depth: other.depth } : known;
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
