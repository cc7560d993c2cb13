import type { DatasetName } from '@meshwork/plugin-lineage-common';
import type { SearchResult } from '../api';

/** A search result, or one table found by several of its names. */
export type JoinedSearchResult = Omit<SearchResult, 'primary'>;

const byId = (a: DatasetName, b: DatasetName) =>
  Number(a.id > b.id) - Number(a.id < b.id);

/**
 * Search results with the names of one table (joined through `symlinks`
 * facets, as the search answers them in `primary` and `alsoKnownAs`) as
 * one result, where the first of them was, named as the table's primary,
 * which the graph shows the table by and whose data it holds; its other
 * names, by id, in `alsoKnownAs`.
 */
export function joinSearchResults(
  results: SearchResult[],
): JoinedSearchResult[] {
  const listed = new Map<string, JoinedSearchResult>();
  for (const result of results) {
    const { primary, alsoKnownAs, ...found } = result;
    if (!alsoKnownAs?.length) {
      if (!listed.has(result.id)) listed.set(result.id, found);
      continue;
    }
    const shown = primary ?? found;
    if (listed.has(shown.id)) continue;
    const { symlink: _symlink, ...rest } = found;
    listed.set(shown.id, {
      ...rest,
      id: shown.id,
      namespace: shown.namespace,
      name: shown.name,
      alsoKnownAs: [
        { id: found.id, namespace: found.namespace, name: found.name },
        ...alsoKnownAs,
      ]
        .filter(name => name.id !== shown.id)
        .sort(byId),
    });
  }
  return [...listed.values()];
}
