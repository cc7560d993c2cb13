import { parseNodeId } from '@meshwork/plugin-lineage-common';
import type { SearchResult } from '../../api';

/**
 * A node id as the picker lists it: its likeliest namespace and name, or
 * the id itself as the name of one that does not parse.
 */
export function nodeOption(id: string): SearchResult {
  const reading = parseNodeId(id)?.candidates[0];
  return reading
    ? { id, namespace: reading.namespace, name: reading.name }
    : { id, namespace: '', name: id };
}
