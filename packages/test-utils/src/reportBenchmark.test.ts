import { reportBenchmark } from './reportBenchmark';

describe('reportBenchmark', () => {
  beforeEach(() => jest.spyOn(console, 'log').mockImplementation(() => {}));

  it('prints the figure, the baseline, the ratio and the verdict', () => {
    expect(
      reportBenchmark({
        name: 'products',
        value: 1.5,
        unit: 's',
        baseline: { name: 'components', value: 1.2 },
        target: { max: 1.5 * 1.2 },
      }),
    ).toBe(
      'products: 1.5 s | baseline components: 1.2 s | ratio 1.25 | target <= 1.8: met',
    );
  });

  it('says when a target is missed', () => {
    expect(
      reportBenchmark({
        name: 'ingest',
        value: 10,
        unit: 'events/s',
        target: { min: 100 },
      }),
    ).toBe('ingest: 10 events/s | target >= 100: MISSED');
  });
});
