import { copyFacetState, FacetState } from './mergeFacets';

/** About 64 MB of text. */
const MAX_CACHED_CHARS = 32_000_000;

/** An entry's text: the stored columns, and the state's facets again. */
const charsOf = (facets: string, times: string) =>
  2 * facets.length + times.length;

/**
 * The facet states this process last read or stored, by dataset or job id,
 * so that a row read back unchanged need not be parsed again: a state is
 * used only while the row still holds exactly the text it was read from or
 * stored as, whoever wrote that text.
 */
export class FacetStateCache {
  private readonly entries = new Map<
    number,
    { state: FacetState; facets: string; times: string }
  >();
  private chars = 0;

  /** A copy of the cached state, if it is the stored one. */
  get(id: number, facets: string, times: string): FacetState | undefined {
    const entry = this.entries.get(id);
    if (!entry || entry.facets !== facets || entry.times !== times) {
      return undefined;
    }
    return copyFacetState(entry.state);
  }

  /** Keeps a copy of `state`, stored as the `facets` and `times` columns. */
  set(id: number, state: FacetState, facets: string, times: string) {
    const stored = this.entries.get(id);
    if (stored) this.chars -= charsOf(stored.facets, stored.times);
    const chars = charsOf(facets, times);
    if (this.chars + chars > MAX_CACHED_CHARS) {
      this.entries.clear();
      this.chars = 0;
    }
    this.entries.set(id, { state: copyFacetState(state), facets, times });
    this.chars += chars;
  }
}
