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

  it('averages each UTC day by how long each score held, and keeps its last products and levels', () => {
    expect(
      bucketTrend(evaluations, 'day', Date.parse('2026-11-24T00:10:00.000Z')),
    ).toEqual([
      {
        period: '2026-11-23T00:00:00.000Z',
        // 80 held for 100 minutes, 90 for the day's last 10.
        averageScore: 81,
        products: 4,
        levels: levels(3),
        evaluatedAt: '2026-11-23T23:50:00.000Z',
      },
      {
        period: '2026-11-24T00:00:00.000Z',
        // The 90 of the day before held until 00:05, then 95 until 00:10.
        averageScore: 93,
        products: 4,
        levels: levels(3),
        evaluatedAt: '2026-11-24T00:05:00.000Z',
      },
    ]);
  });

  it('counts a busy hour for an hour, not for each of its evaluations', () => {
    const at = (hour: number, minute: number, averageScore: number) => ({
      evaluatedAt: new Date(Date.UTC(2026, 10, 23, hour, minute)).toISOString(),
      averageScore,
      products: 3,
      levels: levels(2),
    });
    // Hourly at 90, but for an incident at noon evaluated every 5 minutes.
    const day = [
      ...Array.from({ length: 12 }, (_, hour) => at(hour, 0, 90)),
      ...Array.from({ length: 12 }, (_, step) => at(12, step * 5, 60)),
      ...Array.from({ length: 11 }, (_, hour) => at(13 + hour, 0, 90)),
    ];
    const [point] = bucketTrend(day, 'day', Date.UTC(2026, 10, 24));
    expect(point.averageScore).toBe(89);
  });

  it('buckets by hour too', () => {
    expect(
      bucketTrend(
        evaluations,
        'hour',
        Date.parse('2026-11-24T00:05:00.000Z'),
      ).map(p => p.period),
    ).toEqual([
      '2026-11-23T22:00:00.000Z',
      '2026-11-23T23:00:00.000Z',
      '2026-11-24T00:00:00.000Z',
    ]);
    expect(bucketTrend([], 'day', 0)).toEqual([]);
  });

  it('gives each period an evaluation held through, though none started in it', () => {
    const at = (evaluatedAt: string, products: number) => ({
      evaluatedAt,
      averageScore: 70,
      products,
      levels: levels(2),
    });
    const quiet = [
      at('2026-11-24T10:59:50.000Z', 3),
      at('2026-11-24T12:00:15.000Z', 4),
    ];
    expect(
      bucketTrend(quiet, 'hour', Date.parse('2026-11-24T12:30:00.000Z')),
    ).toEqual([
      {
        ...at('2026-11-24T10:59:50.000Z', 3),
        period: '2026-11-24T10:00:00.000Z',
      },
      // Held from 10:59:50, so it gives 11:00 its score, products and levels.
      {
        ...at('2026-11-24T10:59:50.000Z', 3),
        period: '2026-11-24T11:00:00.000Z',
      },
      {
        ...at('2026-11-24T12:00:15.000Z', 4),
        period: '2026-11-24T12:00:00.000Z',
      },
    ]);
    // Days alike; none before the first evaluation, nor from `until` on.
    expect(
      bucketTrend(
        [at('2026-11-22T23:00:00.000Z', 3), at('2026-11-24T01:00:00.000Z', 4)],
        'day',
        Date.parse('2026-11-25T00:00:00.000Z'),
      ).map(p => [p.period, p.products]),
    ).toEqual([
      ['2026-11-22T00:00:00.000Z', 3],
      ['2026-11-23T00:00:00.000Z', 3],
      ['2026-11-24T00:00:00.000Z', 4],
    ]);
  });

  it('counts from `since` only what the evaluation in force then held', () => {
    const at = (evaluatedAt: string, averageScore: number) => ({
      evaluatedAt,
      averageScore,
      products: 3,
      levels: levels(2),
    });
    expect(
      bucketTrend(
        [
          at('2026-11-24T08:00:00.000Z', 50),
          // In force at 11:30 though it started before: it opens the window.
          at('2026-11-24T10:00:00.000Z', 70),
          at('2026-11-24T12:30:00.000Z', 90),
        ],
        'hour',
        Date.parse('2026-11-24T13:00:00.000Z'),
        Date.parse('2026-11-24T11:30:00.000Z'),
      ).map(p => [p.period, p.averageScore]),
    ).toEqual([
      ['2026-11-24T11:00:00.000Z', 70],
      ['2026-11-24T12:00:00.000Z', 80],
    ]);
  });

  it('leaves out evaluations of no products, which have no score', () => {
    const at = (evaluatedAt: string, averageScore: number, products = 3) => ({
      evaluatedAt,
      averageScore,
      products,
      levels: levels(products ? 2 : 0),
    });
    expect(
      bucketTrend(
        [
          at('2026-11-24T08:00:00.000Z', 80),
          // A restart at 10:00: a pass before the catalog was read.
          at('2026-11-24T10:00:00.000Z', 0, 0),
          at('2026-11-24T10:00:30.000Z', 80),
          at('2026-11-24T11:00:00.000Z', 90),
        ],
        'hour',
        Date.parse('2026-11-24T12:00:00.000Z'),
        Date.parse('2026-11-24T09:00:00.000Z'),
      ).map(p => [p.period, p.averageScore, p.products]),
    ).toEqual([
      ['2026-11-24T09:00:00.000Z', 80, 3],
      ['2026-11-24T10:00:00.000Z', 80, 3],
      ['2026-11-24T11:00:00.000Z', 90, 3],
    ]);
    // The one in force at `since`, of no products: nothing held from it.
    expect(
      bucketTrend(
        [
          at('2026-11-24T08:00:00.000Z', 0, 0),
          at('2026-11-24T10:30:00.000Z', 80),
        ],
        'day',
        Date.parse('2026-11-24T11:30:00.000Z'),
        Date.parse('2026-11-24T09:00:00.000Z'),
      ).map(p => [p.period, p.averageScore]),
    ).toEqual([['2026-11-24T00:00:00.000Z', 80]]);
    expect(
      bucketTrend(
        [at('2026-11-24T08:00:00.000Z', 0, 0)],
        'day',
        Date.parse('2026-11-24T11:30:00.000Z'),
      ),
    ).toEqual([]);
  });

  it('ends the trend when the mesh is emptied, its last point saying there are no products', () => {
    const none = { none: 0, bronze: 0, silver: 0, gold: 0 };
    const emptied = [
      {
        evaluatedAt: '2026-11-22T12:00:00.000Z',
        averageScore: 60,
        products: 3,
        levels: levels(2),
      },
      // Every product removed from the catalog.
      {
        evaluatedAt: '2026-11-23T06:00:00.000Z',
        averageScore: 0,
        products: 0,
        levels: none,
      },
    ];
    const until = Date.parse('2026-11-25T12:00:00.000Z');
    // No score of 0 for the empty mesh, and none held on from before it.
    expect(
      bucketTrend(emptied, 'day', until).map(p => [
        p.period,
        p.averageScore,
        p.products,
        p.evaluatedAt,
      ]),
    ).toEqual([
      ['2026-11-22T00:00:00.000Z', 60, 3, '2026-11-22T12:00:00.000Z'],
      ['2026-11-23T00:00:00.000Z', 60, 0, '2026-11-23T06:00:00.000Z'],
    ]);
    expect(bucketTrend(emptied, 'day', until).pop()?.levels).toEqual(none);
    // A window that opens once the mesh is empty has nothing.
    expect(
      bucketTrend(emptied, 'hour', until, Date.parse('2026-11-24T00:00:00Z')),
    ).toEqual([]);
    // Emptied exactly at a period's start: the period before ends the
    // trend, saying so.
    const atMidnight = [
      emptied[0],
      { ...emptied[1], evaluatedAt: '2026-11-24T00:00:00.000Z' },
    ];
    expect(
      bucketTrend(atMidnight, 'day', until).map(p => [
        p.period,
        p.averageScore,
        p.products,
        p.evaluatedAt,
      ]),
    ).toEqual([
      ['2026-11-22T00:00:00.000Z', 60, 3, '2026-11-22T12:00:00.000Z'],
      ['2026-11-23T00:00:00.000Z', 60, 0, '2026-11-24T00:00:00.000Z'],
    ]);
    expect(
      bucketTrend(
        atMidnight,
        'hour',
        until,
        Date.parse('2026-11-23T23:00:00Z'),
      ).map(p => [p.period, p.averageScore, p.products]),
    ).toEqual([['2026-11-23T23:00:00.000Z', 60, 0]]);
    // Products again later: the period before held products to its end.
    expect(
      bucketTrend(
        [
          ...atMidnight,
          {
            evaluatedAt: '2026-11-25T06:00:00.000Z',
            averageScore: 90,
            products: 1,
            levels: levels(1),
          },
        ],
        'day',
        until,
      ).map(p => [p.period, p.averageScore, p.products]),
    ).toEqual([
      ['2026-11-22T00:00:00.000Z', 60, 3],
      ['2026-11-23T00:00:00.000Z', 60, 3],
      ['2026-11-25T00:00:00.000Z', 90, 1],
    ]);
    // Products again: the trend goes on from them.
    expect(
      bucketTrend(
        [
          ...emptied,
          {
            evaluatedAt: '2026-11-25T06:00:00.000Z',
            averageScore: 90,
            products: 1,
            levels: levels(1),
          },
        ],
        'day',
        until,
      ).map(p => [p.period, p.averageScore, p.products]),
    ).toEqual([
      ['2026-11-22T00:00:00.000Z', 60, 3],
      ['2026-11-23T00:00:00.000Z', 60, 0],
      ['2026-11-25T00:00:00.000Z', 90, 1],
    ]);
  });
});
