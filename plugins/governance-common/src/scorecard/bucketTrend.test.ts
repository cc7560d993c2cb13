import { bucketTrend } from './bucketTrend';

const levels = (gold: number) => ({ none: 0, bronze: 1, silver: 0, gold });

describe('bucketTrend', () => {
  const evaluations = [
    {
      evaluatedAt: '2026-11-23T22:10:00.000Z',
      averageScore: 80,
      products: 3,
      levels: levels(2),
    },
    {
      evaluatedAt: '2026-11-23T23:50:00.000Z',
      averageScore: 90,
      products: 4,
      levels: levels(3),
    },
    {
      evaluatedAt: '2026-11-24T00:05:00.000Z',
      averageScore: 95,
      products: 4,
      levels: levels(3),
    },
  ];

  it('averages each UTC day and keeps its last products and levels', () => {
    expect(bucketTrend(evaluations, 'day')).toEqual([
      {
        period: '2026-11-23T00:00:00.000Z',
        averageScore: 85,
        products: 4,
        levels: levels(3),
        evaluatedAt: '2026-11-23T23:50:00.000Z',
      },
      {
        period: '2026-11-24T00:00:00.000Z',
        averageScore: 95,
        products: 4,
        levels: levels(3),
        evaluatedAt: '2026-11-24T00:05:00.000Z',
      },
    ]);
  });

  it('buckets by hour too', () => {
    expect(bucketTrend(evaluations, 'hour').map(p => p.period)).toEqual([
      '2026-11-23T22:00:00.000Z',
      '2026-11-23T23:00:00.000Z',
      '2026-11-24T00:00:00.000Z',
    ]);
    expect(bucketTrend([], 'day')).toEqual([]);
  });
});
