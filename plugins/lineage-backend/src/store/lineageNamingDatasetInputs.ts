import { parsedFacet } from './parsedFacet';

/**
 * A `columnLineage` facet, parsed, if it may have dataset-level inputs:
 * cheaper than parsing every facet, as one without the word has none.
 */
export function lineageNamingDatasetInputs(
  text: string | undefined,
): Record<string, unknown> | undefined {
  return text?.includes('"dataset"') ? parsedFacet(text) : undefined;
}
