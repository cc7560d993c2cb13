export type FacetState = {
  facets: Record<string, unknown>;
  /** When each facet was last set or deleted, in epoch milliseconds. */
  times: Record<string, number>;
};

/**
 * Applies an event's facets to what is stored: a facet replaces the stored
 * one of the same name unless the stored one is newer, and a facet with
 * `_deleted: true` removes it. Deletions keep their time, so an older event
 * arriving late cannot bring a deleted facet back. Returns the names that
 * changed.
 */
export function mergeFacets(
  state: FacetState,
  incoming: Record<string, unknown> | undefined,
  eventTimeMs: number,
): Set<string> {
  const changed = new Set<string>();
  for (const [name, facet] of Object.entries(incoming ?? {})) {
    const storedTime = state.times[name];
    if (storedTime !== undefined && storedTime > eventTimeMs) {
      continue;
    }
    const deleted =
      typeof facet === 'object' &&
      facet !== null &&
      (facet as { _deleted?: unknown })._deleted === true;
    state.times[name] = eventTimeMs;
    if (deleted) {
      if (name in state.facets) {
        delete state.facets[name];
        changed.add(name);
      }
    } else if (JSON.stringify(state.facets[name]) !== JSON.stringify(facet)) {
      state.facets[name] = facet;
      changed.add(name);
    }
  }
  return changed;
}
