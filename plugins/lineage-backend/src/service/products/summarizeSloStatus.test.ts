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
    ).toEqual({ status: 'ok', breaching: [], unobserved: [] });
    expect(summarizeSloStatus([{ schema: { status: 'unknown' } }, {}])).toEqual(
      { status: 'unknown', breaching: [], unobserved: [] },
    );
    expect(summarizeSloStatus([])).toEqual({
      status: 'unknown',
      breaching: [],
      unobserved: [],
    });
  });

  it('names the ports no event mentions yet, which ok says nothing about', () => {
    expect(
      summarizeSloStatus([
        { name: 'orders', observed: true, freshness: { status: 'met' } },
        { name: 'refunds', observed: false },
      ]),
    ).toEqual({ status: 'ok', breaching: [], unobserved: ['refunds'] });
  });
});
