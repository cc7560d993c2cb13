import { Knex } from 'knex';
import { chunks, idsIn, isPostgres } from './tables';
import { Named } from './facetValues';
import { ImmutableRowCache } from './ImmutableRowCache';
import { ReadWindow } from './ReadWindow';
import { idOf, isDataset, Key } from './keyOf';
import { JobEdges, loadJobEdges } from './loadJobEdges';
import { readInParts } from './readInParts';
import { FoldedNodes } from './FoldedNodes';
import { latestJobOf } from './latestJobOf';
import { SymlinkFold, symlinkFolds } from './symlinkFolds';
import { symlinksExist, symlinksKnown } from './symlinksExist';
import { toGraph } from './toGraph';
import type { ResolvedNode } from './ResolvedNode';
import type { StoredGraph } from './StoredGraph';

/** A node to read Marquez's graph around, how far, and which edges. */
export type MarquezGraphQuery = {
  root: ResolvedNode;
  depth: number;
  maxNodes: number;
  edges?: 'current' | 'all';
};

/**
 * Marquez's graph (`GET /api/v1/lineage`): from a job, or a dataset's
 * latest writer (else its latest reader), every job within `depth` hops
 * through a dataset either reads or writes, whichever way the data flows,
 * and every dataset those jobs read and write. A dataset no job reads or
 * writes now is shown alone. `jobDatasets`: what each job shown reads and
 * writes, by the edges walked. `primaries`: the primary of each dataset
 * node named after another of a table's names, whose data Marquez shows.
 */
export async function readMarquezGraph(
  db: Knex,
  namesByKey: ImmutableRowCache<Key, Named>,
  readWindow: () => ReadWindow,
  query: MarquezGraphQuery,
): Promise<
  StoredGraph & {
    jobDatasets: Map<number, JobEdges>;
    primaries: Map<number, number>;
  }
> {
  const { root, depth, maxNodes } = query;
  const hops = new Map<Key, number>();
  let truncated = false;
  const show = (key: Key, level: number) => {
    if (hops.has(key)) return false;
    if (hops.size >= maxNodes) {
      truncated = true;
      return false;
    }
    hops.set(key, level);
    return true;
  };
  const window = query.edges === 'current' ? readWindow() : undefined;
  const jobEdges = new Map<number, JobEdges>();
  // A dataset one with others through `symlinks` facets (see symlinkFolds)
  // is one node, as Marquez stores a symlinked name as its primary
  // dataset: the root when it is one of them, else the primary. Each
  // dataset's fold is looked up beside the query that walks on from it.
  const rootKey = root.type === 'job' ? -root.id : root.id;
  const foldedNodes = new FoldedNodes(rootKey);
  const { nodeOf } = foldedNodes;
  // A node not named after its fold's primary, and that primary.
  const primaryOf = new Map<number, number>();
  const fold = (folds: Map<number, SymlinkFold>) => {
    const members: number[] = [];
    for (const [id, found] of folds) {
      members.push(...found.members.filter(member => member !== id));
      const { node: into, joined } = foldedNodes.join(found);
      // Shown already, each is the node it folded into.
      for (const from of joined) {
        const level = hops.get(from);
        if (level === undefined) continue;
        hops.delete(from);
        hops.set(into, Math.min(level, hops.get(into) ?? level));
      }
      if (into !== found.primary) primaryOf.set(into, found.primary);
      else primaryOf.delete(into);
    }
    return [...new Set(members)];
  };
  // Known, or asked beside the first query: with none, none is looked up.
  const symlinks = symlinksKnown(db) ?? symlinksExist(db);
  if (typeof symlinks !== 'boolean') symlinks.catch(() => {});
  const lookUpFolds = async (datasets: number[]) => {
    if (!(await symlinks)) return new Map<number, SymlinkFold>();
    const unfolded = datasets.filter(id => !foldedNodes.lookedUp.has(id));
    unfolded.forEach(id => foldedNodes.lookedUp.add(id));
    return symlinkFolds(db, unfolded);
  };
  const datasetsOf = (job: number) =>
    datasetsOfJob(jobEdges.get(job)!).map(nodeOf);
  let start: number | undefined;
  if (root.type === 'job') {
    start = root.id;
  } else {
    const [latest, folds] = await Promise.all([
      latestJobOf(db, [root.id]),
      lookUpFolds([root.id]),
    ]);
    const members = fold(folds);
    start =
      members.length === 0
        ? latest
        : await latestJobOf(db, [root.id, ...members]);
  }
  let frontier = start === undefined ? [] : [start];
  await loadJobEdges(db, frontier, jobEdges, { window });
  // As Marquez answers, a dataset its job no longer reads nor writes
  // comes alone.
  if (root.type === 'dataset') {
    frontier = frontier.filter(job => datasetsOf(job).includes(root.id));
    show(root.id, 0);
  }
  frontier = frontier.filter(job => show(-job, 0));
  const expanded = new Set<number>();
  for (let level = 0; frontier.length > 0; level++) {
    await loadJobEdges(db, frontier, jobEdges, { window });
    // Each dataset once, by id, so that a cap keeps the same ones.
    const datasets = [...new Set(frontier.flatMap(datasetsOf))]
      .filter(dataset => !expanded.has(dataset))
      .sort((a, b) => a - b);
    for (const dataset of datasets) {
      expanded.add(dataset);
      show(dataset, level);
    }
    // Full and cut already: nothing more can be shown.
    if (level === depth || (truncated && hops.size >= maxNodes)) break;
    const sharing = (ids: number[]) =>
      jobsSharing(
        db,
        // A node folded from several datasets leads on from all of them.
        foldedNodes.membersOf(ids),
        job => !hops.has(-job),
        maxNodes - hops.size,
        jobEdges,
        window,
      );
    const [folds, own] = await Promise.all([
      lookUpFolds(datasets),
      sharing(datasets),
    ]);
    // Found to fold with others only now: their jobs are read too.
    const next =
      fold(folds).length === 0
        ? own
        : await sharing([...new Set(datasets.map(nodeOf))]);
    if (next.cut) truncated = true;
    frontier = next.jobs.filter(job => show(-job, level + 1));
  }
  const edges: Array<[Key, Key]> = [];
  const drawn = new Set<string>();
  const draw = (source: Key, target: Key) => {
    const edge = `${source} ${target}`;
    if (drawn.has(edge)) return;
    drawn.add(edge);
    edges.push([source, target]);
  };
  for (const [key] of hops) {
    if (isDataset(key)) continue;
    const { in: reads, out: writes } = jobEdges.get(idOf(key))!;
    for (const dataset of reads!) {
      if (hops.has(nodeOf(dataset))) draw(nodeOf(dataset), key);
    }
    for (const dataset of writes!) {
      if (hops.has(nodeOf(dataset))) draw(key, nodeOf(dataset));
    }
  }
  const graph = await toGraph(db, namesByKey, root, hops, edges, truncated, {
    parents: true,
  });
  // A job reads and writes a folded dataset as the node it folded into.
  const jobDatasets = foldedNodes.none
    ? jobEdges
    : new Map(
        [...jobEdges].map(([job, { in: reads, out: writes }]) => [
          job,
          {
            in: new Set([...reads!].map(nodeOf)),
            out: new Set([...writes!].map(nodeOf)),
          },
        ]),
      );
  return { ...graph, jobDatasets, primaries: primaryOf };
}

/**
 * Of the jobs reading or writing `datasets` now (any time with no
 * `window`), those `isNew` takes, by id, at most `room`; `cut` when there
 * were more. Their edges are read a part at a time, only until one more
 * job than fits is found: a table read by 50,000 jobs costs a part, not
 * all their edges.
 */
async function jobsSharing(
  db: Knex,
  datasets: number[],
  isNew: (job: number) => boolean,
  room: number,
  jobEdges: Map<number, JobEdges>,
  window: ReadWindow | undefined,
): Promise<{ jobs: number[]; cut: boolean }> {
  const rows: Array<{ job_id: number }> = await readInParts(
    db,
    datasets,
    part =>
      db('lineage_io')
        .distinct('job_id')
        .where(idsIn(isPostgres(db), 'dataset_id', part)),
  );
  const candidates = [...new Set(rows.map(row => row.job_id))]
    .filter(isNew)
    .sort((a, b) => a - b);
  const shared = new Set(datasets);
  const jobs: number[] = [];
  // A full graph needs but one job to know it is cut.
  for (const part of chunks(candidates, Math.min(500, room + 1))) {
    await loadJobEdges(db, part, jobEdges, { window });
    for (const job of part) {
      // Only a job's current reads and writes count, as Marquez's current
      // job versions do: a table it no longer touches leads nowhere.
      const datasetsOfCandidate = datasetsOfJob(jobEdges.get(job)!);
      if (!datasetsOfCandidate.some(dataset => shared.has(dataset))) continue;
      if (jobs.length >= room) return { jobs, cut: true };
      jobs.push(job);
    }
  }
  return { jobs, cut: false };
}

/** What a job reads and writes, both ways read. */
function datasetsOfJob(edges: JobEdges): number[] {
  return [...edges.in!, ...edges.out!];
}
