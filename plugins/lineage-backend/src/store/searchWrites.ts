import { Knex } from 'knex';
import { chunks } from './tables';
import { Named } from './facetValues';
import { ImmutableRowCache } from './ImmutableRowCache';
import { ReadWindow } from './ReadWindow';
import { Key } from './keyOf';
import { byteOrder } from './byteOrder';
import { containing } from './containing';
import { PortWrite } from './PortWrite';
import { writesOf } from './writesOf';
import { feedsOf } from './feedsOf';
import type { JobEdges } from './loadJobEdges';

/**
 * Of the names a product search finds, how many it looks at for writers
 * that lead to a product, and how many at a time.
 */
const MAX_WRITE_SEARCH_CANDIDATES = 200;
const WRITE_SEARCH_PART = 50;

/**
 * Up to `limit` datasets or jobs whose namespace or name contains `term`
 * (within one of `namespaces`, if given, in any case) and whose writers
 * write some of the datasets `outputsIn`, those named `term` first, each
 * with those writes.
 * A dataset's writers are the jobs writing it; a job's, itself and its
 * child jobs (the tasks of a DAG, say; see selfAndChildJobs). Only current
 * writes count (as with `edges: 'current'`): a job that moved its output
 * no longer leads to the product of the table it wrote before. One whose
 * writers write none of `outputsIn` leads to the ports its writers' tables
 * (or, for a dataset, itself) feed: written by the jobs reading them, or
 * further downstream (see feedsOf), marked `upstream`. Of the names found,
 * the first MAX_WRITE_SEARCH_CANDIDATES are looked at: a term as short as
 * `or` may name most of a warehouse. One of `outputsIn` itself leads to
 * itself alone, through its writers, or through none when no job writes
 * it now (a table loaded without lineage). `partial` when a cap left
 * unread what might have led to more: names past those looked at that
 * the search, short of its limit, would have gone on to, a DAG's tasks
 * (see selfAndChildJobs), or tables downstream (see feedsOf).
 */
export async function searchWrites(
  db: Knex,
  namesByKey: ImmutableRowCache<Key, Named>,
  readWindow: () => ReadWindow,
  type: 'dataset' | 'job',
  term: string,
  options: { limit: number; namespaces?: string[]; outputsIn: number[] },
): Promise<{
  items: Array<Named & { id: number; writes: PortWrite[] }>;
  partial: boolean;
}> {
  const { namespaces } = options;
  const { contains, equals, run } = containing(db, term, ...(namespaces ?? []));
  const limit = Math.max(options.limit, MAX_WRITE_SEARCH_CANDIDATES);
  const named = (table: string, id: string) => {
    const query = db(`${table} as t`)
      .where(builder => contains(contains(builder, 't.name'), 't.namespace'))
      .orderByRaw(`case when ? then 0 else 1 end`, [equals('t.name')])
      .orderByRaw(
        ['t.namespace', 't.name']
          .map(column => byteOrder(db, column))
          .join(', '),
      )
      .select({ id }, 't.namespace', 't.name')
      // One past the cap tells whether it leaves names out.
      .limit(limit + 1);
    return namespaces === undefined
      ? query
      : query.where(builder => {
          for (const namespace of namespaces) {
            builder.orWhere(equals('t.namespace', namespace));
          }
        });
  };
  let candidates: Array<Named & { id: number }> = await run(
    named(type === 'dataset' ? 'lineage_datasets' : 'lineage_jobs', 't.id'),
  );
  // A symlink's name past the cap may name a table no name looked at does.
  let symlinksLeftOut = false;
  if (type === 'dataset') {
    // A table is also known by the names its symlinks give it (the Hive
    // table of files Spark reports by path): on-call types those.
    const symlinked: Array<Named & { id: number }> = await run(
      named('lineage_symlinks', 't.dataset_id'),
    );
    symlinksLeftOut = symlinked.length > limit;
    const known = new Set(candidates.map(c => c.id));
    const lowerTerm = term.toLocaleLowerCase('en-US');
    const isNamed = (c: Named) =>
      c.name.toLocaleLowerCase('en-US') === lowerTerm;
    // Either list's names typed whole first, as each list has them; the
    // name past the cap of either sorts past the first `limit`.
    candidates = [
      ...candidates,
      ...symlinked.filter(c => !known.has(c.id)),
    ].sort((a, b) => Number(isNamed(b)) - Number(isNamed(a)));
  }
  const namesLeftOut = symlinksLeftOut || candidates.length > limit;
  candidates = candidates.slice(0, limit);
  const outputsIn = new Set(options.outputsIn);
  const context = {
    jobEdges: new Map<number, JobEdges>(),
    window: readWindow(),
  };
  const lowerTerm = term.toLocaleLowerCase('en-US');
  const exact = candidates.filter(
    c => c.name.toLocaleLowerCase('en-US') === lowerTerm,
  );
  const partial = candidates.filter(c => !exact.includes(c));
  const leading: Array<Named & { id: number; writes: PortWrite[] }> = [];
  let cut = false;
  // Names past the cap come after the last name looked at, in its list:
  // read, had its list come short of the limit; passed over, else.
  const last = partial.length > 0 ? partial : exact;
  let namesCut = false;
  // Those named `term` first, each with what it feeds if it writes no port.
  for (const nodes of [exact, partial]) {
    if (leading.length >= options.limit) break;
    const found = await leadingOf(
      db,
      namesByKey,
      type,
      nodes,
      outputsIn,
      context,
      {
        limit: options.limit - leading.length,
        part: Math.max(options.limit, WRITE_SEARCH_PART),
      },
    );
    leading.push(...found.leading);
    cut ||= found.cut;
    if (nodes === last) namesCut = namesLeftOut && found.short;
  }
  return { items: leading, partial: cut || namesCut };
}

/**
 * Up to `limit` of `nodes` that lead to a port among `outputsIn`: those
 * whose writers write one, in order, then ports' own tables that no job
 * writes now, then those that feed one, in order. In parts, as a job's
 * writes cost three queries and a walk downstream more: most searches
 * stop at the first, and walk no further. `short` when their writers
 * came short of `limit`: nodes past them would have been read too, and
 * come before the rest; `cut` when a cap left some writers or tables
 * unread.
 */
async function leadingOf(
  db: Knex,
  namesByKey: ImmutableRowCache<Key, Named>,
  type: 'dataset' | 'job',
  nodes: Array<Named & { id: number }>,
  outputsIn: Set<number>,
  context: { jobEdges: Map<number, JobEdges>; window: ReadWindow },
  { limit, part }: { limit: number; part: number },
) {
  const leading: Array<Named & { id: number; writes: PortWrite[] }> = [];
  // After those written: the same table under another id (its files,
  // which a symlink names so) may be, and say by whom.
  const unwritten: typeof leading = [];
  const unled: Array<Named & { id: number; outputs: number[] }> = [];
  let cut = false;
  for (const nodesOfPart of chunks(nodes, part)) {
    if (leading.length >= limit) break;
    const withWrites = await writesOf(
      db,
      namesByKey,
      type,
      nodesOfPart,
      outputsIn,
      context,
    );
    cut ||= withWrites.cut;
    for (const { outputs, ...node } of withWrites.nodes) {
      if (node.writes.some(write => write.job)) leading.push(node);
      else if (node.writes.length > 0) unwritten.push(node);
      else unled.push({ ...node, outputs });
    }
  }
  const short = leading.length < limit;
  leading.push(...unwritten);
  for (const unledOfPart of chunks(unled, part)) {
    if (leading.length >= limit) break;
    const fed = await feedsOf(
      db,
      namesByKey,
      unledOfPart.map(node => node.outputs),
      outputsIn,
      context,
    );
    cut ||= fed.cut;
    unledOfPart.forEach(({ outputs, ...node }, i) => {
      const feeds = fed.feeds[i];
      if (feeds.length > 0) leading.push({ ...node, writes: feeds });
    });
  }
  return { leading: leading.slice(0, limit), short, cut };
}
