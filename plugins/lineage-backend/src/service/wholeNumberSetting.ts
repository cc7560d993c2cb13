import { Config } from '@backstage/config';

/**
 * A whole-number setting `lineage.<key>`, from `min` (default 1) to `max`,
 * or `fallback` when unset. A limit of 0, or a fraction, would refuse every
 * request while the backend looked healthy, so a bad value stops start-up.
 */
export function wholeNumberSetting(
  lineage: Config | undefined,
  key: string,
  fallback: number,
  { min = 1, max }: { min?: number; max?: number } = {},
): number {
  const value = lineage?.getOptionalNumber(key) ?? fallback;
  if (
    !Number.isSafeInteger(value) ||
    value < min ||
    (max !== undefined && value > max)
  ) {
    const range =
      max === undefined ? `above ${min - 1}` : `from ${min} to ${max}`;
    throw new Error(
      `lineage.${key} must be a whole number ${range}, got ${value}`,
    );
  }
  return value;
}
