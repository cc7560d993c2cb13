import { identifierParts, joinedIdentifier } from './identifierParts';

/** What Backstage's Postgres engine removes from a query word. */
const tsqueryOperators = /[\0()|&:*!<]/g;

/**
 * A Postgres `to_tsquery` term for a search: each word whole or as a prefix,
 * as Backstage's Postgres engine asks, and an identifier such as
 * `customer_id` also as the one joined word that joinedIdentifiersIn indexes.
 * Postgres reads `orders.customer_id` as the host `orders.customer` and the
 * word `id`, so without the joined word it is not found by `customer_id`.
 */
export function identifierPgSearchTerm(term: string): string {
  return term
    .split(/\s/)
    .map(word => word.replace(tsqueryOperators, '').trim())
    .filter(word => word !== '')
    .map(word => {
      const quoted = JSON.stringify(word);
      const alternatives = [quoted, `${quoted}:*`];
      const parts = identifierParts(word);
      if (parts.length > 1) {
        alternatives.push(`${JSON.stringify(joinedIdentifier(parts))}:*`);
      }
      return `(${alternatives.join(' | ')})`;
    })
    .join('&');
}
