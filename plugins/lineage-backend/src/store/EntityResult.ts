/**
 * A dataset or job a batch touches: its id, and what the batch changed of
 * its facets.
 */
export type EntityResult = {
  id: number;
  /** The facets this batch changed, with their new text. */
  changed: Map<string, string | undefined>;
  /** The names of the facets it had before this batch. */
  facetsBefore: Set<string>;
};
