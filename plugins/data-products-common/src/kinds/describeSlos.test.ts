import { describeSlos } from './describeSlos';

describe('describeSlos', () => {
  it('says each declared SLO in plain words', () => {
    expect(
      describeSlos({
        freshness: { maxDelay: '30m', objective: '99%' },
        volume: { minRatio: 0.8, maxRatio: 1.2, window: '7d' },
        quality: [
          { column: 'customer_id', metric: 'nullRate', max: 0.001 },
          {
            port: 'orders',
            column: 'order_id',
            metric: 'rowCount',
            min: 1,
            max: 10,
          },
        ],
        schema: { breakingChangeNotice: '1w' },
      }),
    ).toEqual([
      'Updated within 30 minutes, 99% of the time over the last 7 days.',
      'Each load writes between 80% and 120% of the average row count over the last 7 days.',
      'customer_id: null rate at most 0.001.',
      'order_id on port orders: row count at least 1 and at most 10.',
      'Breaking schema changes are announced 1 week ahead.',
    ]);
  });

  it('says a row count rule of no column is of the table', () => {
    expect(
      describeSlos({
        quality: [
          { metric: 'rowCount', min: 1 },
          { port: 'orders', metric: 'rowCount', max: 10 },
        ],
      }),
    ).toEqual([
      'Each table: row count at least 1.',
      'Each table on port orders: row count at most 10.',
    ]);
  });

  it('says the window freshness attainment is measured over', () => {
    expect(
      describeSlos({
        freshness: { maxDelay: '2h', objective: '99.5%', window: '4w' },
        volume: { minRatio: 0.8, maxRatio: 1.2, window: '7d' },
      })[0],
    ).toBe('Updated within 2 hours, 99.5% of the time over the last 4 weeks.');
    expect(
      describeSlos({
        freshness: { maxDelay: '2h', objective: '99.5%', window: '1w' },
      })[0],
    ).toBe('Updated within 2 hours, 99.5% of the time over the last week.');
    expect(
      describeSlos({ freshness: { maxDelay: '2h', objective: '99.5%' } })[0],
    ).toBe('Updated within 2 hours, 99.5% of the time over the last 7 days.');
  });

  it('is empty when nothing is declared', () => {
    expect(describeSlos(undefined)).toEqual([]);
    expect(describeSlos({})).toEqual([]);
  });

  it('leaves out the objective when not given, and says the default window', () => {
    expect(
      describeSlos({
        freshness: { maxDelay: '1d' },
        volume: { minRatio: 0.5, maxRatio: 2 },
      }),
    ).toEqual([
      'Updated within 1 day.',
      'Each load writes between 50% and 200% of the average row count over the last 7 days.',
    ]);
  });
});
