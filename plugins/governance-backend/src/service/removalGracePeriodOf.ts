import { Config, readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';
import { formatDuration } from '@meshwork/plugin-data-products-common';

const DAY_MS = 86_400_000;

/**
 * A day: long enough for a catalog that emptied (its locations moved, a
 * restore, a provider re-adding everything) to fill again, and for someone
 * to notice and fix a mistake of a working day; short enough that a product
 * really gone does not hand its exemptions to a new one of its name for long.
 */
const DEFAULT_MS = DAY_MS;

/** Exemptions are granted at most a year ahead: no longer grace is of use. */
const MAX_MS = 365 * DAY_MS;

const KEY = 'governance.removalGracePeriod';

/**
 * `governance.removalGracePeriod` in milliseconds: how long a product missing
 * from the catalog keeps its history and exemptions, in case it comes back.
 * A duration as Backstage reads one (`{ hours: 24 }`, `P1D`, `1 day`), from
 * none (removed at once) to a year; anything else stops start-up.
 */
export function removalGracePeriodOf(config: Config): number {
  if (!config.has(KEY)) return DEFAULT_MS;
  const ms = durationToMilliseconds(
    readDurationFromConfig(config, { key: KEY }),
  );
  if (!Number.isFinite(ms) || ms < 0 || ms > MAX_MS) {
    throw new Error(
      `${KEY}: expected a duration from none to a year (365 days), as exemptions are granted at most a year ahead (got ${
        ms < 0 ? 'a negative duration' : formatDuration(ms)
      })`,
    );
  }
  return Math.round(ms);
}
