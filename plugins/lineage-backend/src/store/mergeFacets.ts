import { parseJsonExact } from './parseJsonExact';
import type { FacetTexts } from './prepareEvent';

/**
 * A stored set of facets: each facet as JSON text, and when each was last
 * set or deleted, in epoch milliseconds. Kept as text so that merging an
 * event's facets never parses or re-serializes the ones it does not touch.
 * Both records have no prototype, so any facet name is an ordinary key.
 */
export type FacetState = {
  texts: Record<string, string>;
  times: Record<string, number>;
};

export function emptyFacetState(): FacetState {
  return { texts: Object.create(null), times: Object.create(null) };
}

/** The state of stored `facets` and `facet_times` columns. */
export function parseFacetState(facets: string, times: string): FacetState {
  const state = emptyFacetState();
  for (const [name, value] of Object.entries(parseJsonExact(facets))) {
    state.texts[name] = JSON.stringify(value);
  }
  Object.assign(state.times, JSON.parse(times));
  return state;
}

export function copyFacetState(state: FacetState): FacetState {
  const copy = emptyFacetState();
  Object.assign(copy.texts, state.texts);
  Object.assign(copy.times, state.times);
  return copy;
}

/** The facets as one JSON object, as `JSON.stringify` writes it. */
export function facetsJson(state: FacetState): string {
  const members = Object.entries(state.texts).map(
    ([name, text]) => `${JSON.stringify(name)}:${text}`,
  );
  return `{${members.join(',')}}`;
}

export function facetValue(state: FacetState, name: string): unknown {
  const text = state.texts[name];
  return text === undefined ? undefined : parseJsonExact(text);
}

/**
 * Applies an event's facets to what is stored: a facet replaces the stored
 * one of the same name unless the stored one is newer, and a deleted one
 * (null text) removes it. Between two of the same time, a deletion
 * wins, then the greater JSON text, so the outcome does not depend on which
 * arrived first. Deletions keep their time, so an older event
 * arriving late cannot bring a deleted facet back. A time after `seenBy`
 * (ahead of the clock, as a typo'd year is) is older than any time by it,
 * so that such an event sets only what no event within the clock's bound
 * set, until its time comes round. Returns the facets that changed, by
 * name, with their new text (undefined once removed).
 */
export function mergeFacets(
  state: FacetState,
  incoming: FacetTexts,
  eventTimeMs: number,
  seenBy: number,
): Map<string, string | undefined> {
  const changed = new Map<string, string | undefined>();
  for (const [name, text] of incoming) {
    const storedTime = state.times[name];
    if (
      storedTime !== undefined &&
      (isNewer(storedTime, eventTimeMs, seenBy) ||
        (storedTime === eventTimeMs && !winsTie(text, state.texts[name])))
    ) {
      continue;
    }
    state.times[name] = eventTimeMs;
    if (text === null) {
      if (name in state.texts) {
        delete state.texts[name];
        changed.set(name, undefined);
      }
      continue;
    }
    if (state.texts[name] !== text) {
      state.texts[name] = text;
      changed.set(name, text);
    }
  }
  return changed;
}

/** Whether time `a` is newer than `b`: any by `seenBy` is newer than any after it. */
function isNewer(a: number, b: number, seenBy: number) {
  const aAhead = a > seenBy;
  return aAhead === b > seenBy ? a > b : !aAhead;
}

/** Whether an incoming facet (null: deleted) beats a stored one of the same time. */
function winsTie(incoming: string | null, stored: string | undefined) {
  if (stored === undefined) return false;
  return incoming === null || incoming > stored;
}
