import { FigureBounds, roundJudgedAlike } from './roundJudgedAlike';

/**
 * A share as a percentage (0.857 → "85.7%") to `decimals` decimals of a
 * percent, or finer where the figure would be judged by `bounds` (shares,
 * as `share` is) otherwise than `share` is (see roundJudgedAlike).
 */
export function formatShare(
  share: number,
  bounds: FigureBounds = {},
  decimals = 1,
): string {
  const percent = (value: number | undefined) =>
    value === undefined ? undefined : value * 100;
  return `${roundJudgedAlike(share * 100, decimals, {
    atLeast: percent(bounds.atLeast),
    atMost: percent(bounds.atMost),
  })}%`;
}
