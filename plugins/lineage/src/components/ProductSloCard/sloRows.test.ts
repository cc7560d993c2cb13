import { formatTime } from '@meshwork/plugin-data-products-common';
import type { PortSlo } from '../../api';
import type { ProductRun } from '../ProductRunsCard/loadProductRuns';
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

  it('says a port written only by a stream is not judged on volume, not that it reported no counts', () => {
    expect(
      sloRows(
        portWith({ status: 'unknown', band, samples: 0, streamed: true }),
        [],
        28 * DAY,
      )[0].lastValue,
    ).toBe(
      'not judged: written by a stream, whose runs never complete a load to count',
    );
  });

  it('blames a drop since the last write on the run that dropped the data, or on a dataset event', () => {
    const at = '2026-12-01T11:50:00.000Z';
    const run = (runId: string, job: string): ProductRun => ({
      runId,
      state: 'COMPLETE',
      endedAt: at,
      firstEventAt: at,
      facets: {},
      job,
      ports: ['orders'],
      named: false,
    });
    // Newest first: a later run of a job of that name (another namespace's,
    // or one that dropped nothing) is not the one that dropped it.
    const runs = [
      run('later', 'orders_drop'),
      run('drop', 'orders_drop'),
      run('load', 'orders_load'),
    ];
    const port = (job?: { namespace: string; name: string }): PortSlo => ({
      ...portWith({
        status: 'breached',
        band,
        samples: 0,
        dropped: { at, job, runId: job && 'drop' },
      }),
      freshness: {
        status: 'breached',
        maxDelayMs: DAY,
        lastSuccessfulWrite: '2026-12-01T11:00:00.000Z',
        ageMs: 3_600_000,
        dropped: { at, job, runId: job && 'drop' },
        windowMs: 28 * DAY,
        attainmentStatus: 'met',
      },
    });
    const dropped = `dropped ${formatTime(at)}`;
    const [freshness, volume] = sloRows(
      port({ namespace: 'etl', name: 'orders_drop' }),
      runs,
      28 * DAY,
    );
    expect(freshness).toMatchObject({
      slo: 'freshness',
      status: 'breached',
      lastValue: `${dropped} by etl/orders_drop; last write before it 1h ago (max 1d)`,
      cause: { run: runs[1], note: 'The run that dropped the data' },
    });
    const [renamed] = sloRows(
      {
        ...port({ namespace: 'etl', name: 'orders_drop' }),
        freshness: {
          ...port().freshness!,
          dropped: {
            at,
            job: { namespace: 'etl', name: 'orders_drop' },
            runId: 'drop',
            renamedTo: { namespace: 'etl', name: 'orders_v2' },
          },
        },
      },
      runs,
      28 * DAY,
    );
    expect(renamed.cause).toEqual({
      run: runs[1],
      note: 'The run that renamed the data away',
    });
    expect(volume).toMatchObject({
      slo: 'volume',
      status: 'breached',
      lastValue: `no rows: ${dropped} by etl/orders_drop`,
      cause: { run: runs[1] },
    });
    expect(sloRows(port(), runs, 28 * DAY).map(row => row.cause)).toEqual([
      { note: 'Dropped by a dataset event' },
      { note: 'Dropped by a dataset event' },
    ]);
  });
});
