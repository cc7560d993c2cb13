import { ConfigReader } from '@backstage/config';
import { removalGracePeriodOf } from './removalGracePeriodOf';

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
      removalGracePeriodOf(withGrace({ days: 365, hours: 1 })),
    ).toThrow('(got 365d 1h)');
  });
});
