import { Knex } from 'knex';
import { Named } from './facetValues';
import { ImmutableRowCache } from './ImmutableRowCache';
import { ReadWindow } from './ReadWindow';
import { Key, keyOf } from './keyOf';
import { neighbours } from './neighbours';
import { nodeNames } from './nodeNames';
import { PortWrite } from './PortWrite';
import { symlinkFolds } from './symlinkFolds';
import { symlinksKnown } from './symlinksExist';
import type { JobEdges } from './loadJobEdges';

/**
 * How far downstream a product search follows a job or table writing no
 * port (an extract task and its staging table, say), in jobs, and how many
 * tables it reads on the way at most.
 */
const MAX_FEED_HOPS = 3;
/** A table reached from two starting lists counts twice. */
const MAX_FEED_READS = 500;

/**
 * For each list of starting datasets, the ports among `outputsIn` they
 * feed: written by a job reading one of them, or by one reading what such
 * a job writes, up to MAX_FEED_HOPS jobs downstream. A path ends at the
 * first job writing a port (what lies past it, its other tables too, is
 * that product's, and its blast radius). A table known by several
 * datasets' names through `symlinks` facets (see symlinkFolds) is one: a
 * job reading any of its names reads it (Spark writes a table's files by
 * path, its readers name the Hive table), each name a table read. Current
 * edges only, as searchWrites reads; all lists in one walk, a query or two
 * per hop (more where a table has other names, to find them), in id order,
 * so that where MAX_FEED_READS cuts it is the same every time; `cut` when
 * it did.
 */
export async function feedsOf(
  db: Knex,
  namesByKey: ImmutableRowCache<Key, Named>,
  starts: number[][],
  outputsIn: Set<number>,
  { jobEdges, window }: { jobEdges: Map<number, JobEdges>; window: ReadWindow },
): Promise<{ feeds: PortWrite[][]; cut: boolean }> {
  const found = starts.map(() => new Map<string, [number, number]>());
  // The starting lists reaching each dataset, ever and in the frontier.
  const visited = new Map<number, Set<number>>();
  let reads = 0;
  let cut = false;
  const reach = (into: Map<number, Set<number>>, id: number, from: number) => {
    if (visited.get(id)?.has(from)) return;
    if (reads >= MAX_FEED_READS) {
      cut = true;
      return;
    }
    reads++;
    for (const lists of [visited, into]) {
      lists.set(id, (lists.get(id) ?? new Set<number>()).add(from));
    }
  };
  // The datasets of each one's fold (see symlinkFolds), once looked up:
  // none for one that is a table of its own.
  const foldOf = new Map<number, number[]>();
  const readersOf = (
    datasets: number[],
    symlinks?: { of: number[]; into: Set<number> },
  ) =>
    neighbours(
      db,
      'in',
      datasets,
      undefined,
      { of: datasets, into: jobEdges, edges: { window } },
      undefined,
      symlinks,
    );
  let frontier = new Map<number, Set<number>>();
  starts.forEach((datasets, i) => datasets.forEach(d => reach(frontier, d, i)));
  for (let hop = 0; hop < MAX_FEED_HOPS && frontier.size > 0; hop++) {
    // What the last hop's jobs write is not read: reaching it cuts nothing.
    const last = hop === MAX_FEED_HOPS - 1;
    const datasets = [...frontier.keys()].sort((a, b) => a - b);
    const unfolded = datasets.filter(id => !foldOf.has(id));
    unfolded.forEach(id => foldOf.set(id, []));
    // Whether a dataset may be one table with others comes with its
    // readers, in the same query; a store known to hold no symlink is not
    // asked.
    const linked = new Set<number>();
    const pairs = await readersOf(
      datasets,
      symlinksKnown(db) === false ? undefined : { of: unfolded, into: linked },
    );
    if (linked.size > 0) {
      for (const fold of (await symlinkFolds(db, [...linked])).values()) {
        // In id order, as the frontier is, for where a cap cuts.
        const members = [...fold.members].sort((a, b) => a - b);
        members.forEach(id => foldOf.set(id, members));
      }
    }
    // A table's other names are read by the lists reaching it, as it is.
    const others = new Map<number, Set<number>>();
    for (const dataset of datasets) {
      for (const member of foldOf.get(dataset)!) {
        for (const from of frontier.get(dataset)!) reach(others, member, from);
      }
    }
    // Their readers, of those the hop's query did not read.
    const unread: number[] = [];
    for (const [id, from] of others) {
      if (!frontier.has(id)) unread.push(id);
      frontier.set(id, new Set([...(frontier.get(id) ?? []), ...from]));
    }
    if (unread.length > 0) {
      pairs.push(...(await readersOf(unread.sort((a, b) => a - b))));
    }
    pairs.sort(([d1, j1], [d2, j2]) => d1 - d2 || j1 - j2);
    const next = new Map<number, Set<number>>();
    for (const [dataset, job] of pairs) {
      // Read now, not only once.
      if (!jobEdges.get(job)?.in?.has(dataset)) continue;
      const written = [...jobEdges.get(job)!.out!].sort((a, b) => a - b);
      const ports = written.filter(id => outputsIn.has(id));
      for (const from of frontier.get(dataset)!) {
        for (const port of ports) {
          found[from].set(`${job}:${port}`, [job, port]);
        }
        if (ports.length === 0 && !last) {
          written.forEach(id => reach(next, id, from));
        }
      }
    }
    frontier = next;
  }
  const jobs = found.flatMap(writes => [...writes.values()].map(([j]) => j));
  const names = await nodeNames(
    db,
    namesByKey,
    jobs.map(job => keyOf('job', job)),
  );
  const feeds: PortWrite[][] = found.map(writes =>
    [...writes.values()].map(([job, datasetId]) => ({
      job: names.get(keyOf('job', job))!,
      datasetId,
      upstream: true,
    })),
  );
  return { feeds, cut };
}
