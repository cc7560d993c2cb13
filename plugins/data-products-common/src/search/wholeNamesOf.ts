import { foldForSearch } from '../kinds/foldForSearch';

/**
 * The names `text` is called by as a whole, folded for search: all of it and
 * each tail after a `.` or `/`, so that `orders` and `checkout.orders` name
 * the table `analytics.checkout.orders`, and `order_id` the column
 * `orders.order_id`, while `returns` is only a word of `vat_returns` and
 * `vat-returns`.
 */
export function wholeNamesOf(text: string): string[] {
  const composed = text.normalize('NFC');
  const names = [foldForSearch(composed)];
  for (const match of composed.matchAll(/[./]+/g)) {
    const tail = composed.slice(match.index! + match[0].length);
    if (tail) names.push(foldForSearch(tail));
  }
  return names;
}

/**
 * How well a folded search term names `text`: 0 as a whole (see
 * wholeNamesOf), 1 as the start of a whole name, 2 only within one (a word
 * of it, or a part of a word). Lower ranks first.
 */
export function nameMatchRank(text: string, term: string): 0 | 1 | 2 {
  const names = wholeNamesOf(text);
  if (names.includes(term)) return 0;
  return names.some(name => name.startsWith(term)) ? 1 : 2;
}
