/**
 * What Backstage's Lunr indexer splits text on: everything but letters and
 * digits, so `customer_id` is indexed as the words `customer` and `id`.
 */
const wordSeparator = /[^\p{L}\p{N}]+/u;

/** Identifiers such as `customer_id`, `orders.build` or `s3://lake/orders`. */
const identifierPattern = /[\p{L}\p{N}]+(?:[^\p{L}\p{N}\s]+[\p{L}\p{N}]+)+/gu;

/** A query word's words as Lunr indexes them, lower-cased. */
export function identifierParts(word: string): string[] {
  return word.toLocaleLowerCase('en-US').split(wordSeparator).filter(Boolean);
}

/**
 * One word for a run of an identifier's parts, which the indexer keeps
 * whole because it has no separator: `customer_id` becomes `customerid`.
 */
export function joinedIdentifier(parts: string[]): string {
  return parts.join('');
}

/**
 * The joined form of every run of two or more parts of every identifier in
 * `text`, so that `customer_id` is found in `orders.customer_id` and
 * `checkout.orders` in `analytics.checkout.orders`.
 */
export function joinedIdentifiersIn(text: string): string[] {
  const joined = new Set<string>();
  for (const [identifier] of text.matchAll(identifierPattern)) {
    const parts = identifierParts(identifier);
    for (let start = 0; start < parts.length - 1; start++) {
      for (let end = start + 2; end <= parts.length; end++) {
        joined.add(joinedIdentifier(parts.slice(start, end)));
      }
    }
  }
  return [...joined];
}
