import type {
  LineageGraph,
  MarquezLineageGraph,
  MarquezLineageNode,
} from '@meshwork/plugin-lineage-common';
import { LineageReader } from '../store/LineageReader';

/**
 * Marquez's `{ graph: [...] }` shape, with each node's current facets, and
 * whether the node cap cut it short.
 */
export async function toMarquezGraph(
  graph: LineageGraph & { ids: Map<string, number> },
  reader: LineageReader,
): Promise<MarquezLineageGraph> {
  const idsOf = (type: 'dataset' | 'job') =>
    graph.nodes.filter(n => n.type === type).map(n => graph.ids.get(n.id)!);
  const datasets = new Map(
    (await reader.datasets(idsOf('dataset'))).map(d => [d.id, d]),
  );
  const jobs = new Map((await reader.jobs(idsOf('job'))).map(j => [j.id, j]));
  const nodes = new Map<string, MarquezLineageNode>();
  for (const node of graph.nodes) {
    const rowId = graph.ids.get(node.id)!;
    const row = node.type === 'dataset' ? datasets.get(rowId) : jobs.get(rowId);
    const schema = row?.facets.schema as { fields?: unknown } | undefined;
    nodes.set(node.id, {
      id: node.id,
      type: node.type === 'dataset' ? 'DATASET' : 'JOB',
      data: {
        id: { namespace: node.namespace, name: node.name },
        type: node.type === 'dataset' ? 'DATASET' : 'JOB',
        namespace: node.namespace,
        name: node.name,
        ...(node.type === 'dataset' ? { fields: schema?.fields ?? [] } : {}),
        updatedAt: row ? new Date(row.updatedAt).toISOString() : undefined,
        facets: row?.facets ?? {},
      },
      inEdges: [],
      outEdges: [],
    });
  }
  for (const { source, target } of graph.edges) {
    const edge = { origin: source, destination: target };
    nodes.get(source)?.outEdges.push(edge);
    nodes.get(target)?.inEdges.push(edge);
  }
  return { graph: [...nodes.values()], truncated: graph.truncated };
}
