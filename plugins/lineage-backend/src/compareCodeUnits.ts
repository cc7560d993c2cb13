/**
 * Text in UTF-16 code unit order, as `<` compares it and as Java's
 * `String.compareTo` does: the same on every machine, whatever its locale.
 */
export function compareCodeUnits(a: string, b: string): number {
  if (a < b) return -1;
  return a > b ? 1 : 0;
}
