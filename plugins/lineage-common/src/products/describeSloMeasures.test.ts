import { formatTime } from '@meshwork/plugin-data-products-common';
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

  it('says when and by which job a port was dropped since its last write', () => {
    const at = '2026-12-01T11:50:00.000Z';
    const dropped = { at, job: { namespace: 'etl', name: 'orders_drop' } };
    const measures = describeSloMeasures(
      {
        ...withSchema(undefined),
        freshness: {
          status: 'breached',
          maxDelayMs: 24 * 3_600_000,
          lastSuccessfulWrite: '2026-12-01T11:00:00.000Z',
          ageMs: 3_600_000,
          dropped,
          windowMs: WINDOW,
          attainmentStatus: 'met',
        },
        volume: {
          status: 'breached',
          band: { minRatio: 0.5, maxRatio: 2 },
          samples: 0,
          dropped: { at },
        },
      },
      WINDOW,
    );
    expect(measures.map(m => [m.slo, m.status, m.lastValue])).toEqual([
      [
        'freshness',
        'breached',
        `dropped ${formatTime(
          at,
        )} by etl/orders_drop; last write before it 1h ago (max 1d)`,
      ],
      ['volume', 'breached', `no rows: dropped ${formatTime(at)}`],
    ]);
  });

  it('says which dataset a port was renamed to', () => {
    const at = '2026-12-01T11:50:00.000Z';
    const dropped = {
      at,
      job: { namespace: 'etl', name: 'orders_swap' },
      renamedTo: { namespace: 'postgres://db:5432', name: 'mart.orders_v2' },
    };
    const measures = describeSloMeasures(
      {
        ...withSchema(undefined),
        volume: {
          status: 'breached',
          band: { minRatio: 0.5, maxRatio: 2 },
          samples: 0,
          dropped,
        },
      },
      WINDOW,
    );
    expect(measures.map(m => m.lastValue)).toContain(
      `no rows: renamed to postgres://db:5432/mart.orders_v2 ${formatTime(
        at,
      )} by etl/orders_swap`,
    );
  });

  it('says a port only a stream writes is not judged on volume, not that no counts came', () => {
    expect(
      describeSloMeasures(
        {
          ...withSchema(undefined),
          volume: {
            status: 'unknown',
            band: { minRatio: 0.5, maxRatio: 2 },
            samples: 0,
            streamed: true,
          },
        },
        WINDOW,
      ),
    ).toEqual([
      {
        slo: 'volume',
        status: 'unknown',
        lastValue:
          'not judged: written by a stream, whose runs never complete a load to count',
      },
    ]);
  });
});
