import { parseIsoDateTime } from '../contract/parseIsoDateTime';

/**
 * The UTC midnight starting a deprecated product's sunset, written
 * `YYYY-MM-DD`; undefined when it is no such day (`2027-02-30`, `March`).
 */
export function sunsetDay(sunset: string): number | undefined {
  return /^\d{4}-\d{2}-\d{2}$/.test(sunset)
    ? parseIsoDateTime(sunset)
    : undefined;
}
