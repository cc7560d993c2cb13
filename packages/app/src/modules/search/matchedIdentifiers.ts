import { highlightPieces } from './highlightPieces';

const punctuation = /^[^\s\p{L}\p{N}]+$/u;

/**
 * The identifiers, such as columns `customer_id` or `orders.customer_id`,
 * in which the query matched two parts in a row, from the highlighted
 * `terms` of a catalog search document (the collator of
 * @meshwork/plugin-catalog-backend-module-data-products joins them with
 * ` : `). A word matched alone, like `customer`, names no identifier.
 */
export function matchedIdentifiers(
  terms: string,
  preTag: string,
  postTag: string,
): string[] {
  const matched = new Set<string>();
  for (const term of terms.split(' : ')) {
    const pieces = highlightPieces(term, preTag, postTag);
    const text = pieces.map(piece => piece.text).join('');
    const partsInARow = pieces.some(
      (piece, index) =>
        piece.highlighted &&
        punctuation.test(pieces[index + 1]?.text ?? '') &&
        pieces[index + 2]?.highlighted,
    );
    if (partsInARow && !/\s/.test(text)) matched.add(text);
  }
  return [...matched];
}
