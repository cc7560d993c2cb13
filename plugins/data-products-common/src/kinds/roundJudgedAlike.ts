/** The inclusive bounds a figure is judged by: met when within them. */
export type FigureBounds = { atLeast?: number; atMost?: number };

/**
 * `value` to `digits` decimals, or to as many more (up to 12) as it takes
 * for the rounded figure to be judged by `bounds` as `value` is: an
 * attainment of 0.98998 against an objective of at least 0.99 is not
 * "0.99", while 0.99003 may be.
 */
export function roundJudgedAlike(
  value: number,
  digits: number,
  bounds: FigureBounds = {},
): number {
  const met = (figure: number) =>
    (bounds.atLeast === undefined || figure >= bounds.atLeast) &&
    (bounds.atMost === undefined || figure <= bounds.atMost);
  for (let decimals = digits; decimals <= 12; decimals++) {
    const rounded = Math.round(value * 10 ** decimals) / 10 ** decimals;
    if (met(rounded) === met(value)) return rounded;
  }
  return value;
}
