import { asRecord } from './facetValues';
import { parseJsonExact } from './parseJsonExact';

/** A changed facet's value, parsed only when a projection needs it. */
export function parsedFacet(text: string | undefined): Record<string, unknown> {
  return asRecord(text === undefined ? undefined : parseJsonExact(text));
}
