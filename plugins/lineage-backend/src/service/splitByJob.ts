import { groupBy } from '@meshwork/plugin-lineage-common';
import { namedKey } from '../store/facetValues';
import type { StorableEvent } from '../store/StorableEvent';

/** The keys of what an event merges into: its job (or dataset), its run. */
function keysOf(storable: StorableEvent): [string, ...string[]] {
  const { job, dataset, run } = 'event' in storable ? storable.event : storable;
  let owner = '';
  if (job) {
    owner = `job\u0000${namedKey(job)}`;
  } else if (dataset) {
    owner = `dataset\u0000${namedKey(dataset)}`;
  }
  return run ? [owner, `run\u0000${run.runId}`] : [owner];
}

/**
 * The positions of `events`, in at most `parts` sets that share no job and
 * no run: a job's events, and with them the rows they merge into (its runs,
 * its edges, the datasets only it writes), all fall in one set, so that the
 * sets' transactions seldom wait for each other's row locks; a run whose
 * events name different jobs joins those jobs. Jobs go, those with the most
 * events first, to the set with the fewest so far: the sets come out about
 * even. Each set keeps its events in their order.
 */
export function splitByJob(events: StorableEvent[], parts: number): number[][] {
  const leaders = new Map<string, string>();
  const leaderOf = (key: string) => {
    let leader = key;
    while (leaders.has(leader)) leader = leaders.get(leader)!;
    return leader;
  };
  const eventKeys = events.map(keysOf);
  for (const [owner, ...others] of eventKeys) {
    for (const other of others) {
      const [a, b] = [leaderOf(owner), leaderOf(other)];
      if (a !== b) leaders.set(b, a);
    }
  }
  const byOwner = groupBy(events.keys(), position =>
    leaderOf(eventKeys[position][0]),
  );
  const sets: number[][] = Array.from({ length: parts }, () => []);
  const owners = [...byOwner.values()].sort((a, b) => b.length - a.length);
  for (const positions of owners) {
    const smallest = sets.reduce((min, set) =>
      set.length < min.length ? set : min,
    );
    smallest.push(...positions);
  }
  return sets
    .filter(set => set.length > 0)
    .map(set => set.sort((a, b) => a - b));
}
