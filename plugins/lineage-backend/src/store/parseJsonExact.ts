/** `JSON.rawJSON` (Node 21+), not yet in TypeScript's library. */
const { rawJSON } = JSON as unknown as { rawJSON(text: string): unknown };

/** Digits of the smallest integer past 2^53 that a number rounds. */
const UNSAFE_DIGITS = 16;
const INTEGER = /^-?\d+$/;

const isDigit = (text: string, index: number) => {
  const code = text.charCodeAt(index);
  return code >= 48 && code <= 57;
};

/**
 * Whether `text` has 16 digits in a row. Such a run covers every 16th
 * position, so only those are looked at first: a third of the time
 * `JSON.parse` takes, where a regular expression takes twice as long.
 */
function hasLongDigitRun(text: string): boolean {
  for (let i = UNSAFE_DIGITS - 1; i < text.length; i += UNSAFE_DIGITS) {
    if (!isDigit(text, i)) continue;
    let start = i;
    let end = i;
    while (start > 0 && isDigit(text, start - 1)) start--;
    while (end + 1 < text.length && isDigit(text, end + 1)) end++;
    if (end - start + 1 >= UNSAFE_DIGITS) return true;
  }
  return false;
}

/**
 * `JSON.parse`, except that integers too large for a number stay exactly
 * as written (as raw JSON, which `JSON.stringify` writes back unchanged):
 * facets are stored and served as producers sent them, and a 64-bit id in
 * a custom facet is not rounded. Text without 16 digits in a row, which
 * is most, parses at full speed.
 */
export function parseJsonExact(text: string): any {
  if (!hasLongDigitRun(text)) return JSON.parse(text);
  return JSON.parse(text, (_key, value, context?: { source?: string }) =>
    typeof value === 'number' &&
    !Number.isSafeInteger(value) &&
    context?.source !== undefined &&
    INTEGER.test(context.source)
      ? rawJSON(context.source)
      : value,
  );
}
