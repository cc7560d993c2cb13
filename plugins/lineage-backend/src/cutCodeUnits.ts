/**
 * `text` cut to at most `maxUnits` UTF-16 code units, not between the two
 * halves of a character outside the BMP (an emoji): a lone half is no
 * text, and Postgres refuses JSON holding one.
 */
export function cutCodeUnits(text: string, maxUnits: number): string {
  if (text.length <= maxUnits) return text;
  const splitsPair =
    isHighSurrogate(text.charCodeAt(maxUnits - 1)) &&
    isLowSurrogate(text.charCodeAt(maxUnits));
  return text.slice(0, splitsPair ? maxUnits - 1 : maxUnits);
}

function isHighSurrogate(unit: number) {
  return unit >= 0xd800 && unit <= 0xdbff;
}

function isLowSurrogate(unit: number) {
  return unit >= 0xdc00 && unit <= 0xdfff;
}
