import { copyFacetState, FacetState, facetsJson } from './mergeFacets';

/** About 64 MB of facet text. */
const MAX_CACHED_CHARS = 32_000_000;

/**
 * The facet states this process last read or stored, by dataset or job id,
 * so that a row read back unchanged need not be parsed again: a state is
 * used only while it serializes to exactly the stored text, whoever wrote
 * that text.
 */
export class FacetStateCache {
  private readonly entries = new Map<
    number,
    { state: FacetState; chars: number }
  >();
  private chars = 0;

  /** A copy of the cached state, if it is the stored one. */
  get(id: number, facets: string, times: string): FacetState | undefined {
    const state = this.entries.get(id)?.state;
    if (
      !state ||
      facetsJson(state) !== facets ||
      JSON.stringify(state.times) !== times
    ) {
      return undefined;
    }
    return copyFacetState(state);
  }

  /** Keeps a copy of `state`, whose stored facets are `facets`. */
  set(id: number, state: FacetState, facets: string) {
    this.chars -= this.entries.get(id)?.chars ?? 0;
    if (this.chars + facets.length > MAX_CACHED_CHARS) {
      this.entries.clear();
      this.chars = 0;
    }
    this.entries.set(id, {
      state: copyFacetState(state),
      chars: facets.length,
    });
    this.chars += facets.length;
  }
}
