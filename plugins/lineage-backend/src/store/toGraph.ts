import {
  DatasetName,
  formatNodeId,
  LineageNode,
} from '@meshwork/plugin-lineage-common';
import { Knex } from 'knex';
import { datasetNamesById } from './datasetNames';
import { Named } from './facetValues';
import { ImmutableRowCache } from './ImmutableRowCache';
import { idOf, isDataset, Key } from './keyOf';
import { nodeNames } from './nodeNames';
import { nodeTypes } from './nodeTypes';
import { parentJobs } from './parentJobs';
import type { ResolvedNode } from './ResolvedNode';
import type { StoredGraph } from './StoredGraph';

/** Each node's name, and each job's parent job if asked (see parentJobs). */
export type GraphNames = {
  names: Map<Key, Named>;
  parents: Map<number, Named>;
};

/** The names of the nodes of `keys`, as a graph shows them. */
export async function graphNames(
  db: Knex,
  namesByKey: ImmutableRowCache<Key, Named>,
  keys: Key[],
  options: { parents?: boolean; asOf?: number },
): Promise<GraphNames> {
  const jobKeys = keys.filter(k => !isDataset(k));
  // The latest parents come with the jobs' names, cached (parentJobs).
  const namesWithParents = options.parents && options.asOf === undefined;
  const [names, parents] = await Promise.all([
    nodeNames(db, namesByKey, namesWithParents ? keys.filter(isDataset) : keys),
    options.parents
      ? parentJobs(db, namesByKey, jobKeys.map(idOf), options.asOf)
      : new Map<number, Named>(),
  ]);
  if (namesWithParents) {
    for (const [key, named] of await nodeNames(db, namesByKey, jobKeys)) {
      names.set(key, named);
    }
  }
  return { names, parents };
}

/**
 * The graph of the nodes shown, each at its hops, and their edges; with
 * `named`, their names as read already (see readGraph), else read here.
 * With `types`, each node's Marquez type (see nodeTypes) is read beside
 * the names.
 */
export async function toGraph(
  db: Knex,
  namesByKey: ImmutableRowCache<Key, Named>,
  root: ResolvedNode,
  hops: Map<Key, number>,
  edges: Array<[Key, Key]>,
  truncated: boolean,
  options: {
    parents?: boolean;
    asOf?: number;
    named?: Promise<GraphNames>;
    /** The other datasets each folded node stands for (see FoldedNodes). */
    alsoKnownAs?: Map<Key, Key[]>;
    types?: boolean;
  },
): Promise<StoredGraph> {
  const keys = [...hops.keys()];
  const [{ names, parents }, types] = await Promise.all([
    options.named ?? graphNames(db, namesByKey, keys, options),
    options.types ? nodeTypes(db, keys) : undefined,
  ]);
  const otherNames = options.alsoKnownAs
    ? await nodeNames(db, namesByKey, [
        ...new Set([...options.alsoKnownAs.values()].flat()),
      ])
    : undefined;
  const alsoKnownAs = (key: Key): DatasetName[] | undefined => {
    const others = options.alsoKnownAs?.get(key);
    return others && datasetNamesById(others.map(id => otherNames!.get(id)!));
  };
  const ids = new Map<string, number>();
  const nodeIds = new Map<Key, string>();
  const nodes: LineageNode[] = [...hops].map(([key, depth]) => {
    const { namespace, name } = names.get(key)!;
    const type = isDataset(key) ? 'dataset' : 'job';
    const id = formatNodeId(type, namespace, name);
    ids.set(id, idOf(key));
    nodeIds.set(key, id);
    const parent = type === 'job' ? parents.get(idOf(key)) : undefined;
    const marquezType = types?.get(key)?.marquezType;
    const node: LineageNode = marquezType
      ? { id, type, namespace, name, depth, marquezType }
      : { id, type, namespace, name, depth };
    return parent
      ? { ...node, parent: formatNodeId('job', parent.namespace, parent.name) }
      : withAlsoKnownAs(node, alsoKnownAs(key));
  });
  return {
    root: formatNodeId(root.type, root.namespace, root.name),
    nodes,
    edges: edges.map(([source, target]) => ({
      source: nodeIds.get(source)!,
      target: nodeIds.get(target)!,
    })),
    truncated,
    ids,
    parentJobs: parents,
  };
}

/** A dataset node, with the other names it stands for if it has any. */
function withAlsoKnownAs(
  node: LineageNode,
  others: DatasetName[] | undefined,
): LineageNode {
  return others && others.length > 0 ? { ...node, alsoKnownAs: others } : node;
}
