import { searchNamespace } from '@meshwork/plugin-data-products-common';
import { parseNodeId } from '@meshwork/plugin-lineage-common';
import type { SearchResult } from '../api';

/**
 * The nodes among `found` that name what `nodeId` names in another
 * spelling: the name in another case, the namespace in another case or
 * with its default port left out or filled in. Lineage compares names as
 * producers report them, so a port or a job annotation spelled otherwise
 * finds nothing; these say what it should have named.
 */
export function spelledOtherwise(
  nodeId: string,
  found: SearchResult[],
): SearchResult[] {
  const parsed = parseNodeId(nodeId);
  if (!parsed) return [];
  const lower = (text: string) => text.toLocaleLowerCase('en-US');
  return found.filter(
    result =>
      result.id !== nodeId &&
      result.id.startsWith(`${parsed.type}:`) &&
      parsed.candidates.some(
        candidate =>
          lower(candidate.name) === lower(result.name) &&
          searchNamespace(candidate.namespace) ===
            searchNamespace(result.namespace),
      ),
  );
}
