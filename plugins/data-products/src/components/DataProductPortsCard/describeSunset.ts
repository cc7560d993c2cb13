import { sunsetDay } from '@meshwork/plugin-data-products-common';

const DAY_MS = 86_400_000;

function daysFromNow(days: number): string {
  if (days === 0) return 'today';
  const count = `${Math.abs(days)} ${Math.abs(days) === 1 ? 'day' : 'days'}`;
  return days > 0 ? `in ${count}` : `${count} ago`;
}

/**
 * A product's sunset, the last day it is served, as written and how far it
 * is from today: a calendar day, counted in UTC days so every viewer reads
 * the same count. A sunset that is no date is shown as written alone.
 */
export function describeSunset(sunset: string): string {
  const day = sunsetDay(sunset);
  if (day === undefined) return sunset;
  const now = new Date();
  const today = Date.UTC(
    now.getUTCFullYear(),
    now.getUTCMonth(),
    now.getUTCDate(),
  );
  return `${sunset} (${daysFromNow(Math.round((day - today) / DAY_MS))})`;
}
