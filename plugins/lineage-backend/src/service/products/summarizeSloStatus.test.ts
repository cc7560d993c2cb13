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
    });
  });

  it('counts freshness as breached when its attainment misses the objective', () => {
    expect(
      summarizeSloStatus([
        { freshness: { status: 'met', attainmentStatus: 'breached' } },
      ]),
    ).toEqual({ status: 'breaching', breaching: ['freshness'] });
  });

  it('is ok when what was measured is met, unknown when nothing was', () => {
    expect(
      summarizeSloStatus([
        { freshness: { status: 'met' }, quality: { status: 'unknown' } },
      ]),
    ).toEqual({ status: 'ok', breaching: [] });
    expect(summarizeSloStatus([{ schema: { status: 'unknown' } }, {}])).toEqual(
      { status: 'unknown', breaching: [] },
    );
    expect(summarizeSloStatus([])).toEqual({
      status: 'unknown',
      breaching: [],
    });
  });
});
