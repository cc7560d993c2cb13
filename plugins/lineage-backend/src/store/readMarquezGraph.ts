import { Knex } from 'knex';
import { chunks, idsIn, isPostgres } from './tables';
import { Named } from './facetValues';
import { ImmutableRowCache } from './ImmutableRowCache';
import { ReadWindow } from './ReadWindow';
import { idOf, isDataset, Key } from './keyOf';
import { JobEdges, loadJobEdges } from './loadJobEdges';
import { readInParts } from './readInParts';
import { latestJobOf } from './latestJobOf';
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
 * writes, by the edges walked.
 */
export async function readMarquezGraph(
  db: Knex,
  namesByKey: ImmutableRowCache<Key, Named>,
  readWindow: () => ReadWindow,
  query: MarquezGraphQuery,
): Promise<StoredGraph & { jobDatasets: Map<number, JobEdges> }> {
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
  const datasetsOf = (job: number) => datasetsOfJob(jobEdges.get(job)!);
  const start = root.type === 'job' ? root.id : await latestJobOf(db, root.id);
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
    const next = await jobsSharing(
      db,
      datasets,
      job => !hops.has(-job),
      maxNodes - hops.size,
      jobEdges,
      window,
    );
    if (next.cut) truncated = true;
    frontier = next.jobs.filter(job => show(-job, level + 1));
  }
  const edges: Array<[Key, Key]> = [];
  for (const [key] of hops) {
    if (isDataset(key)) continue;
    const { in: reads, out: writes } = jobEdges.get(idOf(key))!;
    for (const dataset of reads!) {
      if (hops.has(dataset)) edges.push([dataset, key]);
    }
    for (const dataset of writes!) {
      if (hops.has(dataset)) edges.push([key, dataset]);
    }
  }
  const graph = await toGraph(db, namesByKey, root, hops, edges, truncated, {
    parents: true,
  });
  return { ...graph, jobDatasets: jobEdges };
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
