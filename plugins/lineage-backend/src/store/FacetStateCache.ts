import {
  copyFacetState,
  emptyFacetState,
  FacetState,
  facetsJson,
  parseFacetState,
} from './mergeFacets';

/** Characters of text kept: 48 to 96 MB, as they take one or two bytes. */
const MAX_CACHED_CHARS = 48_000_000;

/**
 * A state as this process last read or stored it, with what identifies
 * that row version: its stamp (Postgres: the `xmin` of the row, the
 * transaction that last wrote it) and its facet times. Never changed once
 * cached.
 */
export type CachedFacetState = {
  readonly state: FacetState;
  readonly stamp: string | undefined;
  readonly times: string;
  readonly chars: number;
};

/** A stored row's facets as read: no text while it holds the cached stamp. */
export type StoredFacets = {
  stamp?: string;
  facets?: string;
  facet_times: string;
};

/** The characters of a state's text, as the cache counts them. */
function charsOf(state: FacetState, times: string) {
  let chars = times.length;
  for (const [name, text] of Object.entries(state.texts)) {
    chars += name.length + text.length;
  }
  return chars;
}

/**
 * The state to merge into: a copy of the cached one while the row still
 * holds it (the same stamp, or the same text, whoever wrote that text),
 * else the row's own, parsed. Facet times are kept apart from the facets,
 * and may change alone.
 */
export function storedFacetState(
  row: StoredFacets,
  cached: CachedFacetState | undefined,
): FacetState {
  const current =
    cached !== undefined &&
    (row.facets === undefined ||
      (row.stamp !== undefined && row.stamp === cached.stamp) ||
      facetsJson(cached.state) === row.facets);
  if (!current) {
    if (row.facets === undefined) {
      throw new Error('A row read without its facets has no cached state');
    }
    return parseFacetState(row.facets, row.facet_times);
  }
  if (cached.times === row.facet_times) return copyFacetState(cached.state);
  const state = emptyFacetState();
  Object.assign(state.texts, cached.state.texts);
  Object.assign(state.times, JSON.parse(row.facet_times));
  return state;
}

/**
 * The facet states this process last read or stored, by dataset or job id,
 * so that a row read back unchanged need not be read whole nor parsed
 * again. Once full, the state used longest ago makes room: a mesh whose
 * datasets outgrow the cache still finds most of those its pipelines write
 * often.
 */
export class FacetStateCache {
  /** In order of use, the least recent first. */
  private readonly entries = new Map<number, CachedFacetState>();
  private chars = 0;

  constructor(private readonly maxChars = MAX_CACHED_CHARS) {}

  /** The cached states of rows `ids`, each marked as used. */
  lookup(ids: Iterable<number>): Map<number, CachedFacetState> {
    const found = new Map<number, CachedFacetState>();
    for (const id of ids) {
      const entry = this.entries.get(id);
      if (!entry) continue;
      this.entries.delete(id);
      this.entries.set(id, entry);
      found.set(id, entry);
    }
    return found;
  }

  /** Keeps a copy of `state`, stored as row version `stamp` with `times`. */
  set(id: number, state: FacetState, times: string, stamp?: string) {
    this.remove(id);
    const entry = {
      state: copyFacetState(state),
      stamp,
      times,
      chars: charsOf(state, times),
    };
    this.entries.set(id, entry);
    this.chars += entry.chars;
    for (const [oldest, { chars }] of this.entries) {
      if (this.chars <= this.maxChars) break;
      this.entries.delete(oldest);
      this.chars -= chars;
    }
  }

  private remove(id: number) {
    const entry = this.entries.get(id);
    if (!entry) return;
    this.entries.delete(id);
    this.chars -= entry.chars;
  }
}
