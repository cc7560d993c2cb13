import { summarizeSloStatus } from './summarizeSloStatus';

describe('summarizeSloStatus', () => {
  it('names every SLO breached on any port, once', () => {
    expect(
      summarizeSloStatus([
        { freshness: { status: 'breached' }, volume: { status: 'met' } },
        {
          freshness: { status: 'breached' },
          schema: { status: 'breached' },
        },
      ]),
    ).toEqual({
      status: 'breaching',
      breaching: ['freshness', 'schema drift'],
      unobserved: [],
      unjudged: [],
    });
  });

  it('counts freshness as breached when its attainment misses the objective, named apart from data stale now', () => {
    expect(
      summarizeSloStatus([
        { freshness: { status: 'met', attainmentStatus: 'breached' } },
      ]),
    ).toEqual({
      status: 'breaching',
      breaching: ['freshness objective'],
      unobserved: [],
      unjudged: [],
    });
    expect(
      summarizeSloStatus([
        { freshness: { status: 'breached', attainmentStatus: 'breached' } },
      ]).breaching,
    ).toEqual(['freshness']);
  });

  it('is ok when what was measured is met, unknown when nothing was', () => {
    expect(
      summarizeSloStatus([
        { freshness: { status: 'met' }, quality: { status: 'unknown' } },
      ]),
    ).toEqual({ status: 'ok', breaching: [], unobserved: [], unjudged: [] });
    expect(summarizeSloStatus([{ schema: { status: 'unknown' } }, {}])).toEqual(
      { status: 'unknown', breaching: [], unobserved: [], unjudged: [] },
    );
    expect(summarizeSloStatus([])).toEqual({
      status: 'unknown',
      breaching: [],
      unobserved: [],
      unjudged: [],
    });
  });

  it('names the ports no event mentions yet, which ok says nothing about', () => {
    expect(
      summarizeSloStatus([
        { name: 'orders', observed: true, freshness: { status: 'met' } },
        { name: 'refunds', observed: false },
      ]),
    ).toEqual({
      status: 'ok',
      breaching: [],
      unobserved: ['refunds'],
      unjudged: [],
    });
  });

  it('names the SLOs a seen port declares that could not be judged, which ok says nothing about', () => {
    expect(
      summarizeSloStatus([
        {
          name: 'orders',
          freshness: { status: 'met' },
          volume: { status: 'met' },
          quality: { status: 'met', rules: [{}] },
        },
        {
          name: 'refunds',
          freshness: { status: 'unknown' },
          volume: { status: 'unknown' },
          quality: { status: 'unknown', rules: [{}] },
          schema: { status: 'unknown' },
        },
        {
          name: 'archive',
          quality: {
            status: 'unknown',
            rules: [],
            staleReportedAt: '2026-11-01',
          },
        },
      ]),
    ).toEqual({
      status: 'ok',
      breaching: [],
      unobserved: [],
      unjudged: [
        'freshness of refunds',
        'volume of refunds',
        'quality of refunds',
        'quality of archive',
      ],
    });
    // No rule and no report: no quality SLO to judge.
    expect(
      summarizeSloStatus([
        {
          freshness: { status: 'met' },
          quality: { status: 'unknown', rules: [] },
        },
      ]).unjudged,
    ).toEqual([]);
  });
});
