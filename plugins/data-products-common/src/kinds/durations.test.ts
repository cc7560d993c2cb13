import { describeDuration, parseDuration, parsePercentage } from './durations';

describe('durations and percentages', () => {
  it.each([
    ['45s', 45_000],
    ['30m', 1_800_000],
    ['2h', 7_200_000],
    ['7d', 604_800_000],
    ['1w', 604_800_000],
    ['999999w', 999_999 * 604_800_000],
  ])('parses %s', (text, ms) => expect(parseDuration(text)).toBe(ms));

  it.each(['30', '30 minutes', '-1h', '1.5h', '', '1000000w'])(
    'rejects %p',
    text => expect(parseDuration(text)).toBeUndefined(),
  );

  it('parses percentages into fractions and rejects the rest', () => {
    expect(parsePercentage('99%')).toBe(0.99);
    expect(parsePercentage('99.9%')).toBeCloseTo(0.999);
    expect(parsePercentage('100%')).toBe(1);
    expect(parsePercentage('101%')).toBeUndefined();
    expect(parsePercentage('99')).toBeUndefined();
  });

  it('describes durations in words', () => {
    expect(describeDuration('30m')).toBe('30 minutes');
    expect(describeDuration('1d')).toBe('1 day');
  });
});
