import { endOfUtcDayIn } from './endOfUtcDayIn';

const DAY_MS = 24 * 60 * 60 * 1000;

/** What the grant dialog sends for a grant through the UTC day `days` ahead. */
const grantedThrough = (days: number, now: number) =>
  Date.parse(
    `${new Date(now + days * DAY_MS).toISOString().slice(0, 10)}T23:59:59.999Z`,
  );

describe('endOfUtcDayIn', () => {
  it.each([
    '2026-12-06T00:10:00Z',
    '2026-12-06T12:00:00Z',
    '2026-12-06T23:45:00Z',
  ])(
    'takes in a default 30-day grant made at %s within 30 days, not a 31-day one',
    at => {
      const now = Date.parse(at);
      const end = endOfUtcDayIn(30, now);
      expect(new Date(end).toISOString()).toBe('2027-01-05T23:59:59.999Z');
      expect(grantedThrough(30, now)).toBeLessThanOrEqual(end);
      expect(grantedThrough(31, now)).toBeGreaterThan(end);
    },
  );

  it('reaches the end of the day a fraction of a day ahead falls on', () => {
    const now = Date.parse('2026-12-06T20:00:00Z');
    expect(new Date(endOfUtcDayIn(0.000001, now)).toISOString()).toBe(
      '2026-12-06T23:59:59.999Z',
    );
    expect(new Date(endOfUtcDayIn(0.25, now)).toISOString()).toBe(
      '2026-12-07T23:59:59.999Z',
    );
  });
});
