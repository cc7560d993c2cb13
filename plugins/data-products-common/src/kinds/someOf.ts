/** Names a message lists; the rest are counted. */
const MAX_LISTED_NAMES = 10;

/**
 * The first ten of `names`, shown by `show` (as they are, by default), and
 * how many more: a product may have thousands, and a message naming them
 * all for each of thousands of mistakes ran to gigabytes.
 */
export function someOf(
  names: string[],
  show: (name: string) => string = name => name,
): string {
  const listed = names.slice(0, MAX_LISTED_NAMES).map(show);
  const rest = names.length - listed.length;
  return rest > 0 ? `${listed.join(', ')} and ${rest} more` : listed.join(', ');
}
