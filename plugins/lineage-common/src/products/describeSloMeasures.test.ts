import type { PortSlo } from './ProductSlo';
import { describeSloMeasures } from './describeSloMeasures';

const WINDOW = 7 * 24 * 3_600_000;

const withSchema = (schema: PortSlo['schema']): PortSlo => ({
  name: 'sessions',
  dataset: { namespace: 'snowflake://acme', name: 'WEB.SESSIONS' },
  observed: true,
  schema,
});

describe('describeSloMeasures', () => {
  it('names the columns written outside the contract beside those missing, as a rename leaves them', () => {
    expect(
      describeSloMeasures(
        withSchema({
          status: 'breached',
          missingColumns: ['ANONYMOUS_ID'],
          typeChanges: [],
          extraColumns: ['VISITOR_ID'],
        }),
        WINDOW,
      ),
    ).toEqual([
      {
        slo: 'schema drift',
        status: 'breached',
        lastValue:
          'ANONYMOUS_ID missing; also written: VISITOR_ID (not in the contract)',
      },
    ]);
    expect(
      describeSloMeasures(
        withSchema({
          status: 'met',
          missingColumns: [],
          typeChanges: [],
          extraColumns: Array.from({ length: 12 }, (_, i) => `c${i}`),
        }),
        WINDOW,
      )[0].lastValue,
    ).toMatch(
      /^matches the contract; also written: c0, .* and \d+ more \(not in the contract\)$/,
    );
  });
});
