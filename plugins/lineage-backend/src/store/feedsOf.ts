import { Knex } from 'knex';
import { Named } from './facetValues';
import { ImmutableRowCache } from './ImmutableRowCache';
import { ReadWindow } from './ReadWindow';
import { Key, keyOf } from './keyOf';
import { neighbours } from './neighbours';
import { nodeNames } from './nodeNames';
import { PortWrite } from './PortWrite';
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
 * that product's, and its blast radius). Current edges only, as
 * searchWrites reads; all lists in one walk, a query or two per hop, in id
 * order, so that where MAX_FEED_READS cuts it is the same every time;
 * `cut` when it did.
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
  let frontier = new Map<number, Set<number>>();
  starts.forEach((datasets, i) => datasets.forEach(d => reach(frontier, d, i)));
  for (let hop = 0; hop < MAX_FEED_HOPS && frontier.size > 0; hop++) {
    // What the last hop's jobs write is not read: reaching it cuts nothing.
    const last = hop === MAX_FEED_HOPS - 1;
    const datasets = [...frontier.keys()].sort((a, b) => a - b);
    const pairs = await neighbours(db, 'in', datasets, undefined, {
      of: datasets,
      into: jobEdges,
      edges: { window },
    });
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
