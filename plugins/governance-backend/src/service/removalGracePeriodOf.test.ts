import { ConfigReader } from '@backstage/config';
import { describeDuration, removalGracePeriodOf } from './removalGracePeriodOf';

const withGrace = (removalGracePeriod: unknown) =>
  new ConfigReader({ governance: { removalGracePeriod } } as any);

describe('removalGracePeriodOf', () => {
  it('defaults to a day, and reads a duration as Backstage writes one', () => {
    expect(removalGracePeriodOf(new ConfigReader({}))).toBe(86_400_000);
    expect(removalGracePeriodOf(withGrace({ seconds: 0 }))).toBe(0);
    expect(removalGracePeriodOf(withGrace({ days: 1, hours: 12 }))).toBe(
      36 * 3_600_000,
    );
    expect(removalGracePeriodOf(withGrace('P2D'))).toBe(2 * 86_400_000);
    expect(removalGracePeriodOf(withGrace('36 hours'))).toBe(36 * 3_600_000);
  });

  it('refuses what is not a duration from none to a year', () => {
    expect(() => removalGracePeriodOf(withGrace({}))).toThrow(
      "Failed to read duration from config at 'governance.removalGracePeriod'",
    );
    expect(() => removalGracePeriodOf(withGrace({ months: -1 }))).toThrow(
      'governance.removalGracePeriod: expected a duration from none to a year (365 days)',
    );
    expect(() =>
      removalGracePeriodOf(withGrace({ days: 365, seconds: 1 })),
    ).toThrow('(got 31536001 seconds)');
  });
});

describe('describeDuration', () => {
  it('names a duration in the largest unit that gives it whole', () => {
    expect(describeDuration(86_400_000)).toBe('1 day');
    expect(describeDuration(36 * 3_600_000)).toBe('36 hours');
    expect(describeDuration(1_500)).toBe('1500 milliseconds');
    expect(describeDuration(0)).toBe('0 days');
  });
});
