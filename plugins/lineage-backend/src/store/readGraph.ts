import { Knex } from 'knex';
import { Named } from './facetValues';
import { ImmutableRowCache } from './ImmutableRowCache';
import { ReadWindow } from './ReadWindow';
import { idOf, isDataset, Key, keyOf } from './keyOf';
import { JobEdges, jobsMissingEdges, loadJobEdges } from './loadJobEdges';
import { neighbours } from './neighbours';
import { SymlinkFold, symlinkFolds } from './symlinkFolds';
import { symlinksExist, symlinksKnown } from './symlinksExist';
import { selfAndChildJobs } from './selfAndChildJobs';
import { FoldedNodes } from './FoldedNodes';
import { GraphNames, graphNames, toGraph } from './toGraph';
import { isPostgres } from './tables';
import type { GraphQuery } from './GraphQuery';
import type { StoredGraph } from './StoredGraph';

/**
 * Past a graph's node cap, of how many jobs a level leaves out the edges
 * are read, to tell whether one of them is current (see readGraph).
 */
const MAX_EDGE_READS_PAST_CAP = 100;

/** The graph around a node; `ids` maps each node id to its row id. */
export async function readGraph(
  db: Knex,
  namesByKey: ImmutableRowCache<Key, Named>,
  readWindow: () => ReadWindow,
  query: GraphQuery,
): Promise<StoredGraph> {
  const rootKey = keyOf(query.root.type, query.root.id);
  const hops = new Map<Key, number>([[rootKey, 0]]);
  let truncated = false;
  if (query.children && query.root.type === 'job') {
    const { families, cut } = await selfAndChildJobs(
      db,
      [query.root.id],
      query.asOf,
    );
    truncated = cut;
    // By id, so that a cap keeps the same ones every time.
    const children = families.get(query.root.id)!.sort((a, b) => a - b);
    for (const child of children) {
      if (hops.has(-child)) continue;
      if (hops.size >= query.maxNodes) {
        truncated = true;
        break;
      }
      hops.set(-child, 0);
    }
  }
  const roots = [...hops.keys()];
  // Each edge once, in the order found: targets by source, and the list.
  const edgeTargets = new Map<Key, Set<Key>>();
  const edges: Array<[Key, Key]> = [];
  const addEdge = (source: Key, target: Key) => {
    let targets = edgeTargets.get(source);
    if (!targets) {
      targets = new Set();
      edgeTargets.set(source, targets);
    }
    if (targets.has(target)) return;
    targets.add(target);
    edges.push([source, target]);
  };
  // Worked out once, so that every level is judged by the same clock.
  const window = query.edges === 'current' ? readWindow() : undefined;
  const edgesAsOf = { window, asOf: query.asOf };
  // Each job's edges (current ones only, if asked): those of the walk's
  // direction, or both.
  const jobEdges = new Map<number, JobEdges>();
  const shownAs = { parents: query.parents, asOf: query.asOf };
  const postgres = isPostgres(db);
  let named: Promise<GraphNames> | undefined;
  // A dataset one with others through `symlinks` facets (see symlinkFolds)
  // is one node: the root when it is one of them, else their primary.
  // Each dataset's fold is looked up when it is first walked from, beside
  // the level's own query.
  const foldedNodes = new FoldedNodes(rootKey);
  const { nodeOf } = foldedNodes;
  // Known, or asked beside the first level's query.
  let symlinks: boolean | Promise<boolean> =
    symlinksKnown(db) ?? symlinksExist(db);
  // Should the walk fail first, its error is the one thrown.
  if (typeof symlinks !== 'boolean') symlinks.catch(() => {});
  for (const direction of ['downstream', 'upstream'] as const) {
    const depth =
      direction === 'downstream' ? query.downstreamDepth : query.upstreamDepth;
    if (depth <= 0) continue;
    const lastWalk = direction === 'upstream' || query.upstreamDepth <= 0;
    // From a dataset: downstream the jobs reading it, upstream those
    // writing it; from a job the other way round.
    const fromDataset = direction === 'downstream' ? 'in' : 'out';
    const fromJob = direction === 'downstream' ? 'out' : 'in';
    // Hops in this direction: a node reached both ways is walked in each
    // by its own distance, and shown at the nearer.
    const walked = new Map<Key, number>(roots.map(key => [key, 0]));
    // The datasets whose pairs this direction has read.
    const paired = new Set<number>();
    let frontier: Key[] = roots.map(nodeOf);
    while (frontier.length > 0) {
      const next: Key[] = [];
      const jobs = frontier.filter(k => !isDataset(k)).map(idOf);
      const datasets = frontier.filter(isDataset);
      // Those short of the depth, whose jobs the walk may show anew.
      const walkedOn = datasets.filter(dataset => walked.get(dataset)! < depth);
      const atRim = jobs.length === 0 && walkedOn.length === 0;
      if (
        postgres &&
        lastWalk &&
        !named &&
        (atRim || hops.size >= query.maxNodes)
      ) {
        // No node is shown anew: on Postgres, the names are read meanwhile,
        // on connections of their own, not after the walk (SQLite has one).
        // Awaited by toGraph; should the walk fail first, its error is the
        // one thrown.
        named = graphNames(db, namesByKey, [...hops.keys()], shownAs);
        named.catch(() => {});
      }
      await loadJobEdges(db, jobs, jobEdges, {
        ...edgesAsOf,
        only: fromJob,
      });
      // The edges of the jobs the next level may walk come in the same
      // query: a round trip less per level, which on Postgres is a good
      // part of a walk's time.
      const toJobs =
        // From datasets at the depth, no job is shown anew: only the edges
        // to those shown are drawn, and the rest (on a wide graph, most of
        // the last level's pairs) need not be read.
        datasets.length > 0 && walkedOn.length === 0
          ? [...hops.keys()].filter(key => !isDataset(key)).map(idOf)
          : undefined;
      const pairsOf = (
        ids: number[],
        walkedOnIds: number[],
        linkable?: { of: number[]; into: Set<number> },
      ) => {
        ids.forEach(id => paired.add(id));
        return neighbours(
          db,
          fromDataset,
          ids,
          query.asOf,
          {
            of: hops.size < query.maxNodes ? walkedOnIds : [],
            into: jobEdges,
            edges: window ? edgesAsOf : { ...edgesAsOf, only: fromJob },
          },
          toJobs,
          linkable,
        );
      };
      // A node folded from several datasets walks on from all of them.
      const expand = (keys: Key[]) => foldedNodes.membersOf(keys);
      // Whether a dataset may fold with others comes with its pairs, once
      // the database is known to hold symlinks. One at the depth is left
      // as reached: the walk goes no further from it, and the last level
      // is the widest.
      const unfolded =
        symlinks === false
          ? []
          : walkedOn.filter(id => !foldedNodes.lookedUp.has(id));
      const hinted = symlinks === true;
      if (hinted) unfolded.forEach(id => foldedNodes.lookedUp.add(id));
      const linked = new Set<number>();
      let fromDatasets = await pairsOf(
        expand(datasets),
        expand(walkedOn),
        hinted ? { of: unfolded, into: linked } : undefined,
      );
      if (typeof symlinks !== 'boolean') {
        symlinks = await symlinks;
        if (symlinks) unfolded.forEach(id => linked.add(id));
        unfolded.forEach(id => foldedNodes.lookedUp.add(id));
      }
      const found =
        linked.size === 0
          ? new Map<number, SymlinkFold>()
          : await symlinkFolds(db, [...linked], query.asOf);
      if (found.size > 0) {
        // Each fold's datasets walk on as one, from the nearest of them:
        // the others' pairs are read too.
        for (const fold of found.values()) {
          const { node, joined } = foldedNodes.join(fold);
          // Shown or walked already, each is the node it folded into.
          for (const from of joined) {
            for (const at of [hops, walked]) {
              const hopsOf = at.get(from);
              if (hopsOf === undefined) continue;
              at.delete(from);
              at.set(node, Math.min(hopsOf, at.get(node) ?? hopsOf));
              // Names read already lack the node it became.
              named = undefined;
            }
          }
        }
        const members = [
          ...new Set([...found.values()].flatMap(fold => fold.members)),
        ].filter(id => !paired.has(id));
        fromDatasets = [
          ...fromDatasets,
          ...(await pairsOf(
            members,
            members.filter(id => walked.get(nodeOf(id))! < depth),
          )),
        ];
      }
      if (window) {
        // Whether a job's edge is current is known from all its edges,
        // read for the jobs that may be shown: within the depth and the
        // cap. Past the cap, those of a few jobs not shown are read, to
        // tell whether any current edge was left out; of more, one is
        // taken to be.
        const candidates = fromDatasets
          .filter(([dataset]) => walked.get(nodeOf(dataset))! < depth)
          .map(([, job]) => job);
        if (hops.size < query.maxNodes) {
          await loadJobEdges(db, candidates, jobEdges, edgesAsOf);
        } else {
          const unread = jobsMissingEdges(
            candidates.filter(job => !hops.has(-job)),
            jobEdges,
            edgesAsOf,
          );
          if (unread.length > MAX_EDGE_READS_PAST_CAP) {
            truncated = true;
          } else {
            await loadJobEdges(db, unread, jobEdges, edgesAsOf);
          }
        }
        fromDatasets = fromDatasets.filter(([dataset, job]) =>
          jobEdges.get(job)?.[fromDataset]?.has(dataset),
        );
      }
      // Each edge as two keys in a row, from and to.
      const reached: Key[] = [];
      for (const [dataset, job] of fromDatasets) {
        reached.push(nodeOf(dataset), -job);
      }
      for (const job of jobs) {
        for (const dataset of jobEdges.get(job)![fromJob]!) {
          reached.push(-job, nodeOf(dataset));
        }
      }
      for (let i = 0; i < reached.length; i += 2) {
        const from = reached[i];
        const to = reached[i + 1];
        const fromHops = walked.get(from)!;
        const toHops = isDataset(to) ? fromHops : fromHops + 1;
        const withinDepth = toHops <= depth;
        const shown = hops.get(to);
        if (shown === undefined) {
          if (!withinDepth) continue;
          if (hops.size >= query.maxNodes) {
            truncated = true;
            continue;
          }
          hops.set(to, toHops);
        } else if (toHops < shown) {
          hops.set(to, toHops);
        }
        // An edge from a node walked to a node shown is drawn, whatever
        // the depth of the latter.
        if (direction === 'downstream') addEdge(from, to);
        else addEdge(to, from);
        if (withinDepth && !walked.has(to)) {
          walked.set(to, toHops);
          next.push(to);
        }
      }
      frontier = next;
    }
  }
  if (query.upstreamDepth > 0 && query.downstreamDepth > 0) {
    // Each walk finds only the edges pointing its own way: one between a
    // node reached upstream and one reached downstream (another input of
    // a job downstream, say) neither walk followed.
    const shownJobs = [...hops.keys()].filter(k => !isDataset(k)).map(idOf);
    await loadJobEdges(db, shownJobs, jobEdges, edgesAsOf);
    for (const job of shownJobs) {
      const edgesOfJob = jobEdges.get(job)!;
      for (const dataset of edgesOfJob.in!) {
        if (hops.has(nodeOf(dataset))) addEdge(nodeOf(dataset), -job);
      }
      for (const dataset of edgesOfJob.out!) {
        if (hops.has(nodeOf(dataset))) addEdge(-job, nodeOf(dataset));
      }
    }
  }
  // An edge drawn before its dataset was found to fold is drawn to the
  // node it folded into, once.
  const drawn = foldedNodes.none
    ? edges
    : [
        ...new Map(
          edges.map(([source, target]) => {
            const edge = [nodeOf(source), nodeOf(target)];
            return [edge.join(' '), edge as [Key, Key]];
          }),
        ).values(),
      ];
  return toGraph(db, namesByKey, query.root, hops, drawn, truncated, {
    ...shownAs,
    named,
    types: query.types,
    alsoKnownAs: foldedNodes.none ? undefined : foldedNodes.othersOf(hops),
  });
}
