import { formatTime } from '@meshwork/plugin-data-products-common';
import type { PortSlo } from '../../api';
import { sloRows } from './sloRows';

const DAY = 86_400_000;
const band = { minRatio: 0.5, maxRatio: 2 };

const portWith = (volume: PortSlo['volume']): PortSlo => ({
  name: 'orders',
  dataset: { namespace: 'ns', name: 'mart.orders' },
  observed: true,
  volume,
});

describe('sloRows', () => {
  it('says when the latest write reported no row count, and the count before it', () => {
    const endedAt = '2026-12-01T11:00:00.000Z';
    const [volume] = sloRows(
      portWith({
        status: 'unknown',
        band,
        samples: 3,
        uncountedWrite: { endedAt, rowCountBefore: 1_000 },
      }),
      [],
      28 * DAY,
    );
    expect(volume).toMatchObject({
      slo: 'volume',
      status: 'unknown',
      lastValue: `no row count from the latest write (${formatTime(
        endedAt,
      )}); the write before: 1,000 rows`,
    });
    const [none] = sloRows(
      portWith({
        status: 'unknown',
        band,
        samples: 0,
        uncountedWrite: { endedAt },
      }),
      [],
      28 * DAY,
    );
    expect(none.lastValue).toBe(
      `no row count from the latest write (${formatTime(endedAt)})`,
    );
  });

  it('gives the latest row count against the average, or that none was reported', () => {
    expect(
      sloRows(
        portWith({
          status: 'met',
          latestRowCount: 12_345,
          averageRowCount: 12_000,
          ratio: 1.03,
          band,
          samples: 7,
        }),
        [],
        28 * DAY,
      )[0].lastValue,
    ).toBe('12,345 rows, 1.03× the average (allowed 0.5–2)');
    expect(
      sloRows(
        portWith({ status: 'unknown', band, samples: 0 }),
        [],
        28 * DAY,
      )[0].lastValue,
    ).toBe('no row counts reported');
  });
});
