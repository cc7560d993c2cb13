import { parseNodeId } from '@meshwork/plugin-lineage-common';
import type { ViewEdge, ViewGraph, ViewNode } from './types';

/** Whether any job of the graph has a parent job to be grouped under. */
export function hasParentJobs(graph: ViewGraph): boolean {
  return graph.nodes.some(n => n.kind === 'job' && n.parent);
}

/**
 * The graph with the jobs that have a parent job (tasks of a DAG) collapsed
 * into one node for each parent: a job node with the parent's id and name
 * and the tasks' ids in `tasks`. Edges to and from the tasks move to the
 * parent, duplicates merged (dashed only if all merged edges were). Parents
 * in `expanded` keep their tasks.
 */
export function collapseParentJobs(
  graph: ViewGraph,
  expanded: ReadonlySet<string> = new Set(),
): ViewGraph {
  // Collapsed: jobs with a parent, unless expanded or themselves a parent
  // of jobs in the graph (nested DAGs collapse one level, the innermost).
  const parents = new Set(
    graph.nodes.filter(n => n.kind === 'job' && n.parent).map(n => n.parent!),
  );
  const groupOf = new Map<string, string>();
  const tasksOf = new Map<string, ViewNode[]>();
  for (const node of graph.nodes) {
    if (
      node.kind !== 'job' ||
      !node.parent ||
      expanded.has(node.parent) ||
      parents.has(node.id)
    ) {
      continue;
    }
    groupOf.set(node.id, node.parent);
    tasksOf.set(node.parent, [...(tasksOf.get(node.parent) ?? []), node]);
  }
  if (groupOf.size === 0) return graph;

  const byId = new Map(graph.nodes.map(n => [n.id, n]));
  const nodes: ViewNode[] = [];
  const placed = new Set<string>();
  for (const node of graph.nodes) {
    const id = groupOf.get(node.id) ?? node.id;
    if (placed.has(id)) continue;
    placed.add(id);
    const tasks = tasksOf.get(id);
    nodes.push(tasks ? parentNode(id, tasks, byId.get(id)) : node);
  }

  const edges = new Map<string, ViewEdge>();
  for (const edge of graph.edges) {
    const source = groupOf.get(edge.source) ?? edge.source;
    const target = groupOf.get(edge.target) ?? edge.target;
    if (source === target) continue;
    const key = `${source}>${target}`;
    const known = edges.get(key);
    const dashed = known ? Boolean(known.dashed && edge.dashed) : edge.dashed;
    edges.set(key, dashed ? { source, target, dashed } : { source, target });
  }
  return { nodes, edges: [...edges.values()] };
}

/** The node standing for a parent job and its collapsed tasks. */
function parentNode(
  id: string,
  tasks: ViewNode[],
  own: ViewNode | undefined,
): ViewNode {
  const { namespace, name } = own
    ? { namespace: own.detail, name: own.label }
    : nameOf(id, tasks);
  const products = new Set(tasks.map(t => t.product?.entityRef));
  const product =
    own?.product ?? (products.size === 1 ? tasks[0].product : undefined);
  return {
    id,
    kind: 'job',
    label: name,
    detail: namespace,
    ...(product ? { product } : {}),
    root: Boolean(own?.root) || tasks.some(t => t.root),
    ...(own?.marquezType ? { marquezType: own.marquezType } : {}),
    ...(own?.parent ? { parent: own.parent } : {}),
    tasks: [...(own?.tasks ?? []), ...tasks.map(t => t.id)],
  };
}

/**
 * Namespace and name of a job node id the graph does not hold: the reading
 * that puts it in a task's namespace, or else the likeliest one.
 */
function nameOf(id: string, tasks: ViewNode[]) {
  for (const task of tasks) {
    const prefix = `job:${task.detail}:`;
    if (id.startsWith(prefix) && id.length > prefix.length) {
      return { namespace: task.detail, name: id.slice(prefix.length) };
    }
  }
  const candidate = parseNodeId(id)?.candidates[0];
  return candidate
    ? { namespace: candidate.namespace, name: candidate.name }
    : { namespace: '', name: id };
}

/** `3 tasks`, `1 task`. */
export function taskCount(tasks: string[]): string {
  return `${tasks.length} ${tasks.length === 1 ? 'task' : 'tasks'}`;
}
