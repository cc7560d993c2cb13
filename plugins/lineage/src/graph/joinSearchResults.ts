import type { DatasetName } from '@meshwork/plugin-lineage-common';
import type { DatasetDetails, SearchResult } from '../api';

/** A search result, or one table found by several of its names. */
export type JoinedSearchResult = SearchResult & {
  /** A table's names other than its primary's, which it opens. */
  alsoKnownAs?: DatasetName[];
};

/**
 * Search results with the names of one table (joined through `symlinks`
 * facets, as `/datasets` answers them in `tables`) as one result, where the
 * first of them was, named as the table's primary, which the graph shows
 * the table by and whose data it holds.
 */
export function joinSearchResults(
  results: SearchResult[],
  tables: Array<
    Pick<
      DatasetDetails,
      'id' | 'namespace' | 'name' | 'primary' | 'alsoKnownAs'
    >
  >,
): JoinedSearchResult[] {
  const tableOf = new Map<string, JoinedSearchResult>();
  for (const table of tables) {
    if (!table.alsoKnownAs?.length) continue;
    const asked = {
      id: table.id,
      namespace: table.namespace,
      name: table.name,
    };
    const primary = table.primary ?? asked;
    const names = new Map(
      [asked, ...table.alsoKnownAs].map(name => [name.id, name]),
    );
    const joined: JoinedSearchResult = {
      id: primary.id,
      namespace: primary.namespace,
      name: primary.name,
      alsoKnownAs: [...names.values()].filter(name => name.id !== primary.id),
    };
    for (const id of names.keys()) {
      if (!tableOf.has(id)) tableOf.set(id, joined);
    }
  }
  const listed = new Set<JoinedSearchResult>();
  for (const result of results) listed.add(tableOf.get(result.id) ?? result);
  return [...listed];
}
