/**
 * `value` to `digits` decimals, or to as many more (up to 12) as it takes
 * not to reach `bound` from its side: a figure judged against a bound must
 * show the side it is on (an attainment of 0.98998 against 0.99 is not
 * "0.99"). Without a bound, or at it, `value` rounded to `digits`.
 */
export function roundBesideBound(
  value: number,
  bound: number | undefined,
  digits: number,
): number {
  const round = (decimals: number) =>
    Math.round(value * 10 ** decimals) / 10 ** decimals;
  if (bound === undefined || value === bound) return round(digits);
  for (let decimals = digits; decimals <= 12; decimals++) {
    const rounded = round(decimals);
    if (value < bound ? rounded < bound : rounded > bound) return rounded;
  }
  return value;
}
