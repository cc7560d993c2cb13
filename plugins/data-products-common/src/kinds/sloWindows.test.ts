import { DEFAULT_SLO_WINDOW, sloWindows } from './sloWindows';

describe('sloWindows', () => {
  it('measures freshness over its own window when it declares one', () => {
    expect(
      sloWindows({
        freshness: { maxDelay: '1h', objective: '99%', window: '28d' },
        volume: { minRatio: 0.8, maxRatio: 1.2, window: '14d' },
      }),
    ).toEqual({ volume: '14d', freshness: '28d' });
  });

  it("measures freshness over volume's window when it declares none", () => {
    expect(
      sloWindows({
        freshness: { maxDelay: '1h' },
        volume: { minRatio: 0.8, maxRatio: 1.2, window: '14d' },
      }),
    ).toEqual({ volume: '14d', freshness: '14d' });
  });

  it('falls back to the default window for missing or malformed windows', () => {
    expect(sloWindows(undefined)).toEqual({
      volume: DEFAULT_SLO_WINDOW,
      freshness: DEFAULT_SLO_WINDOW,
    });
    expect(
      sloWindows({
        freshness: { maxDelay: '1h', window: 'a month' },
        volume: { minRatio: 0.8, maxRatio: 1.2, window: '' },
      }),
    ).toEqual({ volume: DEFAULT_SLO_WINDOW, freshness: DEFAULT_SLO_WINDOW });
    expect(
      sloWindows({
        freshness: { maxDelay: '1h', window: '0d' },
        volume: { minRatio: 0.8, maxRatio: 1.2, window: '0w' },
      }),
    ).toEqual({ volume: DEFAULT_SLO_WINDOW, freshness: DEFAULT_SLO_WINDOW });
  });
});
