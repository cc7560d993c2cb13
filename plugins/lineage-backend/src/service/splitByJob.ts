import type { StorableEvent } from '../store/StorableEvent';

/** The job an event is of; for a dataset event, its dataset. */
function ownerKey(storable: StorableEvent): string {
  const { job, dataset } = 'event' in storable ? storable.event : storable;
  if (job) return `job\u0000${job.namespace}\u0000${job.name}`;
  return dataset
    ? `dataset\u0000${dataset.namespace}\u0000${dataset.name}`
    : '';
}

/**
 * The positions of `events`, in at most `parts` sets that share no job: a
 * job's events, and with them the rows they merge into (its runs, its edges,
 * the datasets only it writes), all fall in one set, so that the sets'
 * transactions seldom wait for each other's row locks. Jobs go, those with
 * the most events first, to the set with the fewest so far: the sets come
 * out about even. Each set keeps its events in their order.
 */
export function splitByJob(events: StorableEvent[], parts: number): number[][] {
  const byOwner = new Map<string, number[]>();
  events.forEach((event, position) => {
    const key = ownerKey(event);
    const positions = byOwner.get(key);
    if (positions) {
      positions.push(position);
    } else {
      byOwner.set(key, [position]);
    }
  });
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
