import { ResponseError } from '@backstage/errors';

/** The wait before asking again when a 503 names none. */
const DEFAULT_RETRY_MS = 5_000;
/** The longest wait between asks, whatever a 503 names. */
const MAX_RETRY_MS = 60_000;
/** The shortest, so a `Retry-After: 0` does not ask in a loop. */
const MIN_RETRY_MS = 1_000;

/**
 * How long to wait before loading again when `error` is the data products
 * backend's 503 (its search index still being built, as right after it
 * starts): its `Retry-After`, in seconds or as a date, within 1 s and a
 * minute, 5 s when it names none. Undefined for any other error.
 */
export function indexBuildingRetryMs(
  error: unknown,
  now = Date.now(),
): number | undefined {
  if (!ResponseError.is(error) || error.statusCode !== 503) {
    return undefined;
  }
  const header = error.response.headers.get('Retry-After')?.trim();
  let ms: number | undefined;
  if (header && /^\d+$/.test(header)) {
    ms = Number(header) * 1000;
  } else if (header) {
    const at = Date.parse(header);
    if (!Number.isNaN(at)) ms = at - now;
  }
  if (ms === undefined) return DEFAULT_RETRY_MS;
  return Math.min(MAX_RETRY_MS, Math.max(MIN_RETRY_MS, ms));
}
