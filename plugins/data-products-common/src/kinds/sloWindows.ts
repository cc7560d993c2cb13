import type { DataProductSlos } from './DataProductEntityV1alpha1';
import { parseDuration } from './durations';

/** The window a product's SLOs are measured over when it declares none. */
export const DEFAULT_SLO_WINDOW = '7d';

/**
 * The windows a product's SLOs are measured over, as durations: `volume`'s
 * rolling average (also how old a quality report may be), and `freshness`'s
 * attainment, which is `volume`'s unless `slos.freshness.window` says.
 */
export function sloWindows(slos: DataProductSlos | undefined): {
  volume: string;
  freshness: string;
} {
  const volume = valid(slos?.volume?.window) ?? DEFAULT_SLO_WINDOW;
  return { volume, freshness: valid(slos?.freshness?.window) ?? volume };
}

/** A duration longer than none: over `0d` nothing could be measured. */
function valid(duration: string | undefined): string | undefined {
  return duration !== undefined && (parseDuration(duration) ?? 0) > 0
    ? duration
    : undefined;
}
