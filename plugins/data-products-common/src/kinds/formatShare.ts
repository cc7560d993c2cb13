import { roundBesideBound } from './roundBesideBound';

/**
 * A share as a percentage to a tenth (0.857 → "85.7%"), or finer where a
 * tenth would reach `bound` from its side (see roundBesideBound).
 */
export function formatShare(share: number, bound?: number): string {
  return `${roundBesideBound(
    share * 100,
    bound === undefined ? undefined : bound * 100,
    1,
  )}%`;
}
