import type { LineageGraph } from '@meshwork/plugin-lineage-common';
import type { DatasetOwner } from '../api';
import type { ViewGraph, ViewNode } from './types';

const keyOf = (namespace: string, name: string) => `${namespace}\u0000${name}`;

/**
 * Datasets and jobs as view nodes, each labelled with its data product: a
 * dataset's is the product with it as an output port, a job's the product
 * whose dataset it writes, else the product naming it, or its parent (an
 * Airflow DAG of a task), in `declaredJobs` by `job:` node id: a job
 * writing no port (an export) is the product's all the same.
 */
export function toViewGraph(
  graph: LineageGraph,
  owners: DatasetOwner[],
  declaredJobs: ReadonlyMap<
    string,
    NonNullable<ViewNode['product']>
  > = new Map(),
): ViewGraph {
  const ownerOf = new Map(owners.map(o => [keyOf(o.namespace, o.name), o]));
  const productOf = new Map<string, ViewNode['product']>();
  for (const node of graph.nodes) {
    const owner =
      node.type === 'dataset' && ownerOf.get(keyOf(node.namespace, node.name));
    if (owner) {
      productOf.set(node.id, {
        entityRef: owner.product.entityRef,
        title: owner.product.title,
      });
    }
  }
  for (const edge of graph.edges) {
    const product = productOf.get(edge.target);
    if (product && edge.source.startsWith('job:')) {
      productOf.set(edge.source, product);
    }
  }
  for (const node of graph.nodes) {
    const declared =
      node.type === 'job' &&
      (declaredJobs.get(node.id) ??
        (node.parent ? declaredJobs.get(node.parent) : undefined));
    if (declared && !productOf.has(node.id)) productOf.set(node.id, declared);
  }
  return {
    nodes: graph.nodes.map(node => ({
      id: node.id,
      kind: node.type,
      label: node.name,
      detail: node.namespace,
      product: productOf.get(node.id),
      root: node.depth === 0,
      ...(node.marquezType ? { marquezType: node.marquezType } : {}),
      ...(node.type === 'job' && node.parent ? { parent: node.parent } : {}),
    })),
    edges: graph.edges.map(({ source, target }) => ({ source, target })),
  };
}
