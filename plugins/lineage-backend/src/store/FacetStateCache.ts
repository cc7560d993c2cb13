import { copyFacetState, FacetState, facetsJson } from './mergeFacets';

/** Characters of text kept: 48 to 96 MB, as they take one or two bytes. */
const MAX_CACHED_CHARS = 48_000_000;

type Entry = { state: FacetState; times: string; chars: number };

/**
 * The facet states this process last read or stored, by dataset or job id,
 * so that a row read back unchanged need not be parsed again: a state is
 * used only while the row still holds exactly the text it was read from or
 * stored as, whoever wrote that text. Once full, the state used longest ago
 * makes room: a mesh whose datasets outgrow the cache still finds most of
 * those its pipelines write often.
 */
export class FacetStateCache {
  /** In order of use, the least recent first. */
  private readonly entries = new Map<number, Entry>();
  private chars = 0;

  constructor(private readonly maxChars = MAX_CACHED_CHARS) {}

  /** A copy of the cached state, if it is the stored one. */
  get(id: number, facets: string, times: string): FacetState | undefined {
    const entry = this.entries.get(id);
    // The stored text is the state's, written back: kept once, as the state.
    if (!entry || entry.times !== times || facetsJson(entry.state) !== facets) {
      return undefined;
    }
    this.entries.delete(id);
    this.entries.set(id, entry);
    return copyFacetState(entry.state);
  }

  /** Keeps a copy of `state`, stored as the `facets` and `times` columns. */
  set(id: number, state: FacetState, facets: string, times: string) {
    this.remove(id);
    const chars = facets.length + times.length;
    this.entries.set(id, { state: copyFacetState(state), times, chars });
    this.chars += chars;
    for (const [oldest, entry] of this.entries) {
      if (this.chars <= this.maxChars) break;
      this.entries.delete(oldest);
      this.chars -= entry.chars;
    }
  }

  private remove(id: number) {
    const entry = this.entries.get(id);
    if (!entry) return;
    this.entries.delete(id);
    this.chars -= entry.chars;
  }
}
