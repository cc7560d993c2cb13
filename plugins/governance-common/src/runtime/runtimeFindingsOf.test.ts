import type { LineageProductSlo } from './LineageMeasurements';
import { runtimeFindingsOf } from './runtimeFindingsOf';

const MIN = 60_000;
const DAY = 24 * 60 * MIN;

const port = (
  change: Partial<LineageProductSlo['outputPorts'][number]> = {},
): LineageProductSlo['outputPorts'][number] => ({
  name: 'orders',
  observed: true,
  freshness: {
    status: 'met',
    maxDelayMs: 30 * MIN,
    lastSuccessfulWrite: '2026-12-07T02:36:41.000Z',
    attainment: 1,
    windowMs: 7 * DAY,
    objective: 0.99,
    attainmentStatus: 'met',
  },
  volume: {
    status: 'met',
    latestRowCount: 1000,
    averageRowCount: 980,
    ratio: 1.02,
    band: { minRatio: 0.8, maxRatio: 1.2 },
  },
  schema: { status: 'met', missingColumns: [], typeChanges: [] },
  ...change,
});

const noDrift = {
  product: 'dataproduct:default/orders',
  observed: true,
  undeclaredInputs: [],
};

/** The freshness finding of a port measured as `freshness`. */
const freshnessFinding = (
  freshness: LineageProductSlo['outputPorts'][number]['freshness'],
) =>
  runtimeFindingsOf({ outputPorts: [port({ freshness })] }, noDrift).freshness;

describe('runtimeFindingsOf', () => {
  it('says when a port was never written successfully since its first failed run', () => {
    expect(
      freshnessFinding({
        status: 'breached',
        maxDelayMs: 30 * MIN,
        firstFailedWrite: '2026-12-01T06:00:00.000Z',
        windowMs: 7 * DAY,
        attainmentStatus: 'met',
      }),
    ).toEqual({
      status: 'fail',
      message:
        'orders: no successful write since its first failed run, 2026-12-01 06:00 UTC (SLO 30 min).',
    });
  });

  it('gives an attainment just short of its objective as short of it', () => {
    expect(
      freshnessFinding({
        ...port().freshness!,
        attainment: 0.98998,
        attainmentStatus: 'breached',
      }),
    ).toEqual({
      status: 'fail',
      message: 'orders: fresh 98.998% of the last 7 d (objective 99%).',
    });
  });

  it.each([
    [20_000, '20 s'],
    [90_000, '1 min 30 s'],
    [30 * MIN, '30 min'],
    [90 * MIN, '1 h 30 min'],
    [3_630_000, '1 h 30 s'],
    [DAY, '1 d'],
    [3 * DAY + 2 * 60 * MIN, '3 d 2 h'],
  ])('gives an SLO of %i ms as %s', (maxDelayMs, described) => {
    expect(
      freshnessFinding({ ...port().freshness!, maxDelayMs })?.message,
    ).toBe(
      `orders: last successful write at 2026-12-07 02:36 UTC (SLO ${described}).`,
    );
  });

  it('gives a window under an hour in minutes and seconds', () => {
    expect(
      freshnessFinding({
        ...port().freshness!,
        maxDelayMs: 20_000,
        status: 'breached',
        attainment: 0.5,
        windowMs: 90_000,
        attainmentStatus: 'breached',
      })?.message,
    ).toBe(
      'orders: last successful write at 2026-12-07 02:36 UTC (SLO 20 s). orders: fresh 50% of the last 1 min 30 s (objective 99%).',
    );
  });

  it('passes what lineage measured within the SLOs', () => {
    expect(runtimeFindingsOf({ outputPorts: [port()] }, noDrift)).toEqual({
      freshness: {
        status: 'pass',
        message:
          'orders: last successful write at 2026-12-07 02:36 UTC (SLO 30 min).',
      },
      volume: {
        status: 'pass',
        message:
          'orders: last run wrote 1,000 rows, 1.02× the average of 980 (band 0.8–1.2).',
      },
      schemaDrift: {
        status: 'pass',
        message: 'orders: written schema matches the contract.',
      },
      undeclaredDependencies: {
        status: 'pass',
        message: 'Reads only what its input ports declare.',
      },
    });
  });

  it('fails what breaches, naming the port and the figures', () => {
    const findings = runtimeFindingsOf(
      {
        outputPorts: [
          port({
            freshness: {
              status: 'breached',
              maxDelayMs: 30 * MIN,
              lastSuccessfulWrite: '2026-12-06T23:28:00.000Z',
              attainment: 0.8,
              windowMs: 28 * DAY,
              objective: 0.99,
              attainmentStatus: 'breached',
            },
            volume: {
              status: 'breached',
              latestRowCount: 100,
              averageRowCount: 1000,
              ratio: 0.1,
              band: { minRatio: 0.8, maxRatio: 1.2 },
            },
            schema: {
              status: 'breached',
              missingColumns: ['email'],
              typeChanges: [
                { column: 'id', contract: 'bigint', observed: 'varchar' },
              ],
            },
          }),
          port({ name: 'archive' }),
        ],
      },
      {
        product: 'dataproduct:default/orders',
        observed: true,
        undeclaredInputs: [
          {
            product: 'dataproduct:default/customers',
            dataset: { namespace: 'pg', name: 'a.customers' },
          },
          { dataset: { namespace: 'pg', name: 'raw.events' } },
        ],
      },
    );
    expect(findings).toEqual({
      freshness: {
        status: 'fail',
        message:
          'orders: last successful write at 2026-12-06 23:28 UTC (SLO 30 min). orders: fresh 80% of the last 28 d (objective 99%).',
      },
      volume: {
        status: 'fail',
        message:
          'orders: last run wrote 100 rows, 0.1× the average of 1,000 (band 0.8–1.2).',
      },
      schemaDrift: {
        status: 'fail',
        message:
          'orders: column email missing, id is varchar (contract: bigint).',
      },
      undeclaredDependencies: {
        status: 'fail',
        message:
          'Reads dataproduct:default/customers, pg/raw.events without an input port.',
      },
    });
  });

  it('fails freshness and volume of a port dropped since its last write, naming when and by which job', () => {
    const dropped = {
      at: '2026-12-07T02:50:00.000Z',
      job: { namespace: 'etl', name: 'orders_drop' },
    };
    const findings = runtimeFindingsOf(
      {
        outputPorts: [
          port({
            freshness: {
              status: 'breached',
              maxDelayMs: 30 * MIN,
              lastSuccessfulWrite: '2026-12-07T02:36:41.000Z',
              dropped,
              windowMs: 7 * DAY,
              attainmentStatus: 'met',
            },
            volume: {
              status: 'breached',
              band: { minRatio: 0.8, maxRatio: 1.2 },
              dropped: { at: dropped.at },
            },
          }),
        ],
      },
      noDrift,
    );
    expect(findings.freshness).toEqual({
      status: 'fail',
      message:
        'orders: dropped at 2026-12-07 02:50 UTC by etl/orders_drop, no write since (SLO 30 min).',
    });
    expect(findings.volume).toEqual({
      status: 'fail',
      message: 'orders: no rows, dropped at 2026-12-07 02:50 UTC.',
    });
  });

  it("is unknown on volume when a port's latest write counted no rows, whatever the other ports", () => {
    const uncounted = (rowCountBefore?: number) =>
      port({
        name: 'refunds',
        volume: {
          status: 'unknown',
          band: { minRatio: 0.8, maxRatio: 1.2 },
          uncountedWrite: {
            endedAt: '2026-12-07T01:02:03.000Z',
            rowCountBefore,
          },
        },
      });
    expect(
      runtimeFindingsOf({ outputPorts: [port(), uncounted(12000)] }, noDrift)
        .volume,
    ).toEqual({
      status: 'unknown',
      message:
        'refunds: the latest write, at 2026-12-07 01:02 UTC, reported no row count (the one before: 12,000).',
    });
    expect(
      runtimeFindingsOf({ outputPorts: [uncounted()] }, noDrift).volume
        ?.message,
    ).toBe(
      'refunds: the latest write, at 2026-12-07 01:02 UTC, reported no row count.',
    );
  });

  it('leaves unknown what lineage has not measured', () => {
    expect(runtimeFindingsOf(undefined, undefined)).toEqual({});
    expect(
      runtimeFindingsOf({ outputPorts: [port({ observed: false })] }, noDrift),
    ).toEqual({});
    expect(
      runtimeFindingsOf(
        {
          outputPorts: [
            port({
              freshness: undefined,
              volume: {
                status: 'unknown',
                band: { minRatio: 0.8, maxRatio: 1.2 },
              },
            }),
          ],
        },
        undefined,
      ),
    ).toEqual({
      freshness: undefined,
      volume: undefined,
      schemaDrift: {
        status: 'pass',
        message: 'orders: written schema matches the contract.',
      },
    });
    // An average of 0 rows gives no ratio.
    expect(
      runtimeFindingsOf(
        {
          outputPorts: [
            port({
              volume: {
                status: 'breached',
                latestRowCount: 500,
                averageRowCount: 0,
                band: { minRatio: 0.8, maxRatio: 1.2 },
              },
            }),
          ],
        },
        noDrift,
      ).volume?.message,
    ).toBe(
      'orders: last run wrote 500 rows, against an average of 0 (band 0.8–1.2).',
    );
    // Its port read by consumers, never seen written: what it reads is not
    // known.
    expect(
      runtimeFindingsOf(
        { outputPorts: [port()] },
        { ...noDrift, observed: false },
      ).undeclaredDependencies,
    ).toBeUndefined();
  });

  it('names ten columns of a drifted schema and ten undeclared inputs, and counts the rest', () => {
    const names = (prefix: string) =>
      Array.from({ length: 12 }, (_, i) => `${prefix}${i}`);
    const findings = runtimeFindingsOf(
      {
        outputPorts: [
          port({
            schema: {
              status: 'breached',
              missingColumns: names('c'),
              typeChanges: [],
            },
          }),
        ],
      },
      {
        ...noDrift,
        undeclaredInputs: names('t').map(name => ({
          dataset: { namespace: 'pg', name },
        })),
      },
    );
    expect(findings.schemaDrift).toEqual({
      status: 'fail',
      message: `orders: ${names('c')
        .slice(0, 10)
        .map(c => `column ${c} missing`)
        .join(', ')} and 2 more.`,
    });
    expect(findings.undeclaredDependencies).toEqual({
      status: 'fail',
      message: `Reads ${names('pg/t')
        .slice(0, 10)
        .join(', ')} and 2 more without an input port.`,
    });
  });

  it('quotes ten ports breaching one measure and counts the rest', () => {
    const volume = {
      status: 'breached' as const,
      latestRowCount: 100,
      averageRowCount: 1000,
      ratio: 0.1,
      band: { minRatio: 0.8, maxRatio: 1.2 },
    };
    const findings = runtimeFindingsOf(
      {
        outputPorts: Array.from({ length: 12 }, (_, i) =>
          port({ name: `port_${i}`, volume }),
        ),
      },
      noDrift,
    );
    expect(findings.volume).toEqual({
      status: 'fail',
      message: `${Array.from(
        { length: 10 },
        (_, i) =>
          `port_${i}: last run wrote 100 rows, 0.1× the average of 1,000 (band 0.8–1.2).`,
      ).join(' ')} And 2 more.`,
    });
  });
});

describe('runtimeFindingsOf: quality', () => {
  type Quality = NonNullable<
    LineageProductSlo['outputPorts'][number]['quality']
  >;
  const measured = (change: Partial<Quality['rules'][number]> = {}) => ({
    column: 'customer_id',
    metric: 'nullRate' as const,
    max: 0.03,
    value: 0.01,
    status: 'met' as const,
    ...change,
  });
  const quality = (change: Partial<Quality> = {}): Quality => ({
    status: 'met',
    rules: [
      measured(),
      measured({
        column: 'order_id',
        metric: 'duplicateRate',
        max: 0,
        value: 0,
      }),
    ],
    failedAssertions: [],
    ...change,
  });
  const qualityFinding = (
    ...ports: Array<Partial<LineageProductSlo['outputPorts'][number]>>
  ) =>
    runtimeFindingsOf({ outputPorts: ports.map(p => port(p)) }, noDrift)
      .quality;

  it('passes when every rule is met', () => {
    expect(qualityFinding({ quality: quality() })).toEqual({
      status: 'pass',
      message: 'orders: 2 quality rules met.',
    });
    // Assertions alone, none failing, meet it too.
    expect(qualityFinding({ quality: quality({ rules: [] }) })).toEqual({
      status: 'pass',
      message: 'orders: quality assertions passed.',
    });
  });

  it('fails naming the port, each breached rule with its value and bound, and failed assertions', () => {
    const breached = measured({
      value: 0.05000311351889906,
      status: 'breached',
    });
    expect(
      qualityFinding({
        quality: quality({
          status: 'breached',
          rules: [
            breached,
            measured({
              column: 'order_id',
              metric: 'duplicateRate',
              max: 0,
              value: 0,
            }),
            { ...breached, maxExclusive: true, source: 'contract' },
            measured({
              column: 'orders',
              metric: 'rowCount',
              max: undefined,
              min: 5000,
              value: 120,
              status: 'breached',
            }),
            // Rounded, 0.03 would read as within its bound.
            measured({ column: 'email', value: 0.0300001, status: 'breached' }),
          ],
          failedAssertions: [
            {
              assertion: 'not_null',
              column: 'id',
              name: 'not_null_orders_id',
              expected: 0,
              actual: 3,
            },
            { assertion: 'row_count' },
          ],
        }),
      }),
    ).toEqual({
      status: 'fail',
      message:
        'orders: customer_id nullRate 0.05 (must be at most 0.03, product SLO; less than 0.03, contract), orders rowCount 120 (must be at least 5000), email nullRate 0.0300001 (must be at most 0.03), not_null_orders_id (not_null on id) failed: 3 (expected 0), row_count failed.',
    });
  });

  it('is unknown, saying why, for rules lineage could not judge; absent with nothing to judge', () => {
    expect(
      qualityFinding({
        quality: quality({
          status: 'unknown',
          rules: [
            measured(),
            measured({ column: 'email', value: undefined, status: 'unknown' }),
          ],
        }),
      }),
    ).toEqual({
      status: 'unknown',
      message:
        'orders: 1 of 2 quality rules met; not measured: email nullRate.',
    });
    expect(
      qualityFinding({
        quality: quality({
          status: 'unknown',
          rules: [measured({ value: undefined, status: 'unknown' })],
          staleReportedAt: '2026-11-01T06:00:00.000Z',
        }),
      }),
    ).toEqual({
      status: 'unknown',
      message:
        'orders: quality last reported 2026-11-01 06:00 UTC, before the SLO window.',
    });
    // No rule, no assertion reported: the check says why.
    expect(
      qualityFinding({ quality: quality({ status: 'unknown', rules: [] }) }),
    ).toBeUndefined();
    expect(qualityFinding({})).toBeUndefined();
    expect(
      qualityFinding({ quality: quality(), observed: false }),
    ).toBeUndefined();
  });

  it('leaves a check a seen port passes unknown while lineage has not seen another port, naming it', () => {
    const findings = runtimeFindingsOf(
      {
        outputPorts: [
          port(),
          port({ name: 'archive', observed: false, freshness: undefined }),
        ],
      },
      noDrift,
    );
    const unseen = {
      status: 'unknown',
      message: 'archive: no OpenLineage event mentions its dataset yet.',
    };
    expect(findings.freshness).toEqual(unseen);
    expect(findings.volume).toEqual(unseen);
    expect(findings.schemaDrift).toEqual(unseen);
    // A check no seen port is judged by stays absent; a breach still fails.
    expect(findings.quality).toBeUndefined();
    expect(
      runtimeFindingsOf(
        {
          outputPorts: [
            port({
              volume: {
                status: 'breached',
                latestRowCount: 10,
                averageRowCount: 1000,
                ratio: 0.01,
                band: { minRatio: 0.8, maxRatio: 1.2 },
              },
            }),
            port({ name: 'archive', observed: false }),
          ],
        },
        noDrift,
      ).volume?.status,
    ).toBe('fail');
  });

  it('combines the output ports: one breaching fails it, else one not judged leaves it unknown, else all met pass it', () => {
    const breached = quality({
      status: 'breached',
      rules: [measured({ value: 0.05, status: 'breached' })],
    });
    const unmeasured = quality({
      status: 'unknown',
      rules: [measured({ value: undefined, status: 'unknown' })],
    });
    expect(
      qualityFinding(
        { quality: quality() },
        { name: 'order-lines', quality: breached },
        { name: 'archive', quality: unmeasured },
      ),
    ).toEqual({
      status: 'fail',
      message: 'order-lines: customer_id nullRate 0.05 (must be at most 0.03).',
    });
    // A port met does not vouch for another's rules, not measured yet or
    // last reported before the SLO window.
    expect(
      qualityFinding(
        { quality: quality() },
        { name: 'order-lines', quality: quality({ rules: [measured()] }) },
        { name: 'archive', quality: unmeasured },
      ),
    ).toEqual({
      status: 'unknown',
      message:
        'archive: 0 of 1 quality rule met; not measured: customer_id nullRate.',
    });
    expect(
      qualityFinding(
        { quality: quality() },
        {
          name: 'archive',
          quality: {
            ...unmeasured,
            staleReportedAt: '2026-11-01T06:00:00.000Z',
          },
        },
      ),
    ).toEqual({
      status: 'unknown',
      message:
        'archive: quality last reported 2026-11-01 06:00 UTC, before the SLO window.',
    });
    expect(
      qualityFinding(
        { quality: quality() },
        { name: 'order-lines', quality: quality({ rules: [measured()] }) },
      ),
    ).toEqual({
      status: 'pass',
      message: 'orders: 2 quality rules met. order-lines: 1 quality rule met.',
    });
    expect(
      qualityFinding(
        { quality: unmeasured },
        { name: 'archive', quality: unmeasured },
      ),
    ).toEqual({
      status: 'unknown',
      message:
        'orders: 0 of 1 quality rule met; not measured: customer_id nullRate. archive: 0 of 1 quality rule met; not measured: customer_id nullRate.',
    });
  });
});
